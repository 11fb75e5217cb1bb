import { AGENTS, type HallClient } from '../../test/harness';
import {
  activeEmployees,
  auditEntriesOf,
  bankAccountChange,
  fieldsOf,
  unitHallPerSpec,
  unitIdOf,
  unitInfoChange,
  wuyiBranch,
} from '../../test/declarations';
import { DEMO_UNITS } from '../db/seeds/demo';
import { bundledBankBranches } from './bank-branches';

/** The one entry of an action on an entity in the unit's audit trail, as its administrator sees it. */
const auditOf = async (context: ReturnType<typeof unitHallPerSpec>, action: string, entityId: number) => {
  const entries = await auditEntriesOf(context.unit, action, entityId);
  expect(entries.length).withContext(`${action} of ${entityId}`).toBe(1);
  return entries[0];
};

/** The unit's own record of a person it insures, as its detail shows it. */
const unitRecordOf = async (context: ReturnType<typeof unitHallPerSpec>, personId: number) =>
  (await context.unit.get(`/api/insured-persons/${personId}`)).body;

describe('maintenance of the unit', () => {
  const context = unitHallPerSpec();
  let reviewer: HallClient;
  const decide = (id: number, decision: object) => reviewer.post(`/api/review/submissions/${id}/decision`, decision);
  const unitInfo = async () => (await context.unit.get('/api/unit')).body;

  beforeEach(async () => {
    reviewer = await context.hall.client('en');
    await reviewer.signInReviewer();
  });

  it('names each bad field of an information change in the caller’s language', async () => {
    const refused = await context.unit.post('/api/unit/info-changes', {
      ...unitInfoChange,
      contactPhone: '12345',
      contactEmail: 'hr@minjiang',
      legalRepName: ' ',
    });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused)).toEqual(['contactPhone:PHONE_FORMAT', 'contactEmail:EMAIL_FORMAT', 'legalRepName:REQUIRED']);
    expect(refused.body.details.fields[0].message).toContain('landline');
    expect((await context.unit.post('/api/unit/info-changes', { ...unitInfoChange, contactPhone: '13800000001', contactEmail: '' })).status).toBe(
      201,
    );
  });

  it('submits an information change that takes effect only when approved, one at a time, audited with before and after', async () => {
    const { hall, unit } = context;
    const agent = await hall.client('en');
    await agent.signInAgent(AGENTS.unitAOnly, 0);
    const submitted = await agent.post('/api/unit/info-changes', unitInfoChange);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual(
      jasmine.objectContaining({ kind: 'unit-info-change', status: 'pending', idNumber: null, personName: null, effectiveMonth: null }),
    );
    expect(submitted.body.payload.before).toEqual({
      contactName: DEMO_UNITS[0].contact,
      contactPhone: DEMO_UNITS[0].contactPhone,
      contactEmail: 'hr1@example.cn',
      legalRepName: DEMO_UNITS[0].legalRep,
      legalRepPhone: '13900000001',
    });
    expect(submitted.body.payload.after).toEqual(unitInfoChange);
    expect((await unitInfo()).contactName).toBe(DEMO_UNITS[0].contact);

    const shown = await unit.get('/api/unit');
    expect(shown.body.pendingChanges.map((d: { id: number }) => d.id)).toEqual([submitted.body.id]);
    const again = await unit.post('/api/unit/info-changes', { ...unitInfoChange, contactName: '另一人' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CHANGE_PENDING');
    expect((await unit.get('/api/submissions?kind=unit-info-change')).body.total).toBe(1);

    hall.clock.set('2026-11-10T02:20:00Z');
    expect((await decide(submitted.body.id, { approve: true })).body).toEqual({ approved: 1, rejected: 0 });
    const after = await unit.get('/api/unit');
    expect(after.body).toEqual(
      jasmine.objectContaining({ contactName: '郑丽华', contactPhone: '0591-83330001', legalRepPhone: '13900000009', pendingChanges: [] }),
    );
    const audit = await auditOf(context, 'submission_approved', submitted.body.id);
    expect(audit.before).toEqual({ status: 'pending', unit: submitted.body.payload.before });
    expect(audit.after).toEqual({ status: 'approved', reason: null, unit: unitInfoChange });
    // No screen shows when the unit's record last changed: the row is read.
    expect(
      (
        await context.hall.db
          .knex('units')
          .where({ id: await unitIdOf(context.hall, 0) })
          .first()
      ).updated_at,
    ).toBe('2026-11-10T02:20:00.000Z');
  });

  it('refuses a change that changes nothing', async () => {
    const current = {
      contactName: DEMO_UNITS[0].contact,
      contactPhone: DEMO_UNITS[0].contactPhone,
      contactEmail: 'hr1@example.cn',
      legalRepName: DEMO_UNITS[0].legalRep,
      legalRepPhone: '13900000001',
    };
    const res = await context.unit.post('/api/unit/info-changes', current);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('NOTHING_CHANGED');
  });

  it('lets a pending change be withdrawn, never applying it, and a new one be submitted', async () => {
    const { unit } = context;
    const submitted = await unit.post('/api/unit/info-changes', unitInfoChange);
    const withdrawn = await unit.post(`/api/submissions/${submitted.body.id}/withdraw`);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await unitInfo()).contactName).toBe(DEMO_UNITS[0].contact);
    expect((await unit.get('/api/unit')).body.pendingChanges).toEqual([]);
    expect((await unit.post('/api/unit/info-changes', unitInfoChange)).status).toBe(201);
  });

  it('takes a bank account change from the administrator only', async () => {
    const agent = await context.hall.client('en');
    await agent.signInAgent(AGENTS.unitAOnly, 0);
    const refused = await agent.post('/api/unit/bank-account-changes', bankAccountChange());
    expect(refused.status).toBe(403);
    expect((await context.unit.get('/api/submissions?kind=bank-account-change')).body.total).toBe(0);
  });

  it('refuses an account in another name, a branch not in the list or of another bank, and a number that is not 10–30 digits', async () => {
    const { unit } = context;
    const otherName = await unit.post('/api/unit/bank-account-changes', bankAccountChange({ accountName: DEMO_UNITS[1].name }));
    expect(otherName.status).toBe(400);
    expect(fieldsOf(otherName)).toEqual(['accountName:ACCOUNT_NAME_MISMATCH']);
    expect(otherName.body.details.fields[0].message).toContain('unit’s name');
    expect(fieldsOf(await unit.post('/api/unit/bank-account-changes', bankAccountChange({ branchCode: '999999999999' })))).toEqual([
      'branchCode:BANK_BRANCH_UNKNOWN',
    ]);
    expect(fieldsOf(await unit.post('/api/unit/bank-account-changes', bankAccountChange({ bankCategory: 'CCB' })))).toEqual([
      'branchCode:BANK_BRANCH_OTHER_BANK',
    ]);
    for (const accountNumber of ['123456789', '1'.repeat(31), '6222O21001115678901']) {
      const res = await unit.post('/api/unit/bank-account-changes', bankAccountChange({ accountNumber }));
      expect(fieldsOf(res)).withContext(accountNumber).toEqual(['accountNumber:BANK_ACCOUNT_FORMAT']);
    }
    // Luhn is no rule: this number fails it.
    expect((await unit.post('/api/unit/bank-account-changes', bankAccountChange({ accountNumber: '6222021001115678902' }))).status).toBe(201);
  });

  it('leaves the account as it was when the change is rejected, and applies the next one when approved', async () => {
    const { unit } = context;
    const first = await unit.post('/api/unit/bank-account-changes', bankAccountChange());
    expect(first.status).toBe(201);
    expect(first.body.payload.after).toEqual({
      bankCategory: 'ICBC',
      branchCode: wuyiBranch.code,
      branchName: '中国工商银行福州五一支行',
      accountName: DEMO_UNITS[0].name,
      accountNumber: '1402023309200123456',
    });
    expect((await decide(first.body.id, { approve: false, reason: '开户许可证与账号不符' })).body).toEqual({ approved: 0, rejected: 1 });
    // The demo unit has had an account since the seed gave it one: a rejected change leaves that one.
    const seeded = {
      category: 'ICBC',
      branchName: '中国工商银行福州华林支行',
      accountName: DEMO_UNITS[0].name,
      accountNumberMasked: '***************0101',
      accountNumber: '1402024309100100101',
    };
    expect((await unitInfo()).bank).toEqual(seeded);
    expect((await unit.get(`/api/submissions/${first.body.id}`)).body.reviewReason).toBe('开户许可证与账号不符');
    const rejectAudit = await auditOf(context, 'submission_rejected', first.body.id);
    expect(rejectAudit.after).toEqual({ status: 'rejected', reason: '开户许可证与账号不符' });

    const second = await unit.post('/api/unit/bank-account-changes', bankAccountChange({ accountNumber: '14020233092001234567' }));
    await decide(second.body.id, { approve: true });
    const bank = (await unit.get('/api/unit')).body.bank;
    expect(bank).toEqual({
      category: 'ICBC',
      branchName: '中国工商银行福州五一支行',
      accountName: DEMO_UNITS[0].name,
      accountNumberMasked: '****************4567',
      // The unit's administrator asked: the whole number is theirs.
      accountNumber: '14020233092001234567',
    });
    const audit = await auditOf(context, 'submission_approved', second.body.id);
    expect(audit.before.unit).toEqual({
      bankCategory: 'ICBC',
      branchCode: '102391000044',
      branchName: '中国工商银行福州华林支行',
      accountName: DEMO_UNITS[0].name,
      accountNumber: '1402024309100100101',
    });
    expect(audit.after.unit).toEqual(second.body.payload.after);
  });
});

describe('bank branch search', () => {
  const context = unitHallPerSpec();
  const search = async (query: string) => (await context.unit.get(`/api/bank-branches?${query}`)).body;
  const names = (page: { items: { name: string }[] }) => page.items.map((b) => b.name);

  it('finds a branch by keyword, by short name, and by the pinyin initials of either', async () => {
    expect(names(await search(`q=${encodeURIComponent('福州五一')}&bankCategory=ICBC`))).toEqual(['中国工商银行福州五一支行']);
    expect(names(await search('q=gsfzwy'))).toEqual(['中国工商银行福州五一支行']);
    expect(names(await search('q=zggsyhfzwy'))).toEqual(['中国工商银行福州五一支行']);
    expect(names(await search(`q=${encodeURIComponent('工行福州五一')}`))).toEqual(['中国工商银行福州五一支行']);
    const ghfz = await search('q=GHFZ&pageSize=20');
    expect(ghfz.total).toBe(4);
    expect(names(ghfz).every((n: string) => n.startsWith('中国工商银行福州'))).toBeTrue();
    expect(names(await search('q=jhxmhbnl'))).toEqual(['中国建设银行厦门湖滨南路支行']);
  });

  it('answers a short page of many matches, with the total', async () => {
    const first = await search('q=fz&pageSize=5');
    expect(first.items.length).toBe(5);
    expect(first.total).toBeGreaterThan(40);
    const second = await search('q=fz&pageSize=5&page=1');
    expect(names(second)).not.toEqual(names(first));
    expect((await context.unit.get('/api/bank-branches?q=fz&pageSize=50')).status).toBe(400);
    expect(fieldsOf(await context.unit.get('/api/bank-branches?q='))).toEqual(['q:REQUIRED']);
  });

  it('holds at least 600 branches of every major bank', async () => {
    const all = bundledBankBranches().search('zh', undefined, 0, 10_000);
    expect(all.total).toBeGreaterThanOrEqual(600);
    const banks = new Set(
      bundledBankBranches()
        .search('h', undefined, 0, 10_000)
        .items.map((b) => b.bankCategory),
    );
    expect(banks.size).toBe(15);
  });
});

describe('maintenance of insured persons', () => {
  const context = unitHallPerSpec();
  let person: { personId: number; idNumber: string; name: string };
  const contactUrl = () => `/api/insured-persons/${person.personId}/contact`;
  const hukouUrl = () => `/api/insured-persons/${person.personId}/hukou-changes`;

  beforeEach(async () => {
    [person] = await activeEmployees(context.hall, 0);
  });

  it('changes a person’s contact details at once, with the addition’s rules, audited with before and after', async () => {
    const { unit } = context;
    const before = await unitRecordOf(context, person.personId);
    const bad = await unit.send('put', contactUrl(), { mobile: '1380000', contactAddress: 'x'.repeat(201) });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['mobile:MOBILE_FORMAT', 'contactAddress:TOO_LONG']);

    const changed = await unit.send('put', contactUrl(), { mobile: '+86 137-0000-1234', contactAddress: '福州市鼓楼区东街 8 号' });
    expect(changed.status).toBe(200);
    expect(changed.body.contact).toEqual({ mobile: '13700001234', contactAddress: '福州市鼓楼区东街 8 号' });
    const audit = await auditOf(context, 'insured_contact_changed', person.personId);
    expect(audit.before).toEqual(before.contact);
    expect(audit.after).toEqual({ mobile: '13700001234', contactAddress: '福州市鼓楼区东街 8 号' });

    const same = await unit.send('put', contactUrl(), { mobile: '13700001234', contactAddress: '福州市鼓楼区东街 8 号' });
    expect(same.body.code).toBe('NOTHING_CHANGED');
  });

  it('does not maintain persons the unit does not insure', async () => {
    const [other] = await activeEmployees(context.hall, 1);
    const res = await context.unit.send('put', `/api/insured-persons/${other.personId}/contact`, { mobile: '13700001234' });
    expect(res.status).toBe(404);
    expect((await context.unit.post(`/api/insured-persons/${other.personId}/hukou-changes`, { hukouType: 'rural' })).status).toBe(404);
  });

  it('submits a household registration change for review, one at a time, applied on approval', async () => {
    const { hall, unit } = context;
    const bad = await unit.post(hukouUrl(), { hukouType: 'abroad' });
    expect(fieldsOf(bad)).toEqual(['hukouType:INVALID']);
    const current = await unitRecordOf(context, person.personId);
    const hukouType = current.basic.hukouType === 'urban' ? 'rural' : 'urban';
    const submitted = await unit.post(hukouUrl(), { hukouType, hukouAddress: '福建省莆田市城厢区龙桥街道', ethnicity: '畲族' });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual(jasmine.objectContaining({ kind: 'hukou-change', idNumber: person.idNumber, personName: person.name }));
    const { hukouAddress, ethnicity } = current.basic;
    expect(submitted.body.payload.before).toEqual({ hukouType: current.basic.hukouType, hukouAddress, ethnicity });
    expect((await unit.post(hukouUrl(), { hukouType })).body.code).toBe('CHANGE_PENDING');

    const detail = await unit.get(`/api/insured-persons/${person.personId}`);
    expect(detail.body.pendingChanges.map((d: { id: number }) => d.id)).toEqual([submitted.body.id]);
    expect(detail.body.basic.hukouType).toBe(current.basic.hukouType);
    // Not an addition or reduction: the list's pending mark and a reduction are unaffected.
    expect((await unit.get(`/api/insured-persons?q=${person.idNumber}`)).body.items[0].pendingDeclaration).toBeNull();
    expect((await unit.post('/api/reductions', { idNumber: person.idNumber, name: person.name, reason: 'resigned' })).status).toBe(201);

    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    await reviewer.post(`/api/review/submissions/${submitted.body.id}/decision`, { approve: true });
    const basic = (await unit.get(`/api/insured-persons/${person.personId}`)).body.basic;
    expect(basic).toEqual(jasmine.objectContaining({ hukouType, hukouAddress: '福建省莆田市城厢区龙桥街道', ethnicity: '畲族' }));
    const audit = await auditOf(context, 'submission_approved', submitted.body.id);
    expect(audit.after.person).toEqual({ hukouType, hukouAddress: '福建省莆田市城厢区龙桥街道', ethnicity: '畲族' });
  });
});
