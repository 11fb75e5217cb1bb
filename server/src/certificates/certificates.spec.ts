import { VERIFICATION_CODE } from '@common/api/verification';
import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { DEMO_UNITS } from '../db/seeds/demo';
import { maskName, newVerificationCode, VERIFY_MISSES_ALLOWED, VERIFY_WINDOW_MS } from '../verification/verification';

describe('payment statements and certificates', () => {
  let hall: TestHall;
  let admin: HallClient;
  let unitId: number;
  let person: { id: number; id_number: string; name: string };

  beforeAll(async () => {
    hall = await createTestHall();
    admin = await hall.client('en');
    unitId = (await admin.signInUnitAdmin(0)).body.unit.id;
    person = await hall.db
      .knex('insured_persons as p')
      .whereExists(hall.db.knex('payment_details as d').where('d.unit_id', unitId).whereRaw('d.person_id = p.id').where('d.fee_period', '202601'))
      .first('p.id', 'p.id_number', 'p.name');
  });
  afterAll(() => hall.close());
  /** Every test of this hall calls from the same address: a test that runs up its misses clears them. */
  const forgetMisses = () => hall.db.knex('login_limits').where('key', 'like', 'verify%').delete();

  it("totals the statement per insurance type and side from the unit's payment details", async () => {
    const res = await admin.get('/api/payments/statement?period=202610');
    expect(res.status).toBe(200);
    const rows = await hall.db.knex('payment_details').where({ unit_id: unitId, fee_period: '202610' });
    expect(res.body.lines.map((l: { insuranceType: string }) => l.insuranceType)).toEqual(['310', '330', '510']);
    for (const line of res.body.lines) {
      const ofType = rows.filter((r) => r.insurance_type === line.insuranceType);
      const paid = ofType.filter((r) => r.paid_at);
      expect(line.unitDueFen).toBe(ofType.reduce((n, r) => n + r.unit_amount_fen, 0));
      expect(line.personDueFen).toBe(ofType.reduce((n, r) => n + r.person_amount_fen, 0));
      expect(line.unitPaidFen).toBe(paid.reduce((n, r) => n + r.unit_amount_fen, 0));
      expect(line.personPaidFen).toBe(paid.reduce((n, r) => n + r.person_amount_fen, 0));
      expect(line.persons).toBe(new Set(ofType.map((r) => r.person_id)).size);
    }
    expect(res.body.dueFen).toBe(rows.reduce((n, r) => n + r.unit_amount_fen + r.person_amount_fen, 0));
    expect(res.body.unitName).toBe(DEMO_UNITS[0].name);
    expect((await admin.get('/api/payments/statement?period=2026-10')).status).toBe(400);
    expect((await admin.get('/api/payments/statement?period=203001')).body.lines).toEqual([]);
  });

  it('issues a certificate with the months and amounts of the range, and stores it', async () => {
    const res = await admin.post('/api/certificates', { idNumber: person.id_number, from: '202601', to: '202603' });
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(VERIFICATION_CODE);
    expect(res.body.items.map((m: { feePeriod: string }) => m.feePeriod)).toEqual(['202601', '202602', '202603']);
    const rows = await hall.db
      .knex('payment_details')
      .where({ unit_id: unitId, person_id: person.id })
      .whereBetween('fee_period', ['202601', '202603']);
    expect(res.body.unitAmountFen).toBe(rows.reduce((n, r) => n + r.unit_amount_fen, 0));
    expect(res.body.personAmountFen).toBe(rows.reduce((n, r) => n + r.person_amount_fen, 0));
    // Each month prints one line with a column per insurance type: its amounts by side, as assessed.
    for (const month of res.body.items) {
      const ofMonth = rows.filter((r) => r.fee_period === month.feePeriod).sort((a, b) => a.insurance_type.localeCompare(b.insurance_type));
      expect(month.amounts).toEqual(
        ofMonth.map((r) => ({ insuranceType: r.insurance_type, unitAmountFen: r.unit_amount_fen, personAmountFen: r.person_amount_fen })),
      );
      expect(month.unitAmountFen).toBe(ofMonth.reduce((n, r) => n + r.unit_amount_fen, 0));
    }
    const stored = await hall.db.knex('certificates').where({ code: res.body.code }).first();
    expect(stored).toEqual(
      jasmine.objectContaining({ unit_id: unitId, person_id: person.id, from_period: '202601', to_period: '202603', months: 3 }),
    );
    expect((await admin.get(`/api/certificates/${res.body.code}`)).body).toEqual(res.body);
    const audited = await hall.db.knex('audit_log').where({ action: 'certificate_issued', entity_id: res.body.code }).first();
    expect(audited).toEqual(jasmine.objectContaining({ unit_id: unitId, entity_type: 'certificate' }));
    expect(JSON.parse(audited.after)).toEqual({ personId: person.id, from: '202601', to: '202603', months: 3 });
  });

  it("refuses another unit's person with 404, and a range with no payments", async () => {
    const otherUnit = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[1].creditCode }).first('id');
    const other = await hall.db
      .knex('payment_details as d')
      .join('insured_persons as p', 'p.id', 'd.person_id')
      .where('d.unit_id', otherUnit.id)
      .first('p.id_number');
    expect((await admin.post('/api/certificates', { idNumber: other.id_number, from: '202601', to: '202603' })).status).toBe(404);
    const empty = await admin.post('/api/certificates', { idNumber: person.id_number, from: '203001', to: '203002' });
    expect(empty.status).toBe(400);
    expect((await admin.post('/api/certificates', { idNumber: person.id_number, from: '202603', to: '202601' })).status).toBe(400);
  });

  it('verifies a code for anyone with masked data only, and 404 for a made-up code', async () => {
    const issued = await admin.post('/api/certificates', { idNumber: person.id_number, from: '202602', to: '202604' });
    const anonymous = await hall.client('en');
    const res = await anonymous.get(`/api/certificates/verify/${issued.body.code.toLowerCase().replace(/-/g, '')}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      genuine: true,
      nameMasked: maskName(person.name),
      idNumberMasked: `${person.id_number.slice(0, 6)}********${person.id_number.slice(-4)}`,
      from: '202602',
      to: '202604',
      months: 3,
    });
    expect(JSON.stringify(res.body)).not.toContain(DEMO_UNITS[0].name);
    expect((await anonymous.get(`/api/certificates/verify/${newVerificationCode()}`)).status).toBe(404);
    expect((await anonymous.get('/api/certificates/verify/not-a-code')).status).toBe(404);
  });

  it('makes a caller who keeps missing wait, even for a genuine code, until the window has passed', async () => {
    const issued = await admin.post('/api/certificates', { idNumber: person.id_number, from: '202601', to: '202601' });
    const anonymous = await hall.client('en');
    // Other tests of this hall miss from the same address too.
    await forgetMisses();
    // The limiter counts in wall-clock time: held still, so twenty misses on a slow machine do not shorten the wait.
    const start = Date.now();
    let offsetMs = 0;
    spyOn(Date, 'now').and.callFake(() => start + offsetMs);
    for (let i = 0; i < VERIFY_MISSES_ALLOWED; i++) {
      expect((await anonymous.get(`/api/certificates/verify/${newVerificationCode()}`)).status).toBe(404);
    }
    const blocked = await anonymous.get(`/api/certificates/verify/${issued.body.code}`);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('VERIFY_THROTTLED');
    expect(blocked.headers['retry-after']).toBe(String(VERIFY_WINDOW_MS / 1000));
    offsetMs = VERIFY_WINDOW_MS;
    expect((await anonymous.get(`/api/certificates/verify/${issued.body.code}`)).status).toBe(200);
    await forgetMisses();
  });

  it('counts every one of many concurrent misses, on two instances, so guessing in parallel gains nothing', async () => {
    const issued = await admin.post('/api/certificates', { idNumber: person.id_number, from: '202601', to: '202601' });
    await forgetMisses();
    const [one, other] = [await hall.client('en'), await hall.otherInstanceClient('en')];
    const misses = await Promise.all(
      Array.from({ length: VERIFY_MISSES_ALLOWED }, (_, i) => (i % 2 ? one : other).get(`/api/certificates/verify/${newVerificationCode()}`)),
    );
    expect(misses.map((r) => r.status)).toEqual(Array(VERIFY_MISSES_ALLOWED).fill(404));
    expect((await one.get(`/api/certificates/verify/${issued.body.code}`)).status).toBe(429);
    await forgetMisses();
  });

  it('masks names to the family name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
});
