import { createTestHall, type TestHall } from '../../test/harness';

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
    expect(res.body).toEqual({ pendingCount: 0, unitCount: 2 });
  });
});
