import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import type { UnitSummary } from '@common/api/payments';
import { BAD_REQUEST } from '../../../testing/answers';
import { paramsOf } from '../../../testing/http';
import { Page, pageProviders, testId } from '../../../testing/page';
import { typeAndPause } from '../../../testing/search';
import { CollectionsPage } from './collections-page';

const HARBOUR: UnitSummary = { id: 11, name: '福州港湾食品有限公司', creditCode: '91350100M000100Y43' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CollectionsPage', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
    page = new Page(TestBed.createComponent(CollectionsPage));
    await page.stable();
  });

  afterEach(() => http.verify());

  /** Finds the unit by typing a part of its name and picks it from the server's answer. */
  async function pickUnit(typed: string, found: UnitSummary[] = [HARBOUR]): Promise<TestRequest> {
    const picker = await page.documentLoader.getHarness(MatAutocompleteHarness.with({ selector: testId('collection-unit') }));
    await typeAndPause(() => picker.enterText(typed));
    const search = http.expectOne((r) => r.url === '/api/review/units');
    search.flush({ items: found, total: found.length, page: 0, pageSize: 10 });
    await page.stable();
    // The panel shows new options a macrotask after they are rendered.
    await pause(10);
    await page.stable();
    if (found.length > 0) await picker.selectOption({ text: new RegExp(found[0].name) });
    return search;
  }

  it('finds the unit on the server, assesses a period again once confirmed, and tells what changed', async () => {
    const search = await pickUnit('港湾');
    expect(paramsOf(search)).toEqual({ q: '港湾', pageSize: '10' });
    expect(page.text('collection-chosen')).toBe('已选：福州港湾食品有限公司（91350100M000100Y43）');
    await page.type('collection-period', '2026-10');
    await page.click('collection-assess');

    const dialog = await page.documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toBe('按当前参保情况重新核定 福州港湾食品有限公司 2026-10 的应缴？已缴的明细不会改变。');
    await page.click('confirm-ok');
    const assess = http.expectOne('/api/review/assessments');
    expect(assess.request.body).toEqual({ unitId: 11, feePeriod: '202610' });
    assess.flush({ feePeriod: '202610', inserted: 3, updated: 1, removed: 0, unchanged: 30 });
    await page.stable();
    expect(page.text('collection-outcome')).toBe('已重新核定 福州港湾食品有限公司 2026-10：新增 3 条，变更 1 条，删除 0 条，未变 30 条。');
  });

  it('assesses nothing when the confirmation is cancelled', async () => {
    await pickUnit('港湾');
    await page.type('collection-period', '2026-10');
    await page.click('collection-assess');
    await page.click('confirm-cancel');
    http.expectNone('/api/review/assessments');
    expect(page.text('collection-outcome')).toBeNull();
  });

  it('records a collection typed in yuan as integer fen and shows what was paid', async () => {
    await pickUnit('9135');
    await page.type('collection-period', '2026-10');
    await page.type('collection-amount', '¥12,345.6');
    await page.type('collection-date', '2026-11-12');
    await page.type('collection-serial', ' ZS-2026-0001 ');
    await page.click('collection-record');

    const record = http.expectOne('/api/review/collections');
    expect(record.request.body).toEqual({ unitId: 11, feePeriod: '202610', amountFen: 1_234_560, collectedOn: '2026-11-12', serial: 'ZS-2026-0001' });
    record.flush({ feePeriod: '202610', paidDetails: 36, amountFen: 1_234_560 });
    await page.stable();
    expect(page.text('collection-outcome')).toBe('已登记 福州港湾食品有限公司 2026-10 的征收 ¥12,345.60：36 条缴费明细已缴。');
  });

  it("shows the server's refusal under the field it names, in the server's words with the amount due", async () => {
    await pickUnit('港湾');
    await page.type('collection-period', '2026-10');
    await page.type('collection-amount', '100');
    await page.type('collection-date', '2026-11-12');
    await page.type('collection-serial', 'ZS-1');
    await page.click('collection-record');
    const mismatch = '与该所属期未缴的 ¥12,345.60 不符';
    http.expectOne('/api/review/collections').flush(
      {
        code: 'VALIDATION_FAILED',
        message: '',
        details: { fields: [{ field: 'amountFen', code: 'COLLECTION_AMOUNT_MISMATCH', message: mismatch, params: { due: '12345.60' } }] },
      },
      BAD_REQUEST,
    );
    await page.stable();
    expect(await page.errors('collection-amount')).toEqual([mismatch]);
    expect(page.text('collection-failure')).toBeNull();
  });

  it('asks for a unit, a period and a well-formed amount before sending anything', async () => {
    await page.type('collection-amount', '12.345');
    await page.click('collection-record');
    expect(page.text('collection-failure')).toBe('请先选择单位');
    expect(await page.errors('collection-period')).toEqual(['必填']);
    expect(await page.errors('collection-amount')).toEqual(['请输入金额，最多两位小数']);
    await page.type('collection-amount', '0');
    expect(await page.errors('collection-amount')).toEqual(['必须大于 0']);
    http.expectNone('/api/review/collections');
  });

  it('says when no unit matches', async () => {
    await pickUnit('不存在', []);
    const picker = await page.documentLoader.getHarness(MatAutocompleteHarness.with({ selector: testId('collection-unit') }));
    expect(await Promise.all((await picker.getOptions()).map((o) => o.getText()))).toEqual(['没有匹配的单位']);
  });
});
