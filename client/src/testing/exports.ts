import { HttpHeaders } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { XLSX_CONTENT_TYPE } from '@common/xlsx';

export interface SavedFile {
  name: string;
  blob: Blob;
}

/**
 * Records the files the page saves (an object URL clicked as `<a download>`) instead of letting the browser
 * download them. Call in a spec's `beforeEach` or `it`: Jasmine removes the spies afterwards.
 */
export function captureDownloads(): SavedFile[] {
  const saved: SavedFile[] = [];
  const blobs = new Map<string, Blob>();
  spyOn(URL, 'createObjectURL').and.callFake((blob: Blob | MediaSource) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  spyOn(URL, 'revokeObjectURL');
  spyOn(HTMLAnchorElement.prototype, 'click').and.callFake(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '')! });
  });
  return saved;
}

/** The headers of a streamed export: the file name RFC 5987-encoded (as the server sends it) and the row count. */
export function exportHeaders(fileName: string, totalRows?: number): HttpHeaders {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  let headers = new HttpHeaders({
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
  if (totalRows !== undefined) headers = headers.set('X-Total-Rows', String(totalRows));
  return headers;
}

/** Waits (change detection included) until the page shows what `condition` looks for, for at most a second. */
export async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    TestBed.tick();
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the page never showed what was expected');
}
