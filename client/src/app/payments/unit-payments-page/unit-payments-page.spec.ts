import type { HttpRequest } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import type { UnitPaymentPeriod } from '@common/api/payments';
import { captureDownloads, exportHeaders } from '../../../testing/exports';
import { answeredDuring, paramsOf } from '../../../testing/http';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { Page } from '../../../testing/page';
import { pageOf, pickMonth, unitPaymentPeriod } from '../../../testing/payments';
import { paymentsRoutes } from '../payments.routes';
import { expectLoadErrorThenRows } from '../../../testing/list-load-error';

const NOVEMBER = unitPaymentPeriod();
const OCTOBER = unitPaymentPeriod({
  feePeriod: '202610',
  persons: 40,
  unitAmountFen: 3300000,
  personAmountFen: 800000,
  dueFen: 4100000,
  paidFen: 4100000,
  overdueFen: 0,
  collectedOn: '2026-10-21',
  collectionSerial: 'ZS202610000077',
});

describe('UnitPaymentsPage', () => {
  let http: HttpTestingController;
  let page: Page;

  const isList = (request: HttpRequest<unknown>) => request.url === '/api/payments/periods';
  const answerList =
    (...items: UnitPaymentPeriod[]) =>
    (request: TestRequest) =>
      request.flush(pageOf(items, 30));

  beforeEach(() => (http = configureFeature('payments', paymentsRoutes)));

  afterEach(() => http.verify());

  async function open(...items: UnitPaymentPeriod[]): Promise<TestRequest> {
    page = await openPage('/payments/periods');
    const list = http.expectOne(isList);
    answerList(...items)(list);
    await page.stable();
    return list;
  }

  it('shows each fee period with its persons, shares and due, paid and overdue totals', async () => {
    const list = await open(NOVEMBER, OCTOBER);
    expect(paramsOf(list)).toEqual({ direction: 'desc', page: '0', pageSize: '20' });

    expect(await page.tableRows()).toEqual([
      {
        feePeriod: '2026-11',
        persons: '42',
        unitAmountFen: '¥34,567.89',
        personAmountFen: '¥8,765.43',
        dueFen: '¥43,333.32',
        paidFen: '¥40,000.00',
        overdueFen: '¥3,333.32',
        collectedOn: '2026-11-20',
        collectionSerial: 'ZS202611000123',
        print: '打印对账单',
      },
      {
        feePeriod: '2026-10',
        persons: '40',
        unitAmountFen: '¥33,000.00',
        personAmountFen: '¥8,000.00',
        dueFen: '¥41,000.00',
        paidFen: '¥41,000.00',
        overdueFen: '¥0.00',
        collectedOn: '2026-10-21',
        collectionSerial: 'ZS202610000077',
        print: '打印对账单',
      },
    ]);
    expect(page.texts('period-due')).toEqual(['¥43,333.32', '¥41,000.00']);
    expect(page.texts('period-overdue')).toEqual(['¥3,333.32', '¥0.00']);
    expect(page.element.querySelectorAll('[data-testid="period-overdue"].overdue').length).toBe(1);
  });

  it('shows the amounts in the separators of the language the user switches to', async () => {
    await open(NOVEMBER);
    TestBed.inject(TranslateService).use('es').subscribe();
    await page.stable();
    // Spanish groups thousands with a point and writes decimals after a comma.
    expect(page.texts('period-due')).toEqual(['¥43.333,32']);
    TestBed.inject(TranslateService).use('en').subscribe();
    await page.stable();
    expect(page.texts('period-due')).toEqual(['¥43,333.32']);
  });

  it('says why the fee periods did not load, and shows them on retry', async () => {
    page = await openPage('/payments/periods');
    await expectLoadErrorThenRows(page, http.expectOne(isList), { prefix: 'periods', is: isList, answer: answerList(NOVEMBER) });
  });

  it('filters by fee periods and insurance type, pages and turns the order round on the server', async () => {
    await open(NOVEMBER);
    await answeredDuring(pickMonth(page, 'periods-from', '2026-01'), isList, answerList(NOVEMBER));
    await answeredDuring(pickMonth(page, 'periods-to', '2026-11'), isList, answerList(NOVEMBER));
    const typed = await answeredDuring(page.choose('periods-insurance-type', '大额医疗费用补助'), isList, answerList(NOVEMBER));
    expect(paramsOf(typed)).toEqual({ from: '202601', to: '202611', insuranceType: '330', direction: 'desc', page: '0', pageSize: '20' });

    const paginator = await page.loader.getHarness(MatPaginatorHarness);
    const next = await answeredDuring(paginator.goToNextPage(), isList, answerList(OCTOBER));
    expect(paramsOf(next)['page']).toBe('1');

    const [periodHeader] = await (await page.loader.getHarness(MatSortHarness)).getSortHeaders({ label: '费款所属期' });
    const oldestFirst = await answeredDuring(periodHeader.click(), isList, answerList(OCTOBER));
    expect(paramsOf(oldestFirst)).toEqual(jasmine.objectContaining({ direction: 'asc', page: '0' }));
  });

  it('exports the periods the filters show', async () => {
    const saved = captureDownloads();
    await open(NOVEMBER);
    await answeredDuring(pickMonth(page, 'periods-from', '2026-03'), isList, answerList(NOVEMBER));

    const exported = await answeredDuring(page.click('periods-export'), '/api/payments/periods/export?from=202603&direction=desc', (request) =>
      request.flush(new Blob(['xlsx']), { headers: exportHeaders('港湾-单位缴费明细-202603.xlsx', 9) }),
    );
    expect(paramsOf(exported)).toEqual({ from: '202603', direction: 'desc' });
    await page.stable();
    expect(saved.map((file) => file.name)).toEqual(['港湾-单位缴费明细-202603.xlsx']);
    expect(page.text('export-status')).toBe('已导出 9 行，保存为 港湾-单位缴费明细-202603.xlsx（4 B）');
  });
});
