import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiError, SERVER_ERROR } from '../../../testing/answers';
import { captureDownloads, exportHeaders } from '../../../testing/exports';
import { errorMessage } from '../../core/errors/api-error';
import { ExportDownload, fileNameOf, type ExportProgress } from './export-download';
import { formatBytes } from './export-button';

describe('fileNameOf', () => {
  it('prefers the UTF-8 name, which keeps Chinese', () => {
    expect(
      fileNameOf(
        `attachment; filename="______-________.xlsx"; filename*=UTF-8''%E7%A6%8F%E5%B7%9E-%E4%B8%AA%E4%BA%BA%E7%BC%B4%E8%B4%B9%E6%98%8E%E7%BB%86.xlsx`,
      ),
    ).toBe('福州-个人缴费明细.xlsx');
  });

  it('reads the name whatever the case and order of the parameters', () => {
    expect(fileNameOf(`ATTACHMENT; FILENAME*=utf-8''a%20b.xlsx; filename="x.xlsx"`)).toBe('a b.xlsx');
  });

  it('falls back to the plain name, quoted or not, when there is no UTF-8 one or it is broken', () => {
    expect(fileNameOf('attachment; filename="report 2026.xlsx"')).toBe('report 2026.xlsx');
    expect(fileNameOf('attachment; filename=report.xlsx')).toBe('report.xlsx');
    expect(fileNameOf(`attachment; filename="plain.xlsx"; filename*=UTF-8''%E7%A6`)).toBe('plain.xlsx');
  });

  it('gives null when there is no name', () => {
    expect(fileNameOf(null)).toBeNull();
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf('attachment; filename=""')).toBeNull();
  });
});

describe('formatBytes', () => {
  it('counts bytes, then kilobytes and megabytes with one decimal', () => {
    expect([0, 1023, 1024, 1536, 1024 * 1024, 5.25 * 1024 * 1024].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KB',
      '1.5 KB',
      '1.0 MB',
      '5.3 MB',
    ]);
  });
});

describe('ExportDownload', () => {
  let http: HttpTestingController;
  let exports: ExportDownload;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    exports = TestBed.inject(ExportDownload);
  });

  afterEach(() => http.verify());

  it('saves under the fallback name when the server gives none', () => {
    const saved = captureDownloads();
    const progress: ExportProgress[] = [];
    exports.download('/api/x/export', { q: '王' }, '个人缴费明细.xlsx').subscribe((p) => progress.push(p));

    const request = http.expectOne('/api/x/export?q=%E7%8E%8B');
    expect(request.request.reportDownloadProgress).toBeTrue();
    request.flush(new Blob(['abc']));

    expect(saved.map((file) => file.name)).toEqual(['个人缴费明细.xlsx']);
    expect(progress.at(-1)).toEqual({ totalRows: null, receivedBytes: 3, fileName: '个人缴费明细.xlsx', done: true });
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
  });

  it('stops and saves nothing when unsubscribed', () => {
    const saved = captureDownloads();
    const download = exports.download('/api/x/export', {}, 'x.xlsx').subscribe();
    const request = http.expectOne('/api/x/export');
    download.unsubscribe();

    expect(request.cancelled).toBeTrue();
    expect(saved).toEqual([]);
  });

  it('reads an API error back out of the Blob body', async () => {
    const failure = new Promise<unknown>((resolve) => exports.download('/api/x/export', {}, 'x.xlsx').subscribe({ error: resolve }));
    const body = new Blob([JSON.stringify(apiError('FORBIDDEN'))], { type: 'application/json' });
    http.expectOne('/api/x/export').flush(body, { status: 403, statusText: 'Forbidden' });

    expect(errorMessage(await failure).key).toBe('errors.FORBIDDEN');
  });

  it('keeps the status of an error whose body is not JSON', async () => {
    const failure = new Promise<unknown>((resolve) => exports.download('/api/x/export', {}, 'x.xlsx').subscribe({ error: resolve }));
    http.expectOne('/api/x/export').flush(new Blob(['<html>Bad gateway</html>']), SERVER_ERROR);

    expect(errorMessage(await failure).key).toBe('notify.unexpected');
  });

  it('takes the row count and name from the headers', () => {
    captureDownloads();
    let last: ExportProgress | undefined;
    exports.download('/api/x/export', {}, 'x.xlsx').subscribe((p) => (last = p));
    http.expectOne('/api/x/export').flush(new Blob(['ab']), { headers: exportHeaders('单位缴费明细.xlsx', 30) });

    expect(last).toEqual({ totalRows: 30, receivedBytes: 2, fileName: '单位缴费明细.xlsx', done: true });
  });
});
