import type { HttpRequest } from '@angular/common/http';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { LISTED_FIELDS, noValues } from '@common/api/addition-fields';
import type { InsuredPage, InsuredPerson } from '@common/api/declarations';
import { apiError, BAD_REQUEST, CREATED, SERVER_ERROR, validationFailed } from '../../../testing/answers';
import { submission } from '../../../testing/submissions';
import { answeredDuring, paramsOf } from '../../../testing/http';
import { Page, pageProviders, testId } from '../../../testing/page';
import { typeAndPause } from '../../../testing/search';
import { ReductionPage } from './reduction-page';
import { expectLoadErrorThenRows } from '../../../testing/list-load-error';

function person(personId: number, name: string, idNumber: string, extra: Partial<InsuredPerson> = {}): InsuredPerson {
  return {
    ...noValues(LISTED_FIELDS),
    personId,
    idNumber,
    idNumberMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
    name,
    sex: 'male',
    birthDate: '1990-03-07',
    status: 'active',
    startMonth: '202401',
    endMonth: null,
    wageFen: 800000,
    insuranceTypes: ['310', '330', '510'],
    pendingDeclaration: null,
    ...extra,
  };
}

const WANG = person(1, '王小明', '350102199003071234');
const LI = person(2, '李娜', '11010519491231002X', { sex: 'female', startMonth: '202511', pendingDeclaration: 'addition' });

const page1 = (items: InsuredPerson[], total = items.length): InsuredPage => ({ items, total, page: 0, pageSize: 20 });

describe('ReductionPage', () => {
  let http: HttpTestingController;
  let page: Page;

  const isInsured = (request: HttpRequest<unknown>) => request.url === '/api/insured-persons';
  const insuredRequest = () => http.expectOne(isInsured);

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ReductionPage);
    TestBed.tick();
    http.expectOne('/api/reductions/options').flush({ stopMonth: '202611', reasons: ['contract_ended', 'resigned', 'retired'] });
    const list = insuredRequest();
    expect(paramsOf(list)).toEqual({ status: 'active', sort: 'name', direction: 'asc', page: '0', pageSize: '20' });
    list.flush(page1([WANG, LI], 45));
    page = new Page(fixture);
    await page.stable();
  });

  afterEach(() => http.verify());

  async function pickRow(index: number): Promise<void> {
    const buttons = await page.loader.getAllHarnesses(MatButtonHarness.with({ selector: testId('reduction-pick') }));
    await buttons[index].click();
  }

  async function submitAndConfirm(): Promise<TestRequest> {
    await page.click('reduction-submit');
    const dialog = await page.documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toBe('为 王小明 办理减员（辞职），停保月份 2026-11？');
    await page.click('confirm-ok');
    return http.expectOne('/api/reductions');
  }

  it('lists the unit’s insured persons with masked ID numbers, and shows the stop month without offering a choice', async () => {
    expect(await page.tableRows()).toEqual([
      { name: '王小明', idNumber: '350102********1234', sex: '男', startMonth: '2024-01', pending: '', pick: '选择' },
      { name: '李娜', idNumber: '110105********002X', sex: '女', startMonth: '2025-11', pending: '增员', pick: '选择' },
    ]);
    expect(page.text('reduction-stop-month')).toBe('停保月份：2026-11 减员只能在当月办理。参保待遇享受至 2026-11 月底，之后的月份不再缴费。');
    expect(page.element.querySelector(testId('reduction-stop-month'))?.querySelector('input, mat-select')).toBeNull();
  });

  it('searches by ID number or name once the typing pauses, from the first page', async () => {
    const paginator = await page.loader.getHarness(MatPaginatorHarness);
    const second = await answeredDuring(paginator.goToNextPage(), isInsured, (request) => request.flush({ ...page1([]), page: 1, total: 45 }));
    expect(paramsOf(second)['page']).toBe('1');
    expect(await (await page.loader.getHarness(MatPaginatorHarness)).getRangeLabel()).toBe('第 21–40 条，共 45 条');

    await typeAndPause(
      () => page.type('reduction-search', '3501'),
      () => http.expectNone(isInsured),
    );
    const search = insuredRequest();
    expect(paramsOf(search)).toEqual(jasmine.objectContaining({ q: '3501', page: '0' }));
    search.flush(page1([WANG]));
    await page.stable();
    expect((await page.tableRows()).map((row) => row['name'])).toEqual(['王小明']);
  });

  it('submits the reduction of the person picked, with an Idempotency-Key that a retry repeats', async () => {
    await page.click('reduction-submit');
    expect(page.text('reduction-selected')).toBe('请先在上方列表中选择要减员的人员。');
    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);

    await pickRow(0);
    expect(page.text('reduction-selected')).toBe('王小明 · 350102********1234 · 2024-01 起参保');
    await page.choose('reduction-reason', '辞职');
    expect(page.text('reduction-reason-effect')).toBe('暂停参保，以后可再次增员');
    await page.type('reduction-remark', '个人原因');

    const first = await submitAndConfirm();
    expect(first.request.body).toEqual({ idNumber: WANG.idNumber, name: '王小明', reason: 'resigned', remark: '个人原因' });
    const key = first.request.headers.get('Idempotency-Key');
    expect(key).toBeTruthy();
    first.flush(apiError('INTERNAL'), SERVER_ERROR);
    await page.stable();
    expect(page.text('reduction-error')).toBe('系统繁忙，请稍后重试。');

    const retry = await submitAndConfirm();
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    retry.flush(submission({ id: 40, kind: 'reduction', effectiveMonth: '202611' }), CREATED);
    TestBed.tick();
    insuredRequest().flush(page1([LI]));
    await page.stable();

    expect(page.text('reduction-success')).toBe('已提交 王小明 的减员申报（停保月份 2026-11），等待审核。 查看待审核申报');
    expect(page.text('reduction-selected')).withContext('ready for the next person').toBe('请先在上方列表中选择要减员的人员。');
    expect((await page.tableRows()).map((row) => row['name']))
      .withContext('the list reloaded')
      .toEqual(['李娜']);
  });

  it('brings the declaration form into view once a person is picked', async () => {
    const scroll = spyOn(Element.prototype, 'scrollIntoView');
    const declare = page.element.querySelector(testId('reduction-declare'));
    expect(declare).withContext('the declaration card').not.toBeNull();
    await pickRow(0);
    expect(scroll).toHaveBeenCalledTimes(1);
    expect<unknown>(scroll.calls.thisFor(0)).toBe(declare);
  });

  it('submits with Enter and confirms with Enter: the confirmation opens on its confirm button', async () => {
    await pickRow(0);
    await page.choose('reduction-reason', '辞职');
    await page.type('reduction-remark', '个人原因');
    await (await page.input('reduction-remark')).focus();
    await page.pressEnter();
    const dialog = await page.documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toBe('为 王小明 办理减员（辞职），停保月份 2026-11？');

    await page.pressEnter();
    const submit = http.expectOne('/api/reductions');
    expect(submit.request.body).toEqual({ idNumber: WANG.idNumber, name: '王小明', reason: 'resigned', remark: '个人原因' });
    submit.flush(submission({ id: 41, kind: 'reduction', effectiveMonth: '202611' }), CREATED);
    TestBed.tick();
    insuredRequest().flush(page1([LI]));
    await page.stable();
    expect(page.text('reduction-success')).toBe('已提交 王小明 的减员申报（停保月份 2026-11），等待审核。 查看待审核申报');
  });

  it('says clearly that a person whose addition is pending cannot be reduced', async () => {
    await pickRow(1);
    expect(page.text('reduction-pending')).toBe('该人员的增员尚在审核中，请撤回增员而不是减员');
    expect(await (await page.button('reduction-submit')).isDisabled()).toBeTrue();
  });

  it('shows the server’s refusal of the person, such as an addition still pending', async () => {
    await pickRow(0);
    await page.choose('reduction-reason', '辞职');
    (await submitAndConfirm()).flush(validationFailed(['idNumber', 'REDUCTION_ADDITION_PENDING']), BAD_REQUEST);
    await page.stable();

    expect(page.text('reduction-person-error')).toBe('该人员的增员尚在审核中，请撤回增员而不是减员');
    expect(page.text('reduction-success')).toBeNull();
  });
});

describe('ReductionPage, when the person list does not load', () => {
  it('says why, and lists the persons on retry', async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    const http = TestBed.inject(HttpTestingController);
    const page = new Page(TestBed.createComponent(ReductionPage));
    TestBed.tick();
    http.expectOne('/api/reductions/options').flush({ stopMonth: '202611', reasons: ['resigned'] });
    const isInsured = (request: HttpRequest<unknown>) => request.url === '/api/insured-persons';
    await expectLoadErrorThenRows(page, http.expectOne(isInsured), {
      prefix: 'reduction',
      is: isInsured,
      answer: (request) => request.flush(page1([WANG])),
    });
    http.verify();
  });
});
