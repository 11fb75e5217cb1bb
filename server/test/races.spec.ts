/**
 * Concurrent requests through two server instances on one database, as behind a load balancer: the
 * rules that hold for one request at a time must hold for twenty at once. On SQLite every transaction
 * runs on one connection, so these races only show on PostgreSQL (TEST_DB=postgres).
 */
import type { Response } from 'supertest';
import { activeEmployees, addition, bankAccountChange, newIdNumber, unitIdOf, unitInfoChange } from './declarations';
import { batchRow, filledTemplate, uploadWorkbook } from './batch-files';
import { createTestHall, type HallClient, type TestHall } from './harness';
import { answeredCaptcha, NEW_UNIT, registration } from './registrations';
import { DEMO_RECORDED_UNITS } from '../src/db/seeds/demo';

const REQUESTS = 20;
let keys = 0;

const fieldsOf = (res: Response) => (res.body.details?.fields ?? []).map((f: { field: string; code: string }) => `${f.field}:${f.code}`);

describe('races between two instances on one database', () => {
  let hall: TestHall;
  /** The same unit administrator signed in on each instance. */
  let instances: HallClient[];

  beforeEach(async () => {
    hall = await createTestHall();
    instances = [await hall.client('en'), await hall.otherInstanceClient('en')];
    for (const client of instances) await client.signInUnitAdmin(0);
  });
  afterEach(() => hall.close());

  /** `REQUESTS` requests at once, alternating between the instances, each with its own idempotency key (as separate clicks send). */
  const race = (url: string, body: object) =>
    Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => {
        const client = instances[i % 2];
        return client.agent
          .post(url)
          .set('Accept-Language', 'en')
          .set('X-XSRF-TOKEN', client.xsrf)
          .set('Idempotency-Key', `race-${++keys}`)
          .send(body);
      }),
    );

  const pending = async (where: Record<string, unknown>) =>
    Number(
      (await hall.db
        .knex('declarations')
        .where({ ...where, status: 'pending' })
        .count({ n: '*' })
        .first())!.n,
    );

  /** One request wins; every other one is told what a single late request would be told. */
  const expectOneWinner = (responses: Response[], loser: { status: number; code: string; fields?: string[] }) => {
    expect(responses.filter((r) => r.status === 201).length)
      .withContext('created')
      .toBe(1);
    for (const res of responses.filter((r) => r.status !== 201)) {
      expect([res.status, res.body.code]).toEqual([loser.status, loser.code]);
      if (loser.fields) expect(fieldsOf(res)).toEqual(loser.fields);
      const words = loser.fields ? res.body.details.fields[0].message : res.body.message;
      expect(words).toMatch(/pending/);
    }
  };

  it('makes one pending addition of a person from twenty concurrent additions', async () => {
    const responses = await race('/api/additions', addition(newIdNumber(90)));
    expectOneWinner(responses, { status: 400, code: 'VALIDATION_FAILED', fields: ['idNumber:DECLARATION_PENDING'] });
    expect(await pending({ id_number: newIdNumber(90), type: 'addition' })).toBe(1);
  });

  it('makes one pending reduction of a person from twenty concurrent reductions', async () => {
    const [employee] = await activeEmployees(hall, 0);
    const responses = await race('/api/reductions', { idNumber: employee.idNumber, name: employee.name, reason: 'resigned' });
    expectOneWinner(responses, { status: 400, code: 'VALIDATION_FAILED', fields: ['idNumber:DECLARATION_PENDING'] });
    expect(await pending({ id_number: employee.idNumber, type: 'reduction' })).toBe(1);
  });

  it('makes one pending change of each kind from twenty concurrent changes', async () => {
    const unitId = await unitIdOf(hall, 0);
    const unitInfo = await race('/api/unit/info-changes', unitInfoChange);
    expectOneWinner(unitInfo, { status: 409, code: 'CHANGE_PENDING' });
    expect(await pending({ unit_id: unitId, type: 'unit-info-change' })).toBe(1);

    const bank = await race('/api/unit/bank-account-changes', bankAccountChange());
    expectOneWinner(bank, { status: 409, code: 'CHANGE_PENDING' });
    expect(await pending({ unit_id: unitId, type: 'bank-account-change' })).toBe(1);

    const [employee] = await activeEmployees(hall, 0);
    const current = await hall.db.knex('insured_persons').where({ id: employee.personId }).first('hukou_type');
    const hukou = await race(`/api/insured-persons/${employee.personId}/hukou-changes`, {
      hukouType: current.hukou_type === 'urban' ? 'rural' : 'urban',
    });
    expectOneWinner(hukou, { status: 409, code: 'CHANGE_PENDING' });
    expect(await pending({ person_id: employee.personId, type: 'hukou-change' })).toBe(1);
  });

  /** The clock moved days on: each instance's administrator signs in afresh. */
  const signInAt = async (instant: string) => {
    hall.clock.set(instant);
    instances = [await hall.client('en'), await hall.otherInstanceClient('en')];
    for (const client of instances) await client.signInUnitAdmin(0);
  };

  it("makes one pending base declaration of a person's contribution year from twenty concurrent declarations", async () => {
    // 10 August 2027 in Shanghai: the window of the year from July 2027 is open.
    await signInAt('2027-08-10T02:00:00.000Z');
    const [employee] = await activeEmployees(hall, 0);
    const responses = await race('/api/base-declarations', { personId: employee.personId, wageFen: 700_000 });
    expectOneWinner(responses, { status: 409, code: 'BASE_DECLARATION_PENDING' });
    expect(await pending({ id_number: employee.idNumber, type: 'base-declaration', effective_month: '202707' })).toBe(1);
  });

  it('records once that the undeclared keep their base when many look after the window closed', async () => {
    await signInAt('2027-09-01T02:00:00.000Z');
    const reads = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => instances[i % 2].get('/api/base-declarations/status')));
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    const unitId = await unitIdOf(hall, 0);
    const recorded = await hall.db.knex('audit_log').where({ unit_id: unitId, action: 'base_carried_over', entity_id: '202707' }).select('id');
    expect(recorded.length).toBe(1);
  });

  it('leaves the rule to the database: a second pending submission of one person, unit and kind cannot be written', async () => {
    const [employee, other] = await activeEmployees(hall, 0);
    const [admin] = instances;
    const submitted = [
      await admin.post('/api/additions', addition(newIdNumber(92))),
      await admin.post('/api/reductions', { idNumber: employee.idNumber, name: employee.name, reason: 'resigned' }),
      await admin.post('/api/unit/info-changes', unitInfoChange),
      await admin.post(`/api/insured-persons/${other.personId}/hukou-changes`, { hukouType: 'rural', hukouAddress: '福建省莆田市' }),
    ];
    expect(submitted.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const copy = async (id: number, change: object = {}) => {
      const { id: _id, ...row } = await hall.db.knex('declarations').where({ id }).first();
      return hall.db.knex('declarations').insert({ ...row, ...change });
    };
    for (const { body } of submitted) await expectAsync(copy(body.id)).withContext(body.kind).toBeRejected();
    // An addition and a reduction of one person are never pending together either.
    await expectAsync(copy(submitted[1].body.id, { type: 'addition' })).toBeRejected();

    // Decided submissions, another unit's, and another person's are no conflict.
    await copy(submitted[0].body.id, { status: 'withdrawn' });
    await copy(submitted[0].body.id, { unit_id: await unitIdOf(hall, 1) });
    await copy(submitted[3].body.id, { person_id: employee.personId, id_number: employee.idNumber });
    await copy(submitted[2].body.id, { type: 'bank-account-change' });
    await expectAsync(copy(submitted[2].body.id, { type: 'bank-account-change' })).toBeRejected();
  });

  it('submits a dry run once when both instances submit it at the same time', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => batchRow(newIdNumber(500 + i)));
    const validation = await uploadWorkbook(instances[0], 'addition', await filledTemplate('addition', rows));
    expect(validation.body.validRows).toBe(300);
    const responses = await Promise.all(
      instances.map((client, i) =>
        client.agent
          .post('/api/batches')
          .set('Accept-Language', 'en')
          .set('X-XSRF-TOKEN', client.xsrf)
          .set('Idempotency-Key', `submit-${i}`)
          .send({ token: validation.body.token }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = responses.find((r) => r.status === 409)!;
    const submitted = responses.find((r) => r.status === 201)!;
    expect(refused.body.code).toBe('BATCH_ALREADY_SUBMITTED');
    expect(refused.body.message).toContain(`batch ${submitted.body.batchId}.`);
    expect(await hall.db.knex('batches').count({ n: '*' }).first()).toEqual({ n: 1 } as never);
    expect(await pending({ type: 'addition' })).toBe(300);
  });

  it('assesses the current period once when many reads follow an approval', async () => {
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    const submitted = await instances[0].post('/api/additions', addition(newIdNumber(91)));
    expect(submitted.status).toBe(201);
    expect((await reviewer.post(`/api/review/submissions/${submitted.body.id}/decision`, { approve: true })).status).toBe(200);

    // Distinct pages, so no instance answers one from its list cache.
    const reads = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => instances[i % 2].get(`/api/payments/details?page=${i}&pageSize=5`)));
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    const unitId = await unitIdOf(hall, 0);
    const assessed = await hall.db.knex('audit_log').where({ unit_id: unitId, action: 'assessment', entity_id: '202611' }).select('id');
    expect(assessed.length).withContext('assessments of 202611 after the approval').toBe(1);
    const person = await hall.db
      .knex('insured_persons')
      .where({ id_number: newIdNumber(91) })
      .first('id');
    expect(await hall.db.knex('payment_details').where({ person_id: person.id, fee_period: '202611' }).count({ n: '*' }).first()).toEqual({
      n: 3,
    } as never);
  });

  it('writes one message when twenty decisions of one submission race on both instances', async () => {
    const reviewers = [await hall.client('en'), await hall.otherInstanceClient('en')];
    for (const reviewer of reviewers) await reviewer.signInReviewer();
    const submitted = await instances[0].post('/api/additions', addition(newIdNumber(93)));
    const decisions = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        reviewers[i % 2].post(`/api/review/submissions/${submitted.body.id}/decision`, { approve: false, reason: '资料不全' }),
      ),
    );
    expect(decisions.filter((r) => r.status === 200).length).toBe(1);
    for (const res of decisions.filter((r) => r.status !== 200)) expect([res.status, res.body.code]).toEqual([409, 'SUBMISSION_NOT_PENDING']);
    const messages = await hall.db
      .knex('messages')
      .where({ unit_id: await unitIdOf(hall, 0) })
      .select('kind', 'params');
    expect(messages.map((m) => [m.kind, JSON.parse(m.params).submissionId])).toEqual([['submission-rejected', submitted.body.id]]);
  });

  it('corrects a rejected submission once from twenty concurrent corrections, each of another person', async () => {
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    const submitted = await instances[0].post('/api/additions', addition(newIdNumber(94)));
    await reviewer.post(`/api/review/submissions/${submitted.body.id}/decision`, { approve: false, reason: '资料不全' });
    const corrections = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => {
        const client = instances[i % 2];
        return client.agent
          .post(`/api/additions?corrects=${submitted.body.id}`)
          .set('Accept-Language', 'en')
          .set('X-XSRF-TOKEN', client.xsrf)
          .send(addition(newIdNumber(100 + i)));
      }),
    );
    expect(corrections.filter((r) => r.status === 201).length).toBe(1);
    for (const res of corrections.filter((r) => r.status !== 201)) expect([res.status, res.body.code]).toEqual([409, 'SUBMISSION_ALREADY_CORRECTED']);
    const written = await hall.db.knex('declarations').where({ corrects_id: submitted.body.id }).count({ n: '*' }).first();
    expect(Number(written!.n)).toBe(1);
  });

  it('issues one code for a receipt printed twenty times at once, whatever instance each print reaches', async () => {
    const submitted = await instances[0].post('/api/additions', addition(newIdNumber(60)));
    expect(submitted.status).toBe(201);
    const responses = await race('/api/receipts', { submissionId: submitted.body.id });
    expect(responses.map((r) => r.status)).toEqual(Array(REQUESTS).fill(200));
    const stored = await hall.db.knex('receipts').where({ submission_id: submitted.body.id }).select('code');
    expect(stored.length).toBe(1);
    expect(new Set(responses.map((r) => r.body.code))).toEqual(new Set([stored[0].code]));
  });
});

describe('races of public registrations between two instances', () => {
  let hall: TestHall;
  let instances: HallClient[];

  beforeEach(async () => {
    // Each registration from its own address, so the throttle per address lets all of them through.
    hall = await createTestHall({ captchaTestHook: true, trustProxy: 'loopback' });
    instances = [await hall.client('en'), await hall.otherInstanceClient('en')];
  });
  afterEach(() => hall.close());

  const registerFrom = (i: number, body: object) => {
    const client = instances[i % 2];
    return client.agent
      .post('/api/registrations')
      .set('X-XSRF-TOKEN', client.xsrf)
      .set('X-Forwarded-For', `198.51.100.${i + 1}`)
      .send(body);
  };

  it('holds one pending registration per credit code, every other one answered alike but stored as a duplicate', async () => {
    const captchas = [];
    for (let i = 0; i < REQUESTS; i++) captchas.push(await answeredCaptcha(instances[i % 2]));
    const responses = await Promise.all(captchas.map((captcha, i) => registerFrom(i, { ...registration(), ...captcha })));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    const rows = await hall.db.knex('declarations').where({ type: 'unit-registration', status: 'pending' }).select('registering_credit_code');
    expect(rows.length).toBe(REQUESTS);
    expect(rows.filter((r) => r.registering_credit_code === NEW_UNIT.creditCode).length)
      .withContext('holding the slot')
      .toBe(1);
    // The database refuses a second holder of the slot.
    const { id: _id, ...holder } = await hall.db.knex('declarations').where({ registering_credit_code: NEW_UNIT.creditCode }).first();
    await expectAsync(hall.db.knex('declarations').insert(holder)).toBeRejected();
  });

  it('takes one CAPTCHA once when it is answered twenty times at once', async () => {
    const captcha = await answeredCaptcha(instances[0]);
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => registerFrom(i, { ...registration({ creditCode: DEMO_RECORDED_UNITS[0].creditCode }), ...captcha })),
    );
    expect(responses.filter((r) => r.status === 201).length).toBe(1);
    for (const res of responses.filter((r) => r.status !== 201)) expect(fieldsOf(res)).toEqual(['captchaAnswer:CAPTCHA_EXPIRED']);
  });
});
