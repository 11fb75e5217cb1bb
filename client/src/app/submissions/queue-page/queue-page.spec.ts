import type { Submission } from '@common/api/submissions';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatChipHarness } from '@angular/material/chips/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { apiError, CONFLICT } from '../../../testing/answers';
import { captureDownloads, exportHeaders } from '../../../testing/exports';
import { answeredDuring, listEndpoint, paramsOf } from '../../../testing/http';
import { submission } from '../../../testing/submissions';
import { Page, pageProviders } from '../../../testing/page';
import { typeAndPause } from '../../../testing/search';
import { submissionsRoutes } from '../submissions.routes';
import { expectLoadErrorThenRows } from '../../../testing/list-load-error';

const WANG = submission();
const ZHAO = submission({
  id: 32,
  kind: 'reduction',
  personName: '赵敏',
  idNumber: '11010519491231002X',
  idNumberMasked: '110105********002X',
  effectiveMonth: '202611',
  batchId: 7,
  rowNumber: 3,
});

/** An addition's payload as the detail receives it. */
const ADDITION_PAYLOAD = {
  idType: '01',
  hukouType: 'rural',
  mobile: '13800138000',
  wageFen: 300050,
  personnelCategory: 'in_service',
  insuranceTypes: ['310', '330'],
};

describe('QueuePage', () => {
  let http: HttpTestingController;
  let page: Page;

  const list = listEndpoint<Submission>('/api/submissions');

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: pageProviders([{ path: 'submissions', children: submissionsRoutes }], withComponentInputBinding()),
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open(url: string): Promise<TestRequest> {
    const harness = await RouterTestingHarness.create(url);
    page = new Page(harness.fixture);
    TestBed.tick();
    return list.expectOne();
  }

  async function answer(request: TestRequest, ...items: Submission[]): Promise<void> {
    list.answer(...items)(request);
    await page.stable();
  }

  it('lists the pending submissions with masked ID numbers', async () => {
    const list = await open('/submissions');
    expect(TestBed.inject(Router).url).toBe('/submissions/pending');
    expect(paramsOf(list)).toEqual({ queue: 'pending', page: '0', pageSize: '20' });
    await answer(list, WANG, ZHAO);

    expect(await page.tableRows()).toEqual([
      {
        personName: '王小明',
        idNumber: '350102********1234',
        kind: '增员',
        effectiveMonth: '2026-12',
        batch: '',
        submittedAt: '2026-11-24 14:00',
        actions: '详情 撤回',
      },
      {
        personName: '赵敏',
        idNumber: '110105********002X',
        kind: '减员',
        effectiveMonth: '2026-11',
        batch: '批次 7 第 3 行',
        submittedAt: '2026-11-24 14:00',
        actions: '详情 撤回',
      },
    ]);
  });

  it('says why the list did not load, and loads it again on retry', async () => {
    const failing = await open('/submissions/pending');
    await expectLoadErrorThenRows(page, failing, { prefix: 'queue', is: list.is, answer: list.answer(WANG) });
  });

  it('says so when a submission’s detail did not load', async () => {
    await answer(await open('/submissions/pending'), WANG);
    await answeredDuring(page.click('queue-detail'), '/api/submissions/31', (request) =>
      request.flush(apiError('NOT_FOUND'), { status: 404, statusText: 'Not Found' }),
    );
    expect(page.text('submission-detail')).toBe('未找到相关记录。重试');
    expect(page.text('detail-withdraw')).toBeNull();
    await page.click('detail-close');
  });

  it('filters by ID number or name, kind and batch', async () => {
    await answer(await open('/submissions/pending?batchId=7'), ZHAO);
    expect(await (await page.loader.getHarness(MatChipHarness)).getText()).toBe('批次 7');

    await typeAndPause(() => page.type('queue-search', '赵'));
    const searched = list.expectOne();
    expect(paramsOf(searched)).toEqual({ queue: 'pending', q: '赵', batchId: '7', page: '0', pageSize: '20' });
    await answer(searched, ZHAO);

    const typed = await answeredDuring(page.choose('queue-kind', '减员'), list.is, list.answer(ZHAO));
    expect(paramsOf(typed)).toEqual(jasmine.objectContaining({ kind: 'reduction', q: '赵', batchId: '7' }));

    const chip = await page.loader.getHarness(MatChipHarness);
    const unbatched = await answeredDuring(chip.remove(), list.is, list.answer(ZHAO));
    expect(paramsOf(unbatched)['batchId']).toBeUndefined();
    expect(TestBed.inject(Router).url).withContext('the other filters stay').toBe('/submissions/pending?q=%E8%B5%B5&kind=reduction');
  });

  it("exports the queue with the list's filters", async () => {
    const saved = captureDownloads();
    await answer(await open('/submissions/audited?batchId=7&kind=reduction&q=%E8%B5%B5'), ZHAO);

    const exported = await answeredDuring(
      page.click('queue-export'),
      (request) => request.url === '/api/submissions/export',
      (request) => request.flush(new Blob(['xlsx']), { headers: exportHeaders('港湾-申报查询-已审核.xlsx', 1) }),
    );
    expect(paramsOf(exported)).toEqual({ queue: 'audited', q: '赵', kind: 'reduction', batchId: '7' });
    expect(saved.map((file) => file.name)).toEqual(['港湾-申报查询-已审核.xlsx']);
  });

  it('withdraws a pending submission after confirmation, and lists the queue again', async () => {
    await answer(await open('/submissions/pending'), WANG, ZHAO);
    const withdraw = page.element.querySelectorAll<HTMLButtonElement>('[data-testid="queue-withdraw"]')[1];
    withdraw.click();
    await page.stable();

    const dialog = await page.documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('撤回申报');
    expect(await dialog.getContentText()).toBe('撤回 赵敏 的减员申报？撤回后该申报不会生效。');
    await page.click('confirm-ok');

    const request = http.expectOne('/api/submissions/32/withdraw');
    expect(request.request.method).toBe('POST');
    request.flush({ ...ZHAO, status: 'withdrawn' });
    TestBed.tick();
    await answer(list.expectOne(), WANG);

    expect((await page.tableRows()).map((row) => row['personName'])).toEqual(['王小明']);
    expect(await (await page.documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('已撤回 赵敏 的减员申报');
  });

  it('keeps the submission when the withdrawal is cancelled, and says so when it was decided meanwhile', async () => {
    await answer(await open('/submissions/pending'), WANG);
    await page.click('queue-withdraw');
    await page.click('confirm-cancel');
    http.expectNone('/api/submissions/31/withdraw');

    await page.click('queue-withdraw');
    await page.click('confirm-ok');
    http.expectOne('/api/submissions/31/withdraw').flush(apiError('SUBMISSION_NOT_PENDING'), CONFLICT);
    TestBed.tick();
    await answer(list.expectOne());
    expect(await (await page.documentLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('该申报已不是待审核状态。');
  });

  it('shows the employee number (工号) in a submission’s detail', async () => {
    await answer(await open('/submissions/pending'), WANG);
    const payload = { ...ADDITION_PAYLOAD, employeeNumber: 'HR-0042' };
    await answeredDuring(page.click('queue-detail'), '/api/submissions/31', (request) => request.flush({ ...WANG, payload }));

    expect(page.parts('detail-employeeNumber')).toEqual(['工号', 'HR-0042']);
  });

  it('shows a submission in full, whole ID number included, and withdraws it from there', async () => {
    await answer(await open('/submissions/pending'), WANG);
    const payload = ADDITION_PAYLOAD;
    await answeredDuring(page.click('queue-detail'), '/api/submissions/31', (request) => request.flush({ ...WANG, payload }));

    expect(page.parts('detail-idNumber')).toEqual(['证件号码', '350102199003071234']);
    expect(page.parts('detail-effectiveMonth')).toEqual(['参保月份', '2026-12']);
    expect(page.parts('detail-hukouType')).toEqual(['户口性质', '农村']);
    expect(page.parts('detail-wageFen')).toEqual(['申报月工资', '¥3,000.50']);
    expect(page.parts('detail-insuranceTypes', 'dt, .part')).toEqual(['参保险种', '职工基本医疗保险', '大额医疗费用补助']);
    expect(page.parts('detail-submittedAt')).toEqual(['提交', '2026-11-24 14:00 · 陈经理']);

    await page.click('detail-withdraw');
    await page.click('confirm-ok');
    http.expectOne('/api/submissions/31/withdraw').flush({ ...WANG, status: 'withdrawn' });
    TestBed.tick();
    await answer(list.expectOne());
  });

  it('lists the audited submissions with the reviewer’s answer and time', async () => {
    const list = await open('/submissions/audited');
    expect(paramsOf(list)['queue']).toBe('audited');
    await answer(
      list,
      submission({ status: 'rejected', reviewedBy: '赵审核', reviewedAt: '2026-11-25T01:30:00Z', reviewReason: '工资与合同不符' }),
      submission({ id: 33, personName: '钱多多', status: 'approved', reviewedBy: '赵审核', reviewedAt: '2026-11-25T02:00:00Z' }),
    );

    const rows = await page.tableRows();
    expect(rows.map(({ personName, status, reviewedAt, reviewReason, actions }) => [personName, status, reviewedAt, reviewReason, actions])).toEqual([
      ['王小明', '已驳回', '2026-11-25 09:30', '工资与合同不符', '详情'],
      ['钱多多', '已通过', '2026-11-25 10:00', '', '详情'],
    ]);
  });
});
