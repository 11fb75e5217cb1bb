import { AGENTS, createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { bankAccountChange } from '../../test/declarations';
import { DEMO_UNITS } from '../db/seeds/demo';
import { bundledBankBranches } from '../maintenance/bank-branches';

describe("the unit's information", () => {
  let hall: TestHall;
  let admin: HallClient;
  let agent: HallClient;

  beforeAll(async () => {
    hall = await createTestHall();
    admin = await hall.client();
    await admin.signInUnitAdmin(0);
    agent = await hall.client();
    await agent.signInAgent(AGENTS.unitAOnly, 0);
    await hall.db.knex('units').where({ credit_code: DEMO_UNITS[0].creditCode }).update({ bank_account_number: '6222021001115678901' });
  });
  afterAll(() => hall.close());

  it("shows the bank account number whole to the unit's administrator", async () => {
    const res = await admin.get('/api/unit');
    expect(res.status).toBe(200);
    expect(res.body.bank.accountNumber).toBe('6222021001115678901');
    expect(res.body.bank.accountNumberMasked).toBe('***************8901');
  });

  it('shows an agent of the same unit only its last four digits', async () => {
    const res = await agent.get('/api/unit');
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(DEMO_UNITS[0].name);
    expect(res.body.bank.accountNumber).toBeNull();
    expect(res.body.bank.accountNumberMasked).toBe('***************8901');
    expect(JSON.stringify(res.body)).not.toContain('6222021001115678901');
  });

  it('shows an agent the pending bank change with the numbers masked, wherever it is listed; the administrator whole', async () => {
    const change = await admin.post('/api/unit/bank-account-changes', bankAccountChange({ accountNumber: '14020233092001234567' }));
    expect(change.status).toBe(201);
    const numbers = (payload: { before: { accountNumber: string | null }; after: { accountNumber: string } }) => [
      payload.before.accountNumber,
      payload.after.accountNumber,
    ];

    const seenByAgent = [
      (await agent.get('/api/unit')).body.pendingChanges[0].payload,
      (await agent.get('/api/submissions?kind=bank-account-change')).body.items[0].payload,
      (await agent.get(`/api/submissions/${change.body.id}`)).body.payload,
    ];
    for (const payload of seenByAgent) expect(numbers(payload)).toEqual(['***************8901', '****************4567']);

    const seenByAdmin = [
      (await admin.get('/api/unit')).body.pendingChanges[0].payload,
      (await admin.get('/api/submissions?kind=bank-account-change')).body.items[0].payload,
      (await admin.get(`/api/submissions/${change.body.id}`)).body.payload,
    ];
    for (const payload of seenByAdmin) expect(numbers(payload)).toEqual(['6222021001115678901', '14020233092001234567']);
  });
});

describe('the demo units', () => {
  let hall: TestHall;

  beforeAll(async () => (hall = await createTestHall()));
  afterAll(() => hall.close());

  it('each have a bank account at a branch of the bundled list, in the unit’s own name', async () => {
    const shown = [];
    for (const index of [0, 1]) {
      const admin = await hall.client();
      await admin.signInUnitAdmin(index);
      shown.push((await admin.get('/api/unit')).body.bank);
    }
    expect(shown).toEqual([
      {
        category: 'ICBC',
        branchName: '中国工商银行福州华林支行',
        accountName: '福州闽江软件科技有限公司',
        accountNumberMasked: '***************0101',
        accountNumber: '1402024309100100101',
      },
      {
        category: 'ABC',
        branchName: '中国农业银行厦门分行营业部',
        accountName: '厦门鹭岛物流有限公司',
        accountNumberMasked: '***************0202',
        accountNumber: '4037100104000200202',
      },
    ]);
    const codes = await hall.db
      .knex('units')
      .whereIn('credit_code', [DEMO_UNITS[0].creditCode, DEMO_UNITS[1].creditCode])
      .orderBy('id')
      .pluck('bank_branch_code');
    expect(codes).toEqual(['102391000044', '103393000016']);
    expect(codes.map((code: string) => bundledBankBranches().find(code)?.name)).toEqual(['中国工商银行福州华林支行', '中国农业银行厦门分行营业部']);
  });
});
