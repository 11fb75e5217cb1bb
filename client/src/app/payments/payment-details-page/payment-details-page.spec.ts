import { HttpEventType, HttpHeaderResponse, type HttpRequest } from '@angular/common/http';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import type { PaymentDetail } from '@common/api/payments';
import { apiError, SERVER_ERROR } from '../../../testing/answers';
import { captureDownloads, exportHeaders, until } from '../../../testing/exports';
import { answeredDuring, paramsOf } from '../../../testing/http';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { Page, testId } from '../../../testing/page';
import { pageOf, paymentDetail, pickMonth } from '../../../testing/payments';
import { typeAndPause } from '../../../testing/search';
import { paymentsRoutes } from '../payments.routes';
import { expectLoadErrorThenRows } from '../../../testing/list-load-error';

const PAID = paymentDetail();
const OVERDUE = paymentDetail({
  id: 502,
  personId: 8,
  name: '赵敏',
  idNumber: '11010519491231002X',
  idNumberMasked: '110105********002X',
  feePeriod: '202610',
  insuranceType: '510',
  baseFen: 480000,
  unitRateBp: 50,
  personRateBp: 0,
  unitAmountFen: 2400,
  personAmountFen: 0,
  status: 'overdue',
  paidAt: null,
  collectionSerial: null,
});

describe('PaymentDetailsPage', () => {
  let http: HttpTestingController;
  let page: Page;

  const isList = (request: HttpRequest<unknown>) => request.url === '/api/payments/details';
  const isExport = (request: HttpRequest<unknown>) => request.url === '/api/payments/details/export';
  const answerList =
    (...items: PaymentDetail[]) =>
    (request: TestRequest) =>
      request.flush(pageOf(items));

  beforeEach(() => (http = configureFeature('payments', paymentsRoutes)));

  afterEach(() => http.verify());

  async function open(...items: PaymentDetail[]): Promise<TestRequest> {
    page = await openPage('/payments/details');
    const list = http.expectOne(isList);
    list.flush(pageOf(items, 45));
    await page.stable();
    return list;
  }

  it('lists the details newest first, with masked ID numbers, amounts in yuan, months and statuses', async () => {
    const list = await open(PAID, OVERDUE);
    expect(paramsOf(list)).toEqual({ sort: 'feePeriod', direction: 'desc', page: '0', pageSize: '20' });

    expect(await page.tableRows()).toEqual([
      {
        feePeriod: '2026-11',
        name: '王小明',
        idNumber: '350102********1234',
        insuranceType: '职工基本医疗保险',
        baseFen: '¥12,345.67',
        unitAmountFen: '¥925.93',
        personAmountFen: '¥246.91',
        status: '已缴',
        paidAt: '2026-11-20',
        actions: '详情',
      },
      {
        feePeriod: '2026-10',
        name: '赵敏',
        idNumber: '110105********002X',
        insuranceType: '生育保险',
        baseFen: '¥4,800.00',
        unitAmountFen: '¥24.00',
        personAmountFen: '¥0.00',
        status: '欠缴',
        paidAt: '',
        actions: '详情',
      },
    ]);
    expect(page.texts('payment-row').length).toBe(2);
  });

  it('says why the details did not load, and shows them on retry', async () => {
    page = await openPage('/payments/details');
    await expectLoadErrorThenRows(page, http.expectOne(isList), { prefix: 'payments', is: isList, answer: answerList(PAID) });
  });

  it('asks the server for what the filters say, and exports exactly that', async () => {
    const saved = captureDownloads();
    await open(PAID);

    await typeAndPause(() => page.type('payments-search', ' 3501 '));
    const searched = http.expectOne(isList);
    expect(paramsOf(searched)['q']).toBe('3501');
    searched.flush(pageOf([PAID]));

    await answeredDuring(pickMonth(page, 'payments-from', '2026-01'), isList, answerList(PAID));
    await answeredDuring(pickMonth(page, 'payments-to', '2026-06'), isList, answerList(PAID));
    await answeredDuring(page.choose('payments-insurance-type', '生育保险'), isList, answerList(OVERDUE));
    const last = await answeredDuring(page.choose('payments-status', '欠缴'), isList, answerList(OVERDUE));
    const filters = { q: '3501', from: '202601', to: '202606', insuranceType: '510', status: 'overdue', sort: 'feePeriod', direction: 'desc' };
    expect(paramsOf(last)).toEqual({ ...filters, page: '0', pageSize: '20' });

    const exported = await answeredDuring(page.click('payments-export'), isExport, (request) =>
      request.flush(new Blob(['xlsx']), { headers: exportHeaders('港湾-个人缴费明细-202601-202606.xlsx', 1) }),
    );
    expect(exported.request.responseType).toBe('blob');
    expect(paramsOf(exported)).toEqual(filters);
    expect(saved.map((file) => file.name)).toEqual(['港湾-个人缴费明细-202601-202606.xlsx']);
  });

  it('asks nothing while the range of months runs backwards, and says why', async () => {
    await open(PAID);
    await answeredDuring(pickMonth(page, 'payments-from', '2026-06'), isList, answerList(PAID));

    await pickMonth(page, 'payments-to', '2026-01');
    TestBed.tick();
    http.expectNone(isList);
    expect(await page.errors('payments-to')).toEqual(['不能早于起始月份']);
    expect(page.text('payments-empty')).toBe('请先更正所属期范围。');
    expect(await (await page.button('payments-export')).isDisabled()).toBeTrue();

    const fixed = await answeredDuring(pickMonth(page, 'payments-to', '2026-08'), isList, answerList(PAID));
    expect(paramsOf(fixed)).toEqual(jasmine.objectContaining({ from: '202606', to: '202608' }));
    expect(await page.errors('payments-to')).toEqual([]);
  });

  it('pages and sorts on the server, back to the first page when the order changes', async () => {
    await open(PAID, OVERDUE);
    const paginator = await page.loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('第 1–20 条，共 45 条');

    const next = await answeredDuring(paginator.goToNextPage(), isList, answerList(PAID));
    expect(paramsOf(next)).toEqual(jasmine.objectContaining({ page: '1', pageSize: '20' }));

    const [nameHeader] = await (await page.loader.getHarness(MatSortHarness)).getSortHeaders({ label: '姓名' });
    const byName = await answeredDuring(nameHeader.click(), isList, answerList(PAID));
    expect(paramsOf(byName)).toEqual({ sort: 'name', direction: 'asc', page: '0', pageSize: '20' });
    const byNameDown = await answeredDuring(nameHeader.click(), isList, answerList(PAID));
    expect(paramsOf(byNameDown)).toEqual(jasmine.objectContaining({ sort: 'name', direction: 'desc' }));

    const bigger = await answeredDuring(paginator.setPageSize(50), isList, answerList(PAID));
    expect(paramsOf(bigger)).toEqual(jasmine.objectContaining({ page: '0', pageSize: '50' }));
  });

  it('shows one detail in full: whole ID number, base, rates in percent, amounts and the collection', async () => {
    await open(PAID);
    await answeredDuring(page.click('payment-detail-open'), '/api/payments/details/501', (request) => request.flush(PAID));

    const dialog = await page.documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('缴费明细 已缴');
    expect(page.parts('payment-detail-idNumber')).toEqual(['证件号码', '350102199003071234']);
    expect(page.parts('payment-detail-feePeriod')).toEqual(['费款所属期', '2026-11']);
    expect(page.parts('payment-detail-insuranceType')).toEqual(['险种', '职工基本医疗保险']);
    expect(page.parts('payment-detail-base')).toEqual(['缴费基数', '¥12,345.67']);
    expect(page.cells('payment-detail-unit')).toEqual([['单位缴费', '7.5%', '¥925.93']]);
    expect(page.cells('payment-detail-person')).toEqual([['个人缴费', '2%', '¥246.91']]);
    expect(page.cells('payment-detail-total')).toEqual([['合计', '', '¥1,172.84']]);
    expect(page.parts('payment-detail-paidAt')).toEqual(['到账日期', '2026-11-20']);
    expect(page.parts('payment-detail-collectionSerial')).toEqual(['征收流水号', 'ZS202611000123']);
  });

  it('shows the rows and bytes of an export as it streams in, then saves it under the server’s name', async () => {
    const saved = captureDownloads();
    await open(PAID);
    const fileName = '福州港湾食品有限公司-个人缴费明细.xlsx';

    await answeredDuring(page.click('payments-export'), isExport, (request) => {
      TestBed.tick();
      expect(page.text('export-status')).toBe('正在导出… 已接收 0 B');
      request.event(new HttpHeaderResponse({ headers: exportHeaders(fileName, 12345), status: 200 }));
      request.event({ type: HttpEventType.DownloadProgress, loaded: 3 * 1024 * 1024 + 300 * 1024 });
      TestBed.tick();
      expect(page.text('export-status')).toBe('正在导出 12,345 行… 已接收 3.3 MB');
      expect(page.element.querySelector(`${testId('payments-export')}[disabled]`)).not.toBeNull();
      request.flush(new Blob([new Uint8Array(4 * 1024 * 1024)]), { headers: exportHeaders(fileName, 12345) });
    });
    await page.stable();

    expect(saved.length).toBe(1);
    expect(saved[0].name).toBe(fileName);
    expect(saved[0].blob.size).toBe(4 * 1024 * 1024);
    expect(page.text('export-status')).toBe(`已导出 12,345 行，保存为 ${fileName}（4.0 MB）`);
    expect(await page.loader.getAllHarnesses(MatProgressBarHarness)).toEqual([]);
    expect(await (await page.button('payments-export')).isDisabled()).toBeFalse();
  });

  it('shows the bar while the export runs, and the reason when it fails', async () => {
    const saved = captureDownloads();
    await open(PAID);

    await answeredDuring(page.click('payments-export'), isExport, (request) => {
      TestBed.tick();
      expect(page.element.querySelector(`${testId('export-progress')} mat-progress-bar`)).not.toBeNull();
      const body = new Blob([JSON.stringify(apiError('INTERNAL'))], { type: 'application/json' });
      request.flush(body, SERVER_ERROR);
    });
    // The error body arrives as a Blob and is read back asynchronously.
    await until(() => page.text('export-error') !== null);

    expect(saved).toEqual([]);
    expect(page.text('export-progress')).toBeNull();
    expect(page.text('export-error')).toBe('系统繁忙，请稍后重试。');
  });
});
