import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { Router } from '@angular/router';
import type { BaseDeclarationStatus, BasePerson } from '@common/api/base-declarations';
import { CREATED } from '../../../testing/answers';
import { submission } from '../../../testing/submissions';
import { answeredDuring, listEndpoint, paramsOf } from '../../../testing/http';
import type { Page } from '../../../testing/page';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { baseDeclarationsRoutes } from '../base-declarations.routes';

const YEAR = { firstMonth: '202707', lastMonth: '202806', opensOn: '2027-07-01', closesOn: '2027-08-31', floorFen: 480_000, ceilingFen: 2_400_000 };
const OPEN: BaseDeclarationStatus = { year: YEAR, open: true, next: null };
const CLOSED: BaseDeclarationStatus = {
  year: { ...YEAR, firstMonth: '202607', lastMonth: '202706', opensOn: '2026-07-01', closesOn: '2026-08-31' },
  open: false,
  next: YEAR,
};

const person = (overrides: Partial<BasePerson> = {}): BasePerson => ({
  personId: 7,
  name: '王小明',
  idNumberMasked: '350102********1234',
  currentBaseFen: 600_000,
  status: 'undeclared',
  wageFen: null,
  baseFen: null,
  ...overrides,
});

describe('BaseDeclarationPage', () => {
  let http: HttpTestingController;
  let page: Page;
  const persons = listEndpoint<BasePerson>('/api/base-declarations/persons');

  beforeEach(() => (http = configureFeature('base-declaration', baseDeclarationsRoutes)));
  afterEach(() => http.verify());

  async function open(status: BaseDeclarationStatus, ...items: BasePerson[]): Promise<TestRequest> {
    page = await openPage('/base-declaration');
    http.expectOne('/api/base-declarations/status').flush(status);
    const list = persons.expectOne();
    persons.answer(...items)(list);
    await page.stable();
    return list;
  }

  it('shows the year, its window and limits, and lists who is not declared yet', async () => {
    const list = await open(OPEN, person(), person({ personId: 8, name: '赵敏', currentBaseFen: 480_000 }));
    expect(paramsOf(list)).toEqual({ status: 'undeclared', page: '0', pageSize: '20' });
    expect(page.text('base-window')).toBe('申报期 2027-07-01 至 2027-08-31');
    expect(page.text('base-limits')).toBe('基数下限 4,800.00 元，上限 24,000.00 元');
    expect((await page.tableRows()).map((r) => [r['name'], r['currentBase'], r['status'], r['actions']])).toEqual([
      ['王小明', '6,000.00', '未申报', '申报'],
      ['赵敏', '4,800.00', '未申报', '申报'],
    ]);
    expect(page.text('base-batch')).toBe('批量申报');
  });

  it('keeps the status filter in the URL and asks the server for that page', async () => {
    await open(OPEN, person());
    const reload = answeredDuring(
      page.choose('base-status', '待审核'),
      persons.is,
      persons.answer(person({ status: 'pending', wageFen: 700_000, baseFen: 700_000 })),
    );
    const request = await reload;
    expect(paramsOf(request)).toEqual({ status: 'pending', page: '0', pageSize: '20' });
    expect(TestBed.inject(Router).url).toBe('/base-declaration?status=pending');
    expect((await page.tableRows()).map((r) => [r['status'], r['wage'], r['base'], r['actions']])).toEqual([['待审核', '7,000.00', '7,000.00', '']]);
  });

  it('shows the clamped base before submitting, and submits the wage in fen', async () => {
    await open(OPEN, person());
    await page.click('base-declare');
    expect(page.text('declare-current')).toBe('当前缴费基数 6,000.00 元');
    await page.type('declare-wage', '30,000');
    expect(page.text('declare-clamped')).toBe('核定缴费基数 24,000.00 元（下限 4,800.00，上限 24,000.00）');
    await page.type('declare-wage', '3000');
    expect(page.text('declare-clamped')).toBe('核定缴费基数 4,800.00 元（下限 4,800.00，上限 24,000.00）');

    await page.click('declare-submit');
    const sent = http.expectOne('/api/base-declarations');
    expect(sent.request.body).toEqual({ personId: 7, wageFen: 300_000 });
    expect(sent.request.headers.get('Idempotency-Key')).toBeTruthy();
    await answeredDuring(
      Promise.resolve(sent.flush(submission({ kind: 'base-declaration', effectiveMonth: '202707' }), CREATED)).then(() => page.stable()),
      persons.is,
      persons.answer(person({ status: 'pending' })),
    );
    const snackBar = await page.documentLoader.getHarness(MatSnackBarHarness);
    expect(await snackBar.getMessage()).toBe('已提交审核，通过后自 2027-07 起按新基数缴费。');
  });

  it('offers no declaration outside the window and names the next one', async () => {
    await open(CLOSED, person());
    expect(page.text('base-next')).toBe('下一申报期 2027-07-01 至 2027-08-31');
    expect(page.text('base-declare')).toBeNull();
    expect(page.text('base-batch')).toBeNull();
  });

  it("opens the person's dialog on a rejected declaration's wage, says why it was rejected, and submits the correction naming it", async () => {
    const rejected = submission({
      id: 51,
      kind: 'base-declaration',
      status: 'rejected',
      effectiveMonth: '202707',
      idNumber: '350102199003071234',
      personName: '王小明',
      reviewReason: '工资有误',
      correctedById: null,
      payload: { currentBaseFen: 600_000, wageFen: 100_000, baseFen: 480_000, floorFen: 480_000, ceilingFen: 2_400_000, lastMonth: '202806' },
    });
    page = await openPage('/base-declaration?corrects=51');
    http.expectOne('/api/base-declarations/status').flush(OPEN);
    persons.answer(person())(persons.expectOne());
    http.expectOne('/api/submissions/51').flush(rejected);
    // The person is found among the year's undeclared and declared by the whole ID number the rejected one names.
    const settled = page.stable();
    let lookUps: TestRequest[] = [];
    for (let attempt = 0; attempt < 100 && lookUps.length < 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve));
      lookUps = [...lookUps, ...http.match(persons.is)];
    }
    expect(lookUps.map(paramsOf)).toEqual([
      { status: 'undeclared', q: '350102199003071234' },
      { status: 'declared', q: '350102199003071234' },
    ]);
    persons.answer(person())(lookUps[0]);
    persons.answer()(lookUps[1]);
    await settled;
    await page.stable();

    expect(page.text('correction-notice')).toContain('工资有误');
    expect(await (await page.input('declare-wage')).getValue()).toBe('1000.00');
    await page.type('declare-wage', '6500');
    await page.click('declare-submit');
    const sent = http.expectOne((request) => request.url === '/api/base-declarations');
    expect(sent.request.params.get('corrects')).toBe('51');
    expect(sent.request.body).toEqual({ personId: 7, wageFen: 650_000 });
    await answeredDuring(
      Promise.resolve(sent.flush(submission({ id: 52, kind: 'base-declaration', effectiveMonth: '202707', correctsId: 51 }), CREATED)).then(() =>
        page.stable(),
      ),
      persons.is,
      persons.answer(person({ status: 'pending' })),
    );
    await page.stable();
    expect(TestBed.inject(Router).url).withContext('the to-do is done: no correction is named').toBe('/base-declaration');
    expect(page.text('correction-notice')).toBeNull();
  });
});
