import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { activeEmployees, addition, auditEntriesOf, newIdNumber, residents, submitBatch, unitIdOf } from '../../test/declarations';
import { DEMO_REVIEWER, DEMO_UNITS } from '../db/seeds/demo';

describe("the agency's review", () => {
  let hall: TestHall;
  let unitA: HallClient;
  let unitB: HallClient;
  let reviewer: HallClient;

  /** Moves the clock and signs everybody in again (a session does not outlive a jump of days). */
  const signInAt = async (instant: string) => {
    hall.clock.set(instant);
    unitA = await hall.client('en');
    await unitA.signInUnitAdmin(0);
    unitB = await hall.client('en');
    await unitB.signInUnitAdmin(1);
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
  };
  const decide = (id: number, decision: object) => reviewer.post(`/api/review/submissions/${id}/decision`, decision);
  /** The unit's insured list searched by a whole ID number: the person's entry, if the unit insures or insured them. */
  const insuredByIdNumber = async (unit: HallClient, idNumber: string) => (await unit.get(`/api/insured-persons?q=${idNumber}`)).body.items;
  const insuredDetail = async (unit: HallClient, personId: number) => (await unit.get(`/api/insured-persons/${personId}`)).body;

  beforeEach(async () => {
    hall = await createTestHall();
    await signInAt('2026-11-10T02:00:00Z');
  });
  afterEach(() => hall.close());

  it("lists every unit's pending declarations oldest first, with the unit's name, filtered by unit, kind and day", async () => {
    const fromA = await unitA.post('/api/additions', addition(newIdNumber(20)));
    await signInAt('2026-11-10T17:00:00Z'); // 11 Nov in Shanghai
    const [employeeB] = await activeEmployees(hall, 1);
    const fromB = await unitB.post('/api/reductions', { idNumber: employeeB.idNumber, name: employeeB.name, reason: 'dismissed' });

    const all = await reviewer.get('/api/review/submissions');
    expect(all.body.items.map((d: { id: number }) => d.id)).toEqual([fromA.body.id, fromB.body.id]);
    expect(all.body.items.map((d: { unitName: string }) => d.unitName)).toEqual([DEMO_UNITS[0].name, DEMO_UNITS[1].name]);
    const unitBId = await unitIdOf(hall, 1);
    expect((await reviewer.get(`/api/review/submissions?unitId=${unitBId}`)).body.items.map((d: { id: number }) => d.id)).toEqual([fromB.body.id]);
    expect((await reviewer.get('/api/review/submissions?kind=addition')).body.total).toBe(1);
    expect((await reviewer.get('/api/review/submissions?from=2026-11-11')).body.items.map((d: { id: number }) => d.id)).toEqual([fromB.body.id]);
    expect((await reviewer.get('/api/review/submissions?to=2026-11-10')).body.items.map((d: { id: number }) => d.id)).toEqual([fromA.body.id]);
    expect((await reviewer.get('/api/review/submissions?status=approved')).body.total).toBe(0);

    // Submitted earlier than fromA, though numbered after both: within a day range the console lists by the time
    // submitted, and pages on through the range in that order.
    await signInAt('2026-11-09T17:00:00Z'); // 10 Nov in Shanghai, before fromA
    const earlier = await unitA.post('/api/additions', addition(newIdNumber(21)));
    expect(earlier.body.id).toBeGreaterThan(fromB.body.id);
    const ids = async (query: string) => (await reviewer.get(`/api/review/submissions?${query}`)).body.items.map((d: { id: number }) => d.id);
    expect(await ids('')).toEqual([fromA.body.id, fromB.body.id, earlier.body.id]);
    expect(await ids('from=2026-11-10&to=2026-11-11')).toEqual([earlier.body.id, fromA.body.id, fromB.body.id]);
    expect(await ids('from=2026-11-10&to=2026-11-11&pageSize=2&page=1')).toEqual([fromB.body.id]);

    const one = await reviewer.get(`/api/review/submissions/${fromB.body.id}`);
    expect(one.body).toEqual(jasmine.objectContaining({ idNumber: employeeB.idNumber, unitName: DEMO_UNITS[1].name, status: 'pending' }));
    expect((await reviewer.get('/api/review/submissions/999999')).status).toBe(404);
  });

  it("shows an addition's contribution base clamped to the effective month's floor and ceiling (demo 4,800 and 24,000 yuan)", async () => {
    const bases = [];
    for (const [n, wageFen] of [300_000, 600_000, 3_000_000].entries()) {
      const declared = await unitA.post('/api/additions', addition(newIdNumber(40 + n), { wageFen }));
      bases.push((await reviewer.get(`/api/review/submissions/${declared.body.id}`)).body.contributionBase);
    }
    const limits = { floorFen: 480_000, ceilingFen: 2_400_000 };
    expect(bases).toEqual([
      { baseFen: 480_000, ...limits },
      { baseFen: 600_000, ...limits },
      { baseFen: 2_400_000, ...limits },
    ]);
    const [employee] = await activeEmployees(hall, 0);
    const reduction = await unitA.post('/api/reductions', { idNumber: employee.idNumber, name: employee.name, reason: 'dismissed' });
    expect((await reviewer.get(`/api/review/submissions/${reduction.body.id}`)).body.contributionBase).toBeUndefined();
  });

  it('approves the addition of a resident: employee coverage from the effective month, resident insurance ends with it', async () => {
    const [resident] = await residents(hall);
    const declared = await unitA.post(
      '/api/additions',
      addition(resident.idNumber, { name: resident.name, mobile: '13700001111', wageFen: 720_000 }),
    );
    expect((await unitA.get(`/api/insured-persons/${resident.personId}`)).status).toBe(404);
    // Resident insurance is held without a unit: no screen of the hall shows it, so its rows are read.
    const residentInsurance = () =>
      hall.db
        .knex('enrollments')
        .where({ person_id: resident.personId })
        .whereNull('unit_id')
        .select('insurance_type', 'status', 'start_month', 'end_month');
    expect(await residentInsurance()).toEqual([{ insurance_type: '390', status: 'active', start_month: '202001', end_month: null }]);

    hall.clock.set('2026-11-10T02:20:00Z');
    const approved = await decide(declared.body.id, { approve: true });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ approved: 1, rejected: 0 });

    const insured = await insuredDetail(unitA, resident.personId);
    expect(insured.insurance).toEqual(
      ['310', '330', '510'].map((insuranceType) => ({ insuranceType, startMonth: '202611', endMonth: null, status: 'active' })),
    );
    expect(insured.employment).toEqual(jasmine.objectContaining({ status: 'active', startMonth: '202611', endMonth: null, wageFen: 720_000 }));
    expect(insured.contact.mobile).toBe('13700001111');
    expect(await residentInsurance()).toEqual([{ insurance_type: '390', status: 'terminated', start_month: '202001', end_month: '202611' }]);
    // The registered mobile shows only beside a pending addition of the person, which the employment now rules out.
    expect((await hall.db.knex('insured_persons').where({ id: resident.personId }).first()).mobile).toBe('13700001111');

    const shown = await unitA.get(`/api/submissions/${declared.body.id}`);
    expect(shown.body).toEqual(
      jasmine.objectContaining({ status: 'approved', reviewedBy: DEMO_REVIEWER.name, reviewedAt: '2026-11-10T02:20:00.000Z' }),
    );
    expect((await unitA.get('/api/submissions?queue=audited')).body.items.map((d: { id: number }) => d.id)).toEqual([declared.body.id]);
    const audits = await auditEntriesOf(unitA, 'submission_approved', declared.body.id);
    expect(audits.length).toBe(1);
    const [audit] = audits;
    expect(audit.before).toEqual(
      jasmine.objectContaining({
        status: 'pending',
        individualInsurance: [{ insuranceType: '390', startMonth: '202001', endMonth: null, status: 'active' }],
      }),
    );
    expect(audit.after.individualInsurance).toEqual([{ insuranceType: '390', startMonth: '202001', endMonth: '202611', status: 'terminated' }]);
    expect(audit.after.employment).toEqual(jasmine.objectContaining({ startMonth: '202611', wageFen: 720_000 }));
  });

  it('approves the addition of someone new, deriving sex and birth date from the ID number', async () => {
    const idNumber = newIdNumber(21);
    const declared = await unitA.post('/api/additions', addition(idNumber, { effectiveMonth: '202612', insuranceTypes: ['310'] }));
    await decide(declared.body.id, { approve: true });
    const [listed] = await insuredByIdNumber(unitA, idNumber);
    const person = await insuredDetail(unitA, listed.personId);
    expect(person.basic).toEqual(
      jasmine.objectContaining({ name: '陈新员', idNumber, sex: Number(idNumber[16]) % 2 ? 'male' : 'female', birthDate: '1965-01-01' }),
    );
    expect(person.insurance.map((e: { insuranceType: string; startMonth: string }) => [e.insuranceType, e.startMonth])).toEqual([['310', '202612']]);
    // No screen names the person a declaration points at: the link is read from its row.
    expect((await hall.db.knex('declarations').where({ id: declared.body.id }).first()).person_id).toBe(listed.personId);
  });

  it('rejects only with a reason, which the unit then sees; a decided declaration is not decided again', async () => {
    const declared = await unitA.post('/api/additions', addition(newIdNumber(22)));
    const reasonless = await decide(declared.body.id, { approve: false, reason: '  ' });
    expect(reasonless.status).toBe(400);
    expect(reasonless.body.details.fields).toEqual([jasmine.objectContaining({ field: 'reason', code: 'REASON_REQUIRED' })]);

    const rejected = await decide(declared.body.id, { approve: false, reason: '缺少劳动合同' });
    expect(rejected.body).toEqual({ approved: 0, rejected: 1 });
    const seen = await unitA.get(`/api/submissions/${declared.body.id}`);
    expect(seen.body).toEqual(jasmine.objectContaining({ status: 'rejected', reviewReason: '缺少劳动合同', reviewedBy: DEMO_REVIEWER.name }));
    expect(await insuredByIdNumber(unitA, newIdNumber(22))).toEqual([]);

    const twice = await decide(declared.body.id, { approve: true });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('SUBMISSION_NOT_PENDING');
    expect((await unitA.post(`/api/submissions/${declared.body.id}/withdraw`)).status).toBe(409);
    expect((await decide(999999, { approve: true })).status).toBe(404);

    // The hall still does not know the person: the reviewer sees a new addition of the ID number without registered data.
    const again = await unitA.post('/api/additions', addition(newIdNumber(22)));
    expect(again.status).toBe(201);
    expect((await reviewer.get(`/api/review/submissions/${again.body.id}`)).body.registeredPerson).toBeNull();
  });

  it('refuses an approval that is no longer possible and writes nothing', async () => {
    const [resident] = await residents(hall);
    const byA = await unitA.post('/api/additions', addition(resident.idNumber, { name: resident.name }));
    const byB = await unitB.post('/api/additions', addition(resident.idNumber, { name: resident.name, mobile: '13600002222' }));
    expect(byB.status).toBe(201);
    await decide(byA.body.id, { approve: true });

    const conflict = await decide(byB.body.id, { approve: true });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('APPROVAL_CONFLICT');
    expect(conflict.body.details.fields).toEqual([jasmine.objectContaining({ field: `declarations.${byB.body.id}`, code: 'INSURED_ELSEWHERE' })]);
    expect(JSON.stringify(conflict.body)).not.toContain(DEMO_UNITS[0].name);
    const stillPending = await reviewer.get(`/api/review/submissions/${byB.body.id}`);
    expect(stillPending.body.status).toBe('pending');
    // Registered as unit A's approved addition brought it, not as unit B's would have.
    expect(stillPending.body.registeredPerson.mobile).toBe('13912345678');
    expect((await unitB.get(`/api/insured-persons/${resident.personId}`)).status).toBe(404);
    expect(await auditEntriesOf(unitB, 'submission_approved', byB.body.id)).toEqual([]);

    expect((await decide(byB.body.id, { approve: false, reason: '已在其他单位参保' })).status).toBe(200);
  });

  it('approves a reduction declared on the last day of the month with that month as the end, after the month is over', async () => {
    const [resigned, retired] = await activeEmployees(hall, 0);
    await signInAt('2026-11-30T15:30:00Z'); // 30 Nov, 23:30 in Shanghai
    const first = await unitA.post('/api/reductions', { idNumber: resigned.idNumber, name: resigned.name, reason: 'resigned' });
    const second = await unitA.post('/api/reductions', { idNumber: retired.idNumber, name: retired.name, reason: 'retired' });
    expect([first.body.effectiveMonth, second.body.effectiveMonth]).toEqual(['202611', '202611']);

    await signInAt('2026-12-02T01:00:00Z');
    expect((await decide(first.body.id, { approve: true })).status).toBe(200);
    expect((await decide(second.body.id, { approve: true })).status).toBe(200);
    for (const [person, status] of [
      [resigned, 'suspended'],
      [retired, 'terminated'],
    ] as const) {
      const { employment, insurance } = await insuredDetail(unitA, person.personId);
      expect([employment.status, employment.endMonth]).withContext(status).toEqual([status, '202611']);
      expect(insurance.map((e: { insuranceType: string; status: string; endMonth: string }) => [e.insuranceType, e.status, e.endMonth]))
        .withContext(status)
        .toEqual(['310', '330', '510'].map((type) => [type, status, '202611']));
    }
    // Suspended, the person may be added again.
    expect((await unitA.post('/api/additions', addition(resigned.idNumber, { name: resigned.name, effectiveMonth: '202612' }))).status).toBe(201);
  });

  it("decides a batch's pending rows at once, skipping those already decided", async () => {
    const { batchId, declarationIds } = await submitBatch(hall, 0, [addition(newIdNumber(30)), addition(newIdNumber(31)), addition(newIdNumber(32))]);
    expect((await unitA.get(`/api/submissions?batchId=${batchId}`)).body.items.map((d: { rowNumber: number }) => d.rowNumber)).toEqual([4, 3, 2]);
    await decide(declarationIds[1], { approve: false, reason: '工资填写有误' });

    expect((await reviewer.post(`/api/review/batches/${batchId}/decision`, { approve: false })).status).toBe(400);
    const approved = await reviewer.post(`/api/review/batches/${batchId}/decision`, { approve: true });
    expect(approved.body).toEqual({ approved: 2, rejected: 0 });
    const audited = await unitA.get(`/api/submissions?queue=audited&batchId=${batchId}`);
    const statusByRow = Object.fromEntries(audited.body.items.map((d: { rowNumber: number; status: string }) => [d.rowNumber, d.status]));
    expect(statusByRow).toEqual({ 2: 'approved', 3: 'rejected', 4: 'approved' });
    const insuredRows = [30, 31, 32].map(async (sequence) => (await insuredByIdNumber(unitA, newIdNumber(sequence))).length);
    expect(await Promise.all(insuredRows)).toEqual([1, 0, 1]);
    expect((await reviewer.post(`/api/review/batches/${batchId}/decision`, { approve: true })).status).toBe(409);
    expect((await reviewer.post('/api/review/batches/999999/decision', { approve: true })).status).toBe(404);
  });

  it('approves all of a batch or none of it', async () => {
    const [resident] = await residents(hall);
    const { batchId } = await submitBatch(hall, 0, [addition(newIdNumber(33)), addition(resident.idNumber, { name: resident.name })]);
    const byB = await unitB.post('/api/additions', addition(resident.idNumber, { name: resident.name }));
    await decide(byB.body.id, { approve: true });

    const refused = await reviewer.post(`/api/review/batches/${batchId}/decision`, { approve: true });
    expect(refused.status).toBe(409);
    expect(refused.body.details.fields.length).toBe(1);
    const stillPending = await reviewer.get(`/api/review/submissions?batchId=${batchId}`);
    expect(stillPending.body.items.map((d: { rowNumber: number }) => d.rowNumber).sort()).toEqual([2, 3]);
    // Nobody was registered: the reviewer sees the newcomer's row without registered data.
    const newcomer = stillPending.body.items.find((d: { rowNumber: number }) => d.rowNumber === 2);
    expect((await reviewer.get(`/api/review/submissions/${newcomer.id}`)).body.registeredPerson).toBeNull();
  });

  it('marks the assessments from the effective month on for a fresh assessment', async () => {
    const unitAId = await unitIdOf(hall, 0);
    const idNumber = newIdNumber(34);
    const detailsOfNovember = async () =>
      (await unitA.get(`/api/payments/details?q=${idNumber}&from=202611&to=202611`)).body.items
        .map((d: { insuranceType: string }) => d.insuranceType)
        .sort();
    const declared = await unitA.post('/api/additions', addition(idNumber));
    // Looked at, November is assessed, before the newcomer is insured.
    expect(await detailsOfNovember()).toEqual([]);
    await decide(declared.body.id, { approve: true });
    expect(await detailsOfNovember()).toEqual(['310', '330', '510']);
    // A past period marked for a fresh assessment looks the same to everyone until it is assessed: the row is read.
    expect(await hall.db.knex('assessments').where({ unit_id: unitAId, fee_period: '202610' }).first()).toBeDefined();
  });
});
