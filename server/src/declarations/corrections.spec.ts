import type { HallClient, TestHall } from '../../test/harness';
import { addition, newIdNumber, reviewedUnitPerSpec, unitIdOf, unitInfoChange } from '../../test/declarations';

describe('a rejected submission, corrected and submitted again (the to-do)', () => {
  let hall: TestHall;
  let admin: HallClient;
  let reviewer: HallClient;

  const world = reviewedUnitPerSpec();
  beforeEach(() => ({ hall, unit: admin, reviewer } = world));

  const rejectedAddition = async (n: number) => {
    const res = await admin.post('/api/additions', addition(newIdNumber(n), { name: '待更正', wageFen: 100 }));
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    const decided = await reviewer.post(`/api/review/submissions/${res.body.id}/decision`, { approve: false, reason: '工资有误' });
    expect(decided.status).toBe(200);
    return res.body.id as number;
  };
  const toDos = async () => (await admin.get('/api/home')).body.rejected as { total: number; items: { id: number }[] };

  it('is a to-do until corrected; the correction is a new pending submission naming it, and the to-do is done', async () => {
    const rejected = await rejectedAddition(61);
    expect((await toDos()).items.map((d) => d.id)).toEqual([rejected]);

    const corrected = await admin.post(`/api/additions?corrects=${rejected}`, addition(newIdNumber(61), { name: '待更正', wageFen: 650_000 }));
    expect(corrected.status).withContext(JSON.stringify(corrected.body)).toBe(201);
    expect(corrected.body).toEqual(jasmine.objectContaining({ status: 'pending', correctsId: rejected, correctedById: null }));
    expect(corrected.body.payload.wageFen).toBe(650_000);
    expect((await admin.get(`/api/submissions/${rejected}`)).body).toEqual(
      jasmine.objectContaining({ status: 'rejected', correctedById: corrected.body.id }),
    );
    expect(await toDos()).toEqual({ total: 0, items: [] });
  });

  it('is corrected once: a second correction is refused, even of another person', async () => {
    const rejected = await rejectedAddition(62);
    expect((await admin.post(`/api/additions?corrects=${rejected}`, addition(newIdNumber(62)))).status).toBe(201);
    const again = await admin.post(`/api/additions?corrects=${rejected}`, addition(newIdNumber(63)));
    expect([again.status, again.body.code]).toEqual([409, 'SUBMISSION_ALREADY_CORRECTED']);
    expect(again.body.message).toBe('This rejected submission has already been corrected.');
    expect(
      await hall.db
        .knex('declarations')
        .where({ id_number: newIdNumber(63) })
        .first(),
    ).toBeUndefined();
  });

  it('is kept to one correction by the database itself', async () => {
    const rejected = await rejectedAddition(64);
    await admin.post(`/api/additions?corrects=${rejected}`, addition(newIdNumber(64)));
    const [copy] = await hall.db.knex('declarations').where({ corrects_id: rejected }).select('*');
    const { id: _id, ...second } = copy;
    await expectAsync(hall.db.knex('declarations').insert({ ...second, id_number: newIdNumber(65) })).toBeRejected();
  });

  it('is a to-do again when its correction is withdrawn, and can then be corrected', async () => {
    const rejected = await rejectedAddition(66);
    const first = await admin.post(`/api/additions?corrects=${rejected}`, addition(newIdNumber(66)));
    expect((await admin.post(`/api/submissions/${first.body.id}/withdraw`)).status).toBe(200);
    expect((await toDos()).items.map((d) => d.id)).toEqual([rejected]);
    expect((await admin.post(`/api/additions?corrects=${rejected}`, addition(newIdNumber(66)))).status).toBe(201);
  });

  it('corrects only a rejected submission of the unit, by one of its own kind', async () => {
    const pending = await admin.post('/api/additions', addition(newIdNumber(67)));
    const ofPending = await admin.post(`/api/additions?corrects=${pending.body.id}`, addition(newIdNumber(68)));
    expect([ofPending.status, ofPending.body.code]).toEqual([409, 'SUBMISSION_NOT_REJECTED']);

    const rejected = await rejectedAddition(69);
    const [employee] = await hall.db
      .knex('employments as e')
      .join('insured_persons as p', 'p.id', 'e.person_id')
      .where({ 'e.unit_id': await unitIdOf(hall, 0), 'e.status': 'active' })
      .select('p.id_number', 'p.name');
    const byReduction = await admin.post(`/api/reductions?corrects=${rejected}`, {
      idNumber: employee.id_number,
      name: employee.name,
      reason: 'resigned',
    });
    expect([byReduction.status, byReduction.body.code]).toEqual([409, 'CORRECTION_OTHER_KIND']);

    const other = await hall.client('en');
    await other.signInUnitAdmin(1);
    const ofOtherUnit = await other.post(`/api/additions?corrects=${rejected}`, addition(newIdNumber(70)));
    expect(ofOtherUnit.status).toBe(404);
    expect(
      await hall.db
        .knex('declarations')
        .whereIn('id_number', [newIdNumber(68), newIdNumber(70)])
        .first(),
    ).toBeUndefined();
  });

  it("corrects a rejected change of the unit's information through the change's own route", async () => {
    const submitted = await admin.post('/api/unit/info-changes', { ...unitInfoChange, contactEmail: 'wrong@other.example.cn' });
    expect(submitted.status).withContext(JSON.stringify(submitted.body)).toBe(201);
    await reviewer.post(`/api/review/submissions/${submitted.body.id}/decision`, { approve: false, reason: '邮箱有误' });
    const corrected = await admin.post(`/api/unit/info-changes?corrects=${submitted.body.id}`, unitInfoChange);
    expect(corrected.status).withContext(JSON.stringify(corrected.body)).toBe(201);
    expect(corrected.body.correctsId).toBe(submitted.body.id);
    expect(await toDos()).toEqual({ total: 0, items: [] });
  });
});
