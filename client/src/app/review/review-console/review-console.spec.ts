import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatChipHarness } from '@angular/material/chips/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { Submission } from '@common/api/submissions';
import { apiError, CONFLICT } from '../../../testing/answers';
import { submission } from '../../../testing/submissions';
import { answeredDuring, listEndpoint, paramsOf } from '../../../testing/http';
import { Page, pageProviders, testId } from '../../../testing/page';
import { typeAndPause } from '../../../testing/search';
import { ReviewConsole } from './review-console';
import { expectLoadErrorThenRows } from '../../../testing/list-load-error';

const HARBOUR = { unitId: 11, unitName: '福州港湾食品有限公司' };
const WANG = submission({ ...HARBOUR });
const LIU = submission({
  id: 45,
  unitId: 12,
  unitName: '闽江物流有限公司',
  kind: 'reduction',
  personName: '刘洋',
  idNumberMasked: '350202********0023',
  effectiveMonth: '202611',
  batchId: 7,
  rowNumber: 2,
});

const list = listEndpoint<Submission>('/api/review/submissions');

describe('ReviewConsole', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
    page = new Page(TestBed.createComponent(ReviewConsole));
    TestBed.tick();
    const first = list.expectOne();
    expect(paramsOf(first)).toEqual({ status: 'pending', page: '0', pageSize: '20' });
    list.answer(WANG, LIU)(first);
    await page.stable();
  });

  afterEach(() => http.verify());

  async function rowButton(testIdOf: string, row: number): Promise<MatButtonHarness> {
    return (await page.loader.getAllHarnesses(MatButtonHarness.with({ selector: testId(testIdOf) })))[row];
  }

  it('lists the pending submissions of every unit, with masked ID numbers', async () => {
    expect(await page.tableRows()).toEqual([
      {
        unitName: '福州港湾食品有限公司',
        personName: '王小明',
        idNumber: '350102********1234',
        kind: '增员',
        effectiveMonth: '2026-12',
        batch: '',
        submittedAt: '2026-11-24 14:00',
        status: '待审核',
        actions: '详情 驳回 通过',
      },
      {
        unitName: '闽江物流有限公司',
        personName: '刘洋',
        idNumber: '350202********0023',
        kind: '减员',
        effectiveMonth: '2026-11',
        batch: '批次 7 第 2 行',
        submittedAt: '2026-11-24 14:00',
        status: '待审核',
        actions: '详情 驳回 通过',
      },
    ]);
  });

  it('filters by status, kind, submission dates and unit', async () => {
    const approved = await answeredDuring(page.choose('review-status', '已通过'), list.is, list.answer());
    expect(paramsOf(approved)['status']).toBe('approved');
    const reductions = await answeredDuring(page.choose('review-kind', '减员'), list.is, list.answer(LIU));
    expect(paramsOf(reductions)).toEqual(jasmine.objectContaining({ status: 'approved', kind: 'reduction' }));

    const from = page.element.querySelector<HTMLInputElement>(testId('review-from'))!;
    from.value = '2026-11-01';
    from.dispatchEvent(new Event('input'));
    const dated = await answeredDuring(page.stable(), list.is, list.answer(LIU));
    expect(paramsOf(dated)).toEqual(jasmine.objectContaining({ from: '2026-11-01', page: '0' }));

    const unit = await answeredDuring(page.press('review-unit'), list.is, list.answer(LIU));
    expect(paramsOf(unit)).toEqual(jasmine.objectContaining({ unitId: '12', from: '2026-11-01', kind: 'reduction' }));
    expect(await (await page.loader.getHarness(MatChipHarness)).getText()).toBe('单位：闽江物流有限公司');
  });

  it('narrows to a unit found on the server by its credit code, and widens again when its chip is removed', async () => {
    const picker = await page.documentLoader.getHarness(MatAutocompleteHarness.with({ selector: testId('review-unit-picker') }));
    await typeAndPause(() => picker.enterText('91350200'));
    const search = http.expectOne((r) => r.url === '/api/review/units');
    expect(paramsOf(search)).toEqual({ q: '91350200', pageSize: '10' });
    search.flush({ items: [{ id: 12, name: '闽江物流有限公司', creditCode: '91350200MA2Y8K3L1K' }], total: 1, page: 0, pageSize: 10 });
    await page.stable();
    // The panel shows new options a macrotask after they are rendered.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await page.stable();
    expect(await Promise.all((await picker.getOptions()).map((o) => o.getText()))).toEqual(['闽江物流有限公司 91350200MA2Y8K3L1K']);

    const narrowed = await answeredDuring(picker.selectOption({ text: /闽江物流/ }), list.is, list.answer(LIU));
    expect(paramsOf(narrowed)).toEqual({ status: 'pending', unitId: '12', page: '0', pageSize: '20' });
    const chip = await page.loader.getHarness(MatChipHarness);
    expect(await chip.getText()).toBe('单位：闽江物流有限公司');
    // The field is left empty for the next search; the chip holds the choice.
    expect(await picker.getValue()).toBe('');

    const widened = await answeredDuring(
      chip.getRemoveButton().then((button) => button.click()),
      list.is,
      list.answer(WANG, LIU),
    );
    expect(paramsOf(widened)).toEqual({ status: 'pending', page: '0', pageSize: '20' });
  });

  it('names every kind of submission it reviews in its introduction', () => {
    const intro = page.element.querySelector('.page-intro')?.textContent ?? '';
    for (const kind of ['增员', '减员', '单位信息变更', '银行账户变更', '户籍信息变更']) expect(intro).withContext(kind).toContain(kind);
  });

  it('rejects only with a reason, then lists the queue again', async () => {
    await (await rowButton('review-reject', 0)).click();
    const dialog = await page.documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('驳回申报');
    expect(page.text('decision-subject')).toBe('福州港湾食品有限公司：王小明 的增员申报');

    await page.click('review-decision-confirm');
    expect(await page.errors('review-reason')).toEqual(['驳回时必须填写原因']);
    http.expectNone('/api/review/submissions/31/decision');

    await page.type('review-reason', '  申报工资低于合同工资  ');
    await page.click('review-decision-confirm');
    const decision = http.expectOne('/api/review/submissions/31/decision');
    expect(decision.request.method).toBe('POST');
    expect(decision.request.body).toEqual({ approve: false, reason: '申报工资低于合同工资' });
    decision.flush({ approved: 0, rejected: 1 });
    // The list is asked for again once the dialog has closed.
    await answeredDuring(page.stable(), list.is, list.answer(LIU));

    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    expect(await (await page.documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('已通过 0 条，驳回 1 条');
    expect((await page.tableRows()).map((row) => row['personName'])).toEqual(['刘洋']);
  });

  it('approves without a reason, and says why when the person’s insurance changed meanwhile', async () => {
    await (await rowButton('review-approve', 0)).click();
    await page.click('review-decision-confirm');
    const decision = http.expectOne('/api/review/submissions/31/decision');
    expect(decision.request.body).toEqual({ approve: true });
    decision.flush(apiError('APPROVAL_CONFLICT'), CONFLICT);
    await page.stable();
    expect(page.text('decision-error')).toBe('无法通过：人员的参保状态已变化，请驳回并说明原因。');
  });

  it('shows a batch’s rows and approves the whole batch at once', async () => {
    const batch = await answeredDuring(page.press('review-batch'), list.is, list.answer(LIU, submission({ ...LIU, id: 46, rowNumber: 3 })));
    expect(paramsOf(batch)).toEqual(jasmine.objectContaining({ batchId: '7', status: 'pending' }));
    expect(page.text('review-batch-bar')).toContain('正在查看批次 7 的申报');

    await page.click('review-batch-approve');
    expect(page.text('decision-subject')).toBe('批次 7 中全部 2 条待审核申报');
    await page.click('review-decision-confirm');
    const decision = http.expectOne('/api/review/batches/7/decision');
    expect(decision.request.body).toEqual({ approve: true });
    decision.flush({ approved: 2, rejected: 0 });
    await answeredDuring(page.stable(), list.is, list.answer());

    expect(await (await page.documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('已通过 2 条，驳回 0 条');
    expect(await (await page.button('review-batch-approve')).isDisabled())
      .withContext('nothing pending left')
      .toBeTrue();
  });

  it('rejects from the detail, which shows the whole ID number', async () => {
    await answeredDuring(page.click('review-detail'), '/api/review/submissions/31', (request) =>
      request.flush({ ...WANG, payload: { reason: 'resigned' } }),
    );
    expect(page.parts('detail-unit')).toEqual(['单位', '福州港湾食品有限公司']);
    expect(page.parts('detail-idNumber')).toEqual(['证件号码', '350102199003071234']);

    await page.click('detail-reject');
    expect(await (await page.documentLoader.getHarness(MatDialogHarness)).getTitleText()).toBe('驳回申报');
    await page.click('decision-cancel');
    expect(await page.documentLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    http.expectNone(list.is);
  });

  it('shows an addition of a known person with the registered personal data beside the submitted', async () => {
    const known = submission({
      ...HARBOUR,
      payload: { name: '王小明', hukouType: 'urban', hukouAddress: '厦门市思明区', mobile: '13799990000', wageFen: 600_000 },
      registeredPerson: {
        name: '王小明',
        ethnicity: '汉族',
        hukouType: 'rural',
        hukouAddress: null,
        mobile: '13800001111',
        contactAddress: '福州市鼓楼区',
      },
    });
    await answeredDuring(page.click('review-detail'), '/api/review/submissions/31', (request) => request.flush(known));
    expect(page.text('registered-comparison')).toContain('已登记的个人信息与本次申报');
    expect(page.cells('change-row')).toEqual([
      ['姓名', '王小明', '王小明'],
      ['民族', '汉族', '—'],
      ['户口性质', '农村', '城镇'],
      ['户籍地址', '—', '厦门市思明区'],
      ['手机号码', '13800001111', '13799990000'],
      ['联系地址', '福州市鼓楼区', '—'],
    ]);
    expect(page.text('change-table')).toContain('已登记');
    expect(page.text('change-table')).toContain('本次申报');
  });

  it("shows an addition's declared wage and, beside it, the base after the floor and ceiling", async () => {
    const low = submission({
      ...HARBOUR,
      payload: { name: '王小明', wageFen: 300_000 },
      contributionBase: { baseFen: 480_000, floorFen: 480_000, ceilingFen: 2_400_000 },
    });
    await answeredDuring(page.click('review-detail'), '/api/review/submissions/31', (request) => request.flush(low));
    expect(page.parts('detail-contributionBase')).toEqual(['缴费基数（按上下限调整后）', '¥4,800.00（下限 ¥4,800.00，上限 ¥24,000.00）']);
  });

  it('shows no comparison for an addition of a person not yet known', async () => {
    await answeredDuring(page.click('review-detail'), '/api/review/submissions/31', (request) =>
      request.flush({ ...WANG, payload: { mobile: '13799990000' }, registeredPerson: null }),
    );
    expect(page.cells('change-row')).toEqual([]);
  });

  it('shows a bank account change of a unit with its account before and after', async () => {
    const change = submission({
      ...HARBOUR,
      id: 60,
      kind: 'bank-account-change',
      idNumber: null,
      idNumberMasked: null,
      personName: null,
      effectiveMonth: null,
      payload: {
        before: { bankCategory: null, branchCode: null, branchName: null, accountName: null, accountNumber: null },
        after: {
          bankCategory: 'ICBC',
          branchCode: '102391000020',
          branchName: '中国工商银行福州五一支行',
          accountName: '福州港湾食品有限公司',
          accountNumber: '1402023309200123456',
        },
      },
    });
    const changes = await answeredDuring(page.choose('review-kind', '银行账户变更'), list.is, list.answer(change));
    expect(paramsOf(changes)['kind']).toBe('bank-account-change');
    expect((await page.tableRows())[0]).toEqual(
      jasmine.objectContaining({ personName: '本单位', idNumber: '', kind: '银行账户变更', effectiveMonth: '' }),
    );
    await answeredDuring(page.click('review-detail'), '/api/review/submissions/60', (request) => request.flush(change));
    expect(page.parts('detail-idNumber')).toEqual([]);
    expect(page.cells('change-row')).toEqual([
      ['开户银行', '—', '中国工商银行'],
      ['开户网点', '—', '中国工商银行福州五一支行'],
      ['联行号', '—', '102391000020'],
      ['账户名称', '—', '福州港湾食品有限公司'],
      ['银行账号', '—', '1402023309200123456'],
    ]);
  });
});

describe('ReviewConsole, when the list does not load', () => {
  it('says why, and lists the submissions on retry', async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    const page = new Page(TestBed.createComponent(ReviewConsole));
    TestBed.tick();
    await expectLoadErrorThenRows(page, list.expectOne(), { prefix: 'review', is: list.is, answer: list.answer(WANG) });
    TestBed.inject(HttpTestingController).verify();
  });
});
