import type { HttpRequest } from '@angular/common/http';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import type { Agent } from '@common/api/agents';
import type { AuditEntry } from '@common/api/audit';
import { captureDownloads, exportHeaders } from '../../../testing/exports';
import { answeredDuring, paramsOf } from '../../../testing/http';
import { Page } from '../../../testing/page';
import { pageOf } from '../../../testing/payments';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { typeAndPause } from '../../../testing/search';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { LanguageService } from '../../core/language/language.service';
import { auditRoutes } from '../audit.routes';
import { expectLoadErrorThenRows } from '../../../testing/list-load-error';

const LIN: Agent = { id: 2, name: '林小红', mobile: '13800138000', disabled: false, status: 'active', boundAt: '2026-03-01T02:30:00Z' };

const DISABLED: AuditEntry = {
  id: 31,
  at: '2026-11-20T02:05:09.000Z',
  user: { id: 1, name: '陈经理', role: 'unit_admin' },
  action: 'agent_disabled',
  entityType: 'agent',
  entityId: '2',
  entityName: '林小红',
  entityKind: null,
  before: { name: '林小红', disabled: false },
  after: { name: '林小红', disabled: true },
};
const LOGIN: AuditEntry = {
  id: 30,
  at: '2026-11-19T16:00:00.000Z',
  user: { id: 2, name: '林小红', role: 'agent' },
  action: 'login',
  entityType: 'session',
  entityId: null,
  entityName: null,
  entityKind: null,
  before: null,
  after: null,
};
/** The monthly assessment, which no user runs. */
const ASSESSMENT: AuditEntry = {
  id: 29,
  at: '2026-11-01T00:00:00.000Z',
  user: null,
  action: 'assessment',
  entityType: 'fee_period',
  entityId: '202611',
  entityName: null,
  entityKind: null,
  before: null,
  after: { inserted: 3, updated: 0, removed: 0 },
};

/** A reviewer's rejection of an addition: the submission named by its kind and number. */
const REJECTED: AuditEntry = {
  id: 28,
  at: '2026-11-18T02:00:00.000Z',
  user: { id: 1, name: '陈经理', role: 'unit_admin' },
  action: 'submission_rejected',
  entityType: 'submission',
  entityId: '123',
  entityName: '张三（110105********1234）',
  entityKind: 'addition',
  before: { status: 'pending' },
  after: { status: 'rejected', reason: '材料不全' },
};
/** An addition as submitted, recorded whole: its payload's codes among its facts. */
const SUBMITTED: AuditEntry = {
  id: 27,
  at: '2026-11-17T02:00:00.000Z',
  user: { id: 2, name: '林小红', role: 'agent' },
  action: 'submission_submitted',
  entityType: 'submission',
  entityId: '123',
  entityName: '张三（110105********1234）',
  entityKind: 'addition',
  before: null,
  after: {
    id: 123,
    kind: 'addition',
    status: 'pending',
    unitId: 11,
    personName: '张三',
    idNumberMasked: '110105********1234',
    effectiveMonth: '202612',
    submittedAt: '2026-11-17T02:00:00.000Z',
    payload: { hukouType: 'rural', wageFen: 600_000, insuranceTypes: ['310', '510'], personnelCategory: 'in_service' },
  },
};
/** A change of the unit's bank account: the registered account before, the new one after. */
const BANK_CHANGE: AuditEntry = {
  id: 26,
  at: '2026-11-16T02:00:00.000Z',
  user: { id: 1, name: '陈经理', role: 'unit_admin' },
  action: 'submission_submitted',
  entityType: 'submission',
  entityId: '124',
  entityName: null,
  entityKind: 'bank-account-change',
  before: null,
  after: { kind: 'bank-account-change', status: 'pending', payload: { before: { bankCategory: 'ICBC' }, after: { bankCategory: 'CCB' } } },
};

async function typeDay(page: Page, id: string, day: string): Promise<void> {
  const input = await (await page.input(id)).host();
  await input.setInputValue(day);
  await input.dispatchEvent('input');
}

describe('AuditPage', () => {
  let http: HttpTestingController;
  let page: Page;

  const isList = (request: HttpRequest<unknown>) => request.url === '/api/audit';
  const isExport = (request: HttpRequest<unknown>) => request.url === '/api/audit/export';
  const answerList =
    (...items: AuditEntry[]) =>
    (request: TestRequest) =>
      request.flush(pageOf(items));

  beforeEach(() => {
    http = configureFeature('audit', auditRoutes);
    signIn(UNIT_ADMIN);
  });
  afterEach(() => http.verify());

  async function open(...items: AuditEntry[]): Promise<TestRequest> {
    page = await openPage('/audit');
    http.expectOne('/api/agents').flush({ items: [LIN] });
    const list = http.expectOne(isList);
    list.flush(pageOf(items, 2));
    await page.stable();
    return list;
  }

  it('lists the entries newest first in China time, with who did what to whom, and shows before and after on demand', async () => {
    const list = await open(DISABLED, LOGIN, ASSESSMENT);
    expect(paramsOf(list)).toEqual({ page: '0', pageSize: '20' });
    expect(await page.tableRows()).toEqual([
      { at: '2026-11-20 10:05:09', user: '陈经理（单位管理员）', action: '停用经办人', entity: '经办人 林小红', changes: '查看' },
      { at: '2026-11-20 00:00:00', user: '林小红（经办人）', action: '登录', entity: '登录会话', changes: '' },
      { at: '2026-11-01 08:00:00', user: '系统', action: '缴费核定', entity: '费款所属期 #202611', changes: '查看' },
    ]);

    await page.click('audit-toggle');
    // Field by field with translated labels, not the recorded JSON.
    expect(page.cells('audit-change')).toEqual([
      ['姓名', '林小红', '林小红'],
      ['已停用', '否', '是'],
    ]);
    await page.click('audit-toggle');
    expect(page.text('audit-changes')).toBeNull();
  });

  it('names a submission by its kind and number, and words its statuses, codes, amounts, months and times', async () => {
    await open(REJECTED, SUBMITTED, BANK_CHANGE);
    expect((await page.tableRows()).map((row) => row['entity'])).toEqual([
      '增员 #123 — 张三（110105********1234）',
      '增员 #123 — 张三（110105********1234）',
      '银行账户变更 #124',
    ]);

    const toggles = await page.loader.getAllHarnesses(MatButtonHarness.with({ selector: '[data-testid="audit-toggle"]' }));
    await toggles[0].click();
    expect(page.cells('audit-change')).toEqual([
      ['状态', '待审核', '已驳回'],
      ['原因', '', '材料不全'],
    ]);
    await toggles[0].click();
    await toggles[1].click();
    expect(page.cells('audit-change')).toEqual([
      ['类型', '', '增员'],
      ['状态', '', '待审核'],
      ['姓名', '', '张三'],
      ['参保月份', '', '2026-12'],
      ['提交时间', '', '2026-11-17 10:00:00'],
      ['户口性质', '', '农村'],
      ['申报月工资', '', '6,000.00'],
      ['参保险种', '', '职工基本医疗保险、生育保险'],
      ['人员类别', '', '在职'],
    ]);
    await toggles[1].click();
    await toggles[2].click();
    expect(page.cells('audit-change')).toEqual([
      ['类型', '', '银行账户变更'],
      ['状态', '', '待审核'],
      ['开户银行', '中国工商银行', '中国建设银行'],
    ]);
  });

  const IN_OTHER_LANGUAGES = {
    en: {
      entity: 'Addition #123 — 张三（110105********1234）',
      changes: [
        ['Status', 'Pending review', 'Rejected'],
        ['Reason', '', '材料不全'],
        ['Name', '林小红', '林小红'],
        ['Disabled', 'No', 'Yes'],
      ],
    },
    es: {
      entity: 'Alta #123 — 张三（110105********1234）',
      changes: [
        ['Estado', 'Pendiente de revisión', 'Rechazada'],
        ['Motivo', '', '材料不全'],
        ['Nombre', '林小红', '林小红'],
        ['Desactivado', 'No', 'Sí'],
      ],
    },
  };
  for (const lang of ['en', 'es'] as const) {
    it(`words the submission's kind, the labels and the codes in ${lang} too`, async () => {
      await open(REJECTED, DISABLED);
      const language = TestBed.inject(LanguageService);
      await language.use(lang);
      await page.stable();
      expect((await page.tableRows())[0]['entity']).toBe(IN_OTHER_LANGUAGES[lang].entity);
      for (const toggle of await page.loader.getAllHarnesses(MatButtonHarness.with({ selector: '[data-testid="audit-toggle"]' })))
        await toggle.click();
      expect(page.cells('audit-change')).toEqual(IN_OTHER_LANGUAGES[lang].changes);
      await language.use('zh-CN');
    });
  }

  it('says why the entries did not load, and lists them on retry', async () => {
    page = await openPage('/audit');
    http.expectOne('/api/agents').flush({ items: [LIN] });
    await expectLoadErrorThenRows(page, http.expectOne(isList), { prefix: 'audit', is: isList, answer: answerList(LOGIN) });
  });

  it('offers the administrator and the agents, and every action', async () => {
    await open(DISABLED);
    expect(await page.optionTexts('audit-user')).toEqual(['全部', '陈经理（单位管理员）', '林小红（经办人）']);
    expect((await page.optionTexts('audit-type')).slice(0, 3)).toEqual(['全部', '登录', '选择单位']);
  });

  it('asks the server for what the filters say, and exports exactly that', async () => {
    const saved = captureDownloads();
    await open(DISABLED);

    await typeAndPause(() => page.type('audit-search', ' 林小红 '));
    const searched = http.expectOne(isList);
    expect(paramsOf(searched)['q']).toBe('林小红');
    searched.flush(pageOf([DISABLED]));

    await answeredDuring(page.choose('audit-user', '陈经理（单位管理员）'), isList, answerList(DISABLED));
    await answeredDuring(page.choose('audit-type', '停用经办人'), isList, answerList(DISABLED));
    await answeredDuring(typeDay(page, 'audit-from', '2026-11-01'), isList, answerList(DISABLED));
    const last = await answeredDuring(typeDay(page, 'audit-to', '2026-11-30'), isList, answerList(DISABLED));
    const filters = { q: '林小红', user: '1', type: 'agent_disabled', from: '2026-11-01', to: '2026-11-30' };
    expect(paramsOf(last)).toEqual({ ...filters, page: '0', pageSize: '20' });

    const exported = await answeredDuring(page.click('audit-export'), isExport, (request) =>
      request.flush(new Blob(['xlsx']), { headers: exportHeaders('港湾-操作日志.xlsx', 1) }),
    );
    expect(exported.request.responseType).toBe('blob');
    expect(paramsOf(exported)).toEqual(filters);
    expect(saved.map((file) => file.name)).toEqual(['港湾-操作日志.xlsx']);
  });

  it('asks nothing while the days run backwards, and says why', async () => {
    await open(DISABLED);
    await answeredDuring(typeDay(page, 'audit-from', '2026-11-20'), isList, answerList(DISABLED));
    await typeDay(page, 'audit-to', '2026-11-01');
    TestBed.tick();
    http.expectNone(isList);
    expect(await page.errors('audit-to')).toEqual(['结束日期不能早于开始日期']);
    expect(page.text('audit-empty')).toBe('请先更正日期范围。');
    expect(await (await page.button('audit-export')).isDisabled()).toBeTrue();
  });
});
