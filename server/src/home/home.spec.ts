import { createTestHall, type TestHall } from '../../test/harness';
import { addition, newIdNumber } from '../../test/declarations';

describe('home figures', () => {
  let hall: TestHall;

  beforeAll(async () => {
    hall = await createTestHall();
  });
  afterAll(() => hall.close());

  it("shows each unit its own insured count, pending count and this month's amount due", async () => {
    for (const unitIndex of [0, 1]) {
      const admin = await hall.client();
      const me = await admin.signInUnitAdmin(unitIndex);
      const unitId = me.body.unit.id;
      const home = await admin.get('/api/home');
      expect(home.status).toBe(200);
      expect(home.body.period).toBe('202611');

      const insured = await hall.db.knex('employments').where({ unit_id: unitId, status: 'active' }).count({ n: '*' }).first();
      expect(home.body.insuredCount).toBe(Number(insured!.n));
      expect(home.body.insuredCount).toBeGreaterThan(0);

      const rows = await hall.db
        .knex('payment_details')
        .where({ unit_id: unitId, fee_period: '202611' })
        .select('unit_amount_fen', 'person_amount_fen');
      const due = rows.reduce((sum, r) => sum + r.unit_amount_fen + r.person_amount_fen, 0);
      expect(home.body.dueThisMonthFen).toBe(due);
      expect(Number.isInteger(home.body.dueThisMonthFen)).toBeTrue();
      expect(home.body.pendingCount).toBe(0);
    }
  });

  it('gives the reviewer the number of units and of pending submissions', async () => {
    const reviewer = await hall.client();
    await reviewer.signInReviewer();
    const res = await reviewer.get('/api/review/home');
    // The seed's two units with accounts and its three units only on record: every unit of the agency's.
    expect(res.body).toEqual({ pendingCount: 0, unitCount: 5 });
  });

  it("shows the unit its submissions rejected in the last 30 days, newest first, with the reviewer's reason", async () => {
    const own = await createTestHall();
    try {
      const admin = await own.client('en');
      await admin.signInUnitAdmin(0);
      const other = await own.client('en');
      await other.signInUnitAdmin(1);
      const reviewer = await own.client('en');
      await reviewer.signInReviewer();
      const reject = async (client: typeof admin, n: number, reason: string) => {
        const declared = await client.post('/api/additions', addition(newIdNumber(70 + n), { name: `驳回${'甲乙丙丁'[n]}` }));
        expect(declared.status).withContext(JSON.stringify(declared.body)).toBe(201);
        await reviewer.post(`/api/review/submissions/${declared.body.id}/decision`, { approve: false, reason });
        return declared.body.id as number;
      };
      const old = await reject(admin, 0, '太早');
      // Rejected 31 days before the clock's now: out of the window.
      await own.db.knex('declarations').where({ id: old }).update({ reviewed_at: '2026-10-10T01:00:00.000Z' });
      const first = await reject(admin, 1, '工资低于合同');
      const second = await reject(admin, 2, '手机号有误');
      await reject(other, 3, '另一单位的');
      const approved = await admin.post('/api/additions', addition(newIdNumber(74)));
      await reviewer.post(`/api/review/submissions/${approved.body.id}/decision`, { approve: true });

      const home = (await admin.get('/api/home')).body;
      expect(home.rejected.total).toBe(2);
      expect(home.rejected.items.map((d: { id: number; personName: string; reviewReason: string }) => [d.id, d.personName, d.reviewReason])).toEqual([
        [second, '驳回丙', '手机号有误'],
        [first, '驳回乙', '工资低于合同'],
      ]);
    } finally {
      await own.close();
    }
  });
});
