import { VERIFICATION_CODE } from '@common/api/verification';
import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { addition, newIdNumber, submitBatch, unitInfoChange } from '../../test/declarations';
import { DEMO_UNITS } from '../db/seeds/demo';
import { newVerificationCode, VERIFY_MISSES_ALLOWED } from '../verification/verification';

describe('receipt codes and their public verification', () => {
  let hall: TestHall;
  let admin: HallClient;
  let other: HallClient;

  beforeAll(async () => {
    hall = await createTestHall();
    admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
    other = await hall.client('en');
    await other.signInUnitAdmin(1);
  });
  afterAll(() => hall.close());
  const forgetMisses = () => hall.db.knex('login_limits').where('key', 'like', 'verify%').delete();

  it("gives a submission's receipt one stored code, the same on every print, and none to another unit", async () => {
    const change = await admin.post('/api/unit/info-changes', unitInfoChange);
    expect(change.status).toBe(201);
    const refused = await other.post('/api/receipts', { submissionId: change.body.id });
    expect(refused.status).toBe(404);
    expect(await hall.db.knex('receipts').where({ submission_id: change.body.id }).first()).toBeUndefined();

    const first = await admin.post('/api/receipts', { submissionId: change.body.id });
    expect(first.status).toBe(200);
    expect(first.body.code).toMatch(VERIFICATION_CODE);
    expect((await admin.post('/api/receipts', { submissionId: change.body.id })).body.code).toBe(first.body.code);
    expect(await hall.db.knex('receipts').where({ submission_id: change.body.id }).select('code')).toEqual([{ code: first.body.code }]);
    // Even once issued, another unit learns nothing of it.
    expect((await other.post('/api/receipts', { submissionId: change.body.id })).status).toBe(404);

    const anonymous = await hall.client('en');
    const verified = await anonymous.get(`/api/receipts/verify/${first.body.code.toLowerCase()}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      genuine: true,
      submissionId: change.body.id,
      batchId: null,
      submittedAt: change.body.submittedAt,
      rows: [{ number: change.body.id, kind: 'unit-info-change', nameMasked: null, idNumberMasked: null, effectiveMonth: null, status: 'pending' }],
    });
  });

  it("verifies a batch's receipt with its rows in workbook order, names and ID numbers masked, nothing of the unit", async () => {
    const { batchId } = await submitBatch(hall, 0, [
      addition(newIdNumber(41), { name: '林晓梅' }),
      addition(newIdNumber(42), { name: '欧阳娜娜', effectiveMonth: '202612' }),
    ]);
    const issued = await admin.post('/api/receipts', { batchId });
    expect(issued.status).toBe(200);
    expect((await other.post('/api/receipts', { batchId })).status).toBe(404);

    const anonymous = await hall.client('en');
    const res = await anonymous.get(`/api/receipts/verify/${issued.body.code}`);
    expect(res.status).toBe(200);
    expect(res.body.batchId).toBe(batchId);
    expect(res.body.submissionId).toBeNull();
    expect(res.body.rows).toEqual([
      { number: 2, kind: 'addition', nameMasked: '林**', idNumberMasked: '350102********0414', effectiveMonth: '202611', status: 'pending' },
      { number: 3, kind: 'addition', nameMasked: '欧***', idNumberMasked: '350102********0422', effectiveMonth: '202612', status: 'pending' },
    ]);
    const body = JSON.stringify(res.body);
    for (const secret of ['林晓梅', '欧阳娜娜', newIdNumber(41), newIdNumber(42), DEMO_UNITS[0].name]) expect(body).not.toContain(secret);
  });

  it('asks for exactly one of a submission and a batch', async () => {
    expect((await admin.post('/api/receipts', {})).status).toBe(400);
    expect((await admin.post('/api/receipts', { submissionId: 1, batchId: 1 })).status).toBe(400);
  });

  it('gives two prints at once the same code', async () => {
    const {
      declarationIds: [submissionId],
    } = await submitBatch(hall, 0, [addition(newIdNumber(43))]);
    const [one, two] = await Promise.all([admin.post('/api/receipts', { submissionId }), admin.post('/api/receipts', { submissionId })]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.body.code).toBe(two.body.code);
    expect((await hall.db.knex('receipts').where({ submission_id: submissionId })).length).toBe(1);
  });

  it('refuses a made-up code, and counts misses on certificates and receipts together', async () => {
    const {
      declarationIds: [submissionId],
    } = await submitBatch(hall, 0, [addition(newIdNumber(44))]);
    const issued = await admin.post('/api/receipts', { submissionId });
    const anonymous = await hall.client('en');
    await forgetMisses();
    expect((await anonymous.get('/api/receipts/verify/not-a-code')).status).toBe(404);
    for (let i = 1; i < VERIFY_MISSES_ALLOWED; i++) {
      expect((await anonymous.get(`/api/certificates/verify/${newVerificationCode()}`)).status).toBe(404);
    }
    const blocked = await anonymous.get(`/api/receipts/verify/${issued.body.code}`);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('VERIFY_THROTTLED');
    await forgetMisses();
    expect((await anonymous.get(`/api/receipts/verify/${issued.body.code}`)).status).toBe(200);
  });
});
