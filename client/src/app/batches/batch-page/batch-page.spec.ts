import { HttpEventType } from '@angular/common/http';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import type { BatchPreviewRow, BatchValidation, SheetError } from '@common/api/declarations';
import { apiError, CREATED, SERVER_ERROR } from '../../../testing/answers';
import { Page, pageProviders, testId } from '../../../testing/page';
import { BatchPage } from './batch-page';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const sheetError = (row: number, overrides: Partial<SheetError> = {}): SheetError => ({
  sheet: '增员名单',
  row,
  column: 'C',
  columnTitle: '证件号码',
  code: 'ID_NUMBER_CHECKSUM',
  message: '身份证号码校验位不正确',
  ...overrides,
});

const VALIDATION: BatchValidation = {
  token: 'c0ffee-token-0000000001',
  kind: 'addition',
  fileName: '十一月增员.xlsx',
  rows: 30,
  validRows: 28,
  invalidRows: 2,
  errors: [sheetError(4), sheetError(9, { column: 'K', columnTitle: '申报月工资', code: 'AMOUNT_FORMAT', message: '请输入金额，最多两位小数' })],
  errorCount: 2,
  preview: null,
};

const previewRow = (row: number, overrides: Partial<BatchPreviewRow> = {}): BatchPreviewRow => ({
  row,
  name: '陈新员',
  idNumberMasked: '110105********0021',
  effectiveMonth: '202611',
  wageFen: 300_000,
  baseFen: 480_000,
  unitFen: 40_800,
  personFen: 9_600,
  residentInsuranceEndsWith: null,
  ...overrides,
});

describe('BatchPage', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
    page = new Page(TestBed.createComponent(BatchPage));
    await page.stable();
  });

  afterEach(() => http.verify());

  async function chooseFile(name: string): Promise<File> {
    const file = new File(['PK fake workbook'], name, { type: XLSX_TYPE });
    const input = page.element.querySelector<HTMLInputElement>(testId('batch-file-input'))!;
    const files = new DataTransfer();
    files.items.add(file);
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await page.stable();
    return file;
  }

  async function upload(): Promise<TestRequest> {
    await page.click('batch-upload');
    return http.expectOne((request) => request.url === '/api/batches/validate');
  }

  async function validated(validation = VALIDATION): Promise<void> {
    await chooseFile(validation.fileName);
    (await upload()).flush(validation);
    await page.stable();
  }

  it('offers the template of the kind chosen', async () => {
    const link = () => page.element.querySelector(testId('batch-template'));
    expect(link()?.getAttribute('href')).toBe('/api/templates/addition');
    expect(link()?.textContent?.trim()).toContain('下载批量增员模板');

    await (await page.loader.getHarness(MatButtonToggleHarness.with({ text: '批量减员' }))).check();
    expect(link()?.getAttribute('href')).toBe('/api/templates/reduction');
  });

  it("opens on the kind the URL names: the base declaration's template is prefilled for the unit, and its dry run says so", async () => {
    page.fixture.componentRef.setInput('kind', 'base-declaration');
    await page.stable();
    const toggle = await page.loader.getHarness(MatButtonToggleHarness.with({ text: '批量申报缴费基数' }));
    expect(await toggle.isChecked()).toBeTrue();
    expect(page.element.querySelector(testId('batch-template'))?.getAttribute('href')).toBe('/api/base-declarations/template');

    await chooseFile('缴费基数.xlsx');
    expect((await upload()).request.params.get('kind')).toBe('base-declaration');
  });

  it('uploads the file with its progress, then shows the counts and every error', async () => {
    const file = await chooseFile('十一月增员.xlsx');
    expect(page.text('batch-file-name')).toBe('十一月增员.xlsx');

    const request = await upload();
    expect(request.request.params.get('kind')).toBe('addition');
    expect(request.request.headers.get('Content-Type')).toBe(XLSX_TYPE);
    expect(request.request.headers.get('X-File-Name')).toBe(encodeURIComponent('十一月增员.xlsx'));
    expect(request.request.body).toBe(file);
    expect(request.request.reportUploadProgress).toBeTrue();

    request.event({ type: HttpEventType.UploadProgress, loaded: 512, total: 1024 });
    await page.stable();
    expect(page.text('batch-progress')).toBe('正在上传… 50%');
    const bar = await page.loader.getHarness(MatProgressBarHarness);
    expect(await bar.getMode()).toBe('determinate');
    expect(await bar.getValue()).toBe(50);

    request.event({ type: HttpEventType.UploadProgress, loaded: 1024, total: 1024 });
    await page.stable();
    expect(page.text('batch-progress')).toBe('上传完成，正在校验每一行…');
    expect(await (await page.loader.getHarness(MatProgressBarHarness)).getMode()).toBe('indeterminate');

    request.flush(VALIDATION);
    await page.stable();
    expect(page.text('batch-progress')).toBeNull();
    expect(page.texts('stat-value')).toEqual(['30', '28', '2']);
    expect(await page.tableRows()).toEqual([
      { sheet: '增员名单', row: '4', column: 'C 证件号码', message: '身份证号码校验位不正确' },
      { sheet: '增员名单', row: '9', column: 'K 申报月工资', message: '请输入金额，最多两位小数' },
    ]);
    expect(page.element.querySelector(testId('batch-download-annotated'))?.getAttribute('href')).toBe(
      '/api/batches/validations/c0ffee-token-0000000001/annotated',
    );
    expect(page.text('batch-submit')).toBe('提交 28 条有效数据');
  });

  it('shows what each valid row will become, the clamped base and a resident insurance ending, and pages further from the server', async () => {
    const first = [
      previewRow(2),
      previewRow(3, { name: '林居民', residentInsuranceEndsWith: '202612', effectiveMonth: '202612', wageFen: 600_000, baseFen: 600_000 }),
    ];
    await validated({
      ...VALIDATION,
      errors: [],
      errorCount: 0,
      invalidRows: 0,
      rows: 22,
      validRows: 22,
      preview: { items: first, total: 22, page: 0, pageSize: 2 },
    });

    expect(page.cells('batch-preview-row')).toEqual([
      ['2', '陈新员', '110105********0021', '2026-11', '3,000.00', '4,800.00', '408.00', '96.00', '—'],
      ['3', '林居民', '110105********0021', '2026-12', '6,000.00', '6,000.00', '408.00', '96.00', '2026-12 月底终止'],
    ]);

    await (await page.loader.getHarness(MatPaginatorHarness)).goToNextPage();
    const next = http.expectOne((request) => request.url === '/api/batches/validations/c0ffee-token-0000000001/preview');
    expect([next.request.params.get('page'), next.request.params.get('pageSize')]).toEqual(['1', '2']);
    next.flush({ items: [previewRow(4, { name: '王下页' })], total: 22, page: 1, pageSize: 2 });
    await page.stable();
    expect(page.cells('batch-preview-row').map((cells) => cells[1])).toEqual(['王下页']);
  });

  it('pages through many errors', async () => {
    const errors = Array.from({ length: 45 }, (_, i) => sheetError(i + 2));
    await validated({ ...VALIDATION, rows: 45, validRows: 0, invalidRows: 45, errors, errorCount: 45 });

    expect(page.texts('batch-error-row').length).toBe(20);
    const paginator = await page.loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('第 1–20 条，共 45 条');
    await paginator.goToLastPage();
    expect(page.cells('batch-error-row').map((cells) => cells[1])).toEqual(['42', '43', '44', '45', '46']);
    expect(await (await page.button('batch-submit')).isDisabled())
      .withContext('nothing valid to submit')
      .toBeTrue();
  });

  it('asks the server for the pages of errors beyond those the dry run answered with', async () => {
    // The answer carries the first 100 of 250 problems.
    const errors = Array.from({ length: 100 }, (_, i) => sheetError(i + 2));
    await validated({ ...VALIDATION, rows: 250, validRows: 0, invalidRows: 250, errors, errorCount: 250 });
    const paginator = await page.loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('第 1–20 条，共 250 条');

    await paginator.setPageSize(50);
    await paginator.goToNextPage();
    expect(page.cells('batch-error-row').map((cells) => cells[1])[0])
      .withContext('rows 51–100 came with the answer')
      .toBe('52');

    await paginator.goToNextPage();
    const asked = http.expectOne((request) => request.url === '/api/batches/validations/c0ffee-token-0000000001/errors');
    expect([asked.request.params.get('page'), asked.request.params.get('pageSize')]).toEqual(['2', '50']);
    asked.flush({ items: [sheetError(102, { message: '第三页的错误' })], total: 250, page: 2, pageSize: 50 });
    await page.stable();
    expect(page.cells('batch-error-row').map((cells) => [cells[1], cells[3]])).toEqual([['102', '第三页的错误']]);
    expect(await paginator.getRangeLabel()).toBe('第 101–150 条，共 250 条');
  });

  it('submits the valid rows after confirmation, with one Idempotency-Key for the retries', async () => {
    await validated();
    await page.click('batch-submit');
    const dialog = await page.documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toBe('文件中有 2 行有误，不会提交；将提交其余 28 条有效数据作为一个批次。');
    await page.click('confirm-ok');

    const first = http.expectOne('/api/batches');
    expect(first.request.body).toEqual({ token: VALIDATION.token });
    const key = first.request.headers.get('Idempotency-Key');
    expect(key).toBeTruthy();
    first.flush(apiError('INTERNAL'), SERVER_ERROR);
    await page.stable();
    expect(page.text('batch-submit-error')).withContext('beside the submit button').toBe('系统繁忙，请稍后重试。');
    expect(page.element.querySelector(testId('batch-validate-again'))).toBeNull();

    await page.click('batch-submit');
    await page.click('confirm-ok');
    const retry = http.expectOne('/api/batches');
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    retry.flush({ batchId: 9, declarations: 28 }, CREATED);
    await page.stable();

    expect(page.text('batch-success')).toBe('批次 9 已提交 28 条申报，等待审核。 查看本批次申报');
    expect(page.element.querySelector(testId('batch-queue-link'))?.getAttribute('href')).toBe('/submissions/pending?batchId=9');
    expect(page.text('batch-result')).withContext('the dry run is used up').toBeNull();
  });

  it('says a dry run was overtaken by the records, names its sheet rows and validates the same file again', async () => {
    await validated({ ...VALIDATION, validRows: 30, invalidRows: 0, errors: [], errorCount: 0 });
    await page.click('batch-submit');
    const message =
      '未提交任何数据：校验该文件后，表格第 4, 7 行人员的记录已发生变化（例如其间已有人为其办理增员或提交了申报）。请重新校验文件，查看各行的最新情况。';
    http.expectOne('/api/batches').flush(
      {
        code: 'BATCH_VALIDATION_STALE',
        message,
        details: {
          fields: [
            { field: 'rows.4.idNumber', code: 'DECLARATION_PENDING', message: '该人员已有待审核的申报' },
            { field: 'rows.7.idNumber', code: 'ALREADY_INSURED_HERE', message: '该人员已在本单位参保' },
          ],
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await page.stable();

    expect(page.text('batch-error')).withContext('not in the upload card, off-screen').toBeNull();
    expect(page.texts('batch-submit-error-row')).toEqual(['第 4 行：该人员已有待审核的申报', '第 7 行：该人员已在本单位参保']);
    expect(page.text('batch-submit-error')).toContain(message);
    expect(page.text('batch-submit-error')).not.toContain('rows.');

    await page.click('batch-validate-again');
    const again = http.expectOne((request) => request.url === '/api/batches/validate');
    expect((again.request.body as File).name).toBe(VALIDATION.fileName);
    again.flush({ ...VALIDATION, errors: [sheetError(4, { code: 'DECLARATION_PENDING', message: '该人员已有待审核的申报' })], errorCount: 1 });
    await page.stable();
    expect(page.text('batch-submit-error')).toBeNull();
    expect((await page.tableRows()).map((row) => row['row'])).toEqual(['4']);
  });

  it('says a dry run was already submitted, in which batch, and offers to validate again', async () => {
    await validated({ ...VALIDATION, validRows: 30, invalidRows: 0, errors: [], errorCount: 0 });
    await page.click('batch-submit');
    http
      .expectOne('/api/batches')
      .flush(
        { code: 'BATCH_ALREADY_SUBMITTED', message: '该文件的有效行已作为批次 12 提交。如需再次提交，请重新校验文件。' },
        { status: 409, statusText: 'Conflict' },
      );
    await page.stable();
    expect(page.text('batch-submit-error')).toContain('该文件的有效行已作为批次 12 提交。');
    expect(page.text('batch-validate-again')).toBe('重新校验');
  });

  it('submits a file without errors at once', async () => {
    await validated({ ...VALIDATION, validRows: 30, invalidRows: 0, errors: [], errorCount: 0 });
    expect(page.text('batch-all-valid')).toBe('全部数据校验通过。');
    expect(page.element.querySelector(testId('batch-download-annotated'))).toBeNull();
    await page.click('batch-submit');
    http.expectOne('/api/batches').flush({ batchId: 10, declarations: 30 }, CREATED);
  });

  it('tells why a file was refused, in the server’s words with their figures', async () => {
    await chooseFile('big.xlsx');
    (await upload()).flush({ code: 'UPLOAD_TOO_LARGE', message: '文件过大，最大 10 MB。' }, { status: 413, statusText: 'Payload Too Large' });
    await page.stable();
    expect(page.text('batch-error')).toBe('文件过大，最大 10 MB。');
    expect(page.text('batch-result')).toBeNull();
  });

  it('refuses a file that is not .xlsx without sending it', async () => {
    await chooseFile('名单.xls');
    await page.click('batch-upload');
    expect(page.text('batch-error')).toBe('只接受 .xlsx 格式的 Excel 文件（不含宏）。请使用大厅下载的模板。');
    http.expectNone((request) => request.url === '/api/batches/validate');
  });
});
