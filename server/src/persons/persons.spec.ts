import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { activeEmployees, fieldsOf, newIdNumber } from '../../test/declarations';
import { answeredCaptcha } from '../../test/registrations';
import { NEW_PERSON, PERSON_PASSWORD, personRegistration, registerPerson } from '../../test/persons';
import { DEMO_PERSONS, DEMO_UNITS } from '../db/seeds/demo';

describe('person registration', () => {
  let hall: TestHall;
  let applicant: HallClient;

  beforeAll(async () => {
    hall = await createTestHall({ captchaTestHook: true });
    applicant = await hall.client('en');
  });
  afterAll(() => hall.close());

  const signIn = async (idNumber: string, password = PERSON_PASSWORD) =>
    (await hall.client('en')).post('/api/auth/login/person', { idNumber, password });

  it('creates the insured person of an unknown ID number, sex and birth date read from it, and the account signs in', async () => {
    const idNumber = newIdNumber(952);
    expect(await hall.db.knex('insured_persons').where({ id_number: idNumber }).first()).toBeUndefined();
    const res = await registerPerson(applicant, { idNumber, name: '郑一帆', mobile: '13600000952' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ idNumber, name: '郑一帆' });
    // newIdNumber(952): born 1965-01-01, sequence digit 2 → female.
    const person = await hall.db.knex('insured_persons').where({ id_number: idNumber }).first('id', 'name', 'sex', 'birth_date', 'mobile');
    expect(person).toEqual(jasmine.objectContaining({ name: '郑一帆', sex: 'female', birth_date: '1965-01-01', mobile: '13600000952' }));
    const account = await hall.db.knex('users').where({ person_id: person.id }).first('role', 'login', 'mobile');
    expect(account).toEqual({ role: 'person', login: idNumber, mobile: '13600000952' });
    const audit = await hall.db.knex('audit_log').where({ action: 'person_registered' }).orderBy('id', 'desc').first('unit_id', 'after');
    expect(audit.unit_id).toBeNull();
    expect(JSON.parse(audit.after)).toEqual({ personId: person.id, newPerson: true });

    const session = await signIn(idNumber);
    expect(session.status).toBe(200);
    expect(session.body.user).toEqual(jasmine.objectContaining({ role: 'person', name: '郑一帆', login: idNumber }));
    expect(session.body.unit).toBeNull();
  });

  it('refuses a known ID number under another name, and takes it under the registered name', async () => {
    const employee = (await activeEmployees(hall, 0))[0];
    const wrong = await registerPerson(applicant, { idNumber: employee.idNumber, name: '不是本人', mobile: '13600000903' });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(wrong)).toEqual(['name:REGISTERED_NAME_MISMATCH']);
    expect(await hall.db.knex('users').where({ login: employee.idNumber, role: 'person' }).first()).toBeUndefined();

    const right = await registerPerson(applicant, { idNumber: employee.idNumber, name: employee.name, mobile: '13600000903' });
    expect(right.status).toBe(201);
    const account = await hall.db.knex('users').where({ login: employee.idNumber, role: 'person' }).first('person_id');
    // The account is the known person's, no second insured person.
    expect(account.person_id).toBe(employee.personId);
    expect((await hall.db.knex('insured_persons').where({ id_number: employee.idNumber })).length).toBe(1);
  });

  it('refuses a second account for one person with a translated error', async () => {
    const res = await registerPerson(applicant, { idNumber: DEMO_PERSONS[0].idNumber, name: DEMO_PERSONS[0].name, mobile: '13600000904' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PERSON_ACCOUNT_EXISTS');
    expect(res.body.message).toContain('already has a personal account');
    const zh = await (
      await hall.client('zh-CN')
    ).post('/api/persons/registrations', {
      ...personRegistration({ idNumber: DEMO_PERSONS[0].idNumber, name: DEMO_PERSONS[0].name }),
      ...(await answeredCaptcha(applicant)),
    });
    expect(zh.body.message).toContain('已注册');
    expect((await hall.db.knex('users').where({ login: DEMO_PERSONS[0].idNumber })).length).toBe(1);
  });

  it('takes a CAPTCHA once, and a bad ID number or password costs none', async () => {
    const captcha = await answeredCaptcha(applicant);
    const badId = await applicant.post('/api/persons/registrations', { ...personRegistration({ idNumber: '350102196501019050' }), ...captcha });
    expect(fieldsOf(badId)).toEqual(['idNumber:ID_NUMBER_CHECKSUM']);
    const mobileInPassword = await applicant.post('/api/persons/registrations', {
      ...personRegistration({ password: `x${NEW_PERSON.mobile}` }),
      ...captcha,
    });
    expect(fieldsOf(mobileInPassword)).toEqual(['password:PASSWORD_CONTAINS_LOGIN']);
    const idInPassword = await applicant.post('/api/persons/registrations', {
      ...personRegistration({ password: `a${NEW_PERSON.idNumber}` }),
      ...captcha,
    });
    expect(fieldsOf(idInPassword)).toEqual(['password:PASSWORD_CONTAINS_LOGIN']);

    expect((await applicant.post('/api/persons/registrations', { ...personRegistration(), ...captcha })).status).toBe(201);
    const reused = await applicant.post('/api/persons/registrations', {
      ...personRegistration({ idNumber: newIdNumber(955), mobile: '13600000955' }),
      ...captcha,
    });
    expect(fieldsOf(reused)).toEqual(['captchaAnswer:CAPTCHA_EXPIRED']);
    expect(
      await hall.db
        .knex('insured_persons')
        .where({ id_number: newIdNumber(955) })
        .first(),
    ).toBeUndefined();
  });
});

describe('a CAPTCHA after failed person sign-ins', () => {
  let hall: TestHall;

  beforeEach(async () => {
    // Each test names its own source address, so the address counts of one do not leak into the next.
    hall = await createTestHall({ captchaTestHook: true, trustProxy: 'loopback' });
  });
  afterEach(() => hall.close());

  const attempt = async (client: HallClient, from: string, body: object) =>
    client.agent.post('/api/auth/login/person').set('Accept-Language', 'en').set('X-XSRF-TOKEN', client.xsrf).set('X-Forwarded-For', from).send(body);
  const person = DEMO_PERSONS[0];
  const wrong = { idNumber: person.idNumber, password: 'Wrong2026x' };
  const right = { idNumber: person.idNumber, password: 'Person2026' };

  it('asks for one at the second failure of an ID number, checks it before the password, and forgets the failures at a sign-in', async () => {
    const c = await hall.client('en');
    expect((await attempt(c, '203.0.113.1', wrong)).body.code).toBe('LOGIN_FAILED');
    const second = await attempt(c, '203.0.113.2', wrong);
    expect(second.status).toBe(401);
    expect(second.body.code).toBe('CAPTCHA_REQUIRED');
    // From a third address too (the ID number's count), even with the right password: no CAPTCHA, no sign-in.
    const withoutCaptcha = await attempt(c, '203.0.113.3', right);
    expect(withoutCaptcha.status).toBe(401);
    expect(withoutCaptcha.body.code).toBe('CAPTCHA_REQUIRED');
    const wrongCaptcha = await attempt(c, '203.0.113.3', { ...right, ...(await answeredCaptcha(c)), captchaAnswer: 'zzzzz' });
    expect(wrongCaptcha.status).toBe(400);
    expect(fieldsOf(wrongCaptcha)).toEqual(['captchaAnswer:CAPTCHA_WRONG']);

    const captcha = await answeredCaptcha(c);
    const signedIn = await attempt(c, '203.0.113.3', { ...right, ...captcha });
    expect(signedIn.status).toBe(200);
    // After the sign-in the ID number needs none, here or from anywhere.
    expect((await attempt(await hall.client('en'), '203.0.113.3', right)).status).toBe(200);
    expect((await attempt(await hall.client('en'), '203.0.113.4', right)).status).toBe(200);
  });

  it('asks for one from an address with two failures on any ID numbers, while the owner elsewhere signs in without', async () => {
    const c = await hall.client('en');
    expect((await attempt(c, '203.0.113.9', wrong)).body.code).toBe('LOGIN_FAILED');
    const other = await attempt(c, '203.0.113.9', { idNumber: DEMO_PERSONS[1].idNumber, password: 'Wrong2026x' });
    expect(other.body.code).toBe('CAPTCHA_REQUIRED');
    expect((await attempt(c, '203.0.113.9', { idNumber: DEMO_PERSONS[1].idNumber, password: 'Person2026' })).body.code).toBe('CAPTCHA_REQUIRED');
    // Person 1's ID number failed once only: its owner, from home, signs in.
    expect((await attempt(await hall.client('en'), '198.51.100.7', right)).status).toBe(200);
    // The counts are in the database: another instance asks for the CAPTCHA as well.
    const elsewhere = await hall.otherInstanceClient('en');
    expect((await attempt(elsewhere, '203.0.113.9', right)).body.code).toBe('CAPTCHA_REQUIRED');
    expect((await attempt(elsewhere, '203.0.113.9', { ...right, ...(await answeredCaptcha(elsewhere)) })).status).toBe(200);
  });
});

describe("a person's own records", () => {
  let hall: TestHall;
  let me: HallClient;
  let personId: number;
  let units: { id: number; name: string }[];

  /**
   * A person employed by unit 1 from 202401 to 202406 (reduced), then by unit 2 from 202407; resident
   * insurance until 202312. Every value below is written here, and the expectations are worked by hand.
   */
  beforeAll(async () => {
    hall = await createTestHall({ captchaTestHook: true });
    const applicant = await hall.client('en');
    expect((await registerPerson(applicant)).status).toBe(201);
    personId = (await hall.db.knex('insured_persons').where({ id_number: NEW_PERSON.idNumber }).first('id')).id;
    units = await hall.db
      .knex('units')
      .whereIn('credit_code', [DEMO_UNITS[0].creditCode, DEMO_UNITS[1].creditCode])
      .orderBy('id')
      .select('id', 'name');
    const at = '2026-01-01T00:00:00.000Z';
    const k = hall.db.knex;
    await k('employments').insert([
      {
        unit_id: units[0].id,
        person_id: personId,
        id_number: NEW_PERSON.idNumber,
        person_name: NEW_PERSON.name,
        wage_fen: 600_000,
        personnel_category: 'in_service',
        status: 'suspended',
        start_month: '202401',
        end_month: '202406',
        created_at: at,
        updated_at: at,
      },
      {
        unit_id: units[1].id,
        person_id: personId,
        id_number: NEW_PERSON.idNumber,
        person_name: NEW_PERSON.name,
        wage_fen: 900_000,
        personnel_category: 'in_service',
        status: 'active',
        start_month: '202407',
        end_month: null,
        created_at: at,
        updated_at: at,
      },
    ]);
    await k('enrollments').insert([
      {
        person_id: personId,
        unit_id: null,
        insurance_type: '390',
        start_month: '202001',
        end_month: '202312',
        status: 'terminated',
        created_at: at,
        updated_at: at,
      },
      {
        person_id: personId,
        unit_id: units[0].id,
        insurance_type: '310',
        start_month: '202401',
        end_month: '202406',
        status: 'suspended',
        created_at: at,
        updated_at: at,
      },
      {
        person_id: personId,
        unit_id: units[1].id,
        insurance_type: '310',
        start_month: '202407',
        end_month: null,
        status: 'active',
        created_at: at,
        updated_at: at,
      },
      {
        person_id: personId,
        unit_id: units[1].id,
        insurance_type: '510',
        start_month: '202407',
        end_month: null,
        status: 'active',
        created_at: at,
        updated_at: at,
      },
    ]);
    const detail = (unit: number, period: string, type: string, base: number, unitFen: number, personFen: number, paidAt: string | null) => ({
      unit_id: units[unit].id,
      person_id: personId,
      insurance_type: type,
      fee_period: period,
      base_fen: base,
      unit_rate_bp: type === '310' ? 750 : 50,
      person_rate_bp: type === '310' ? 200 : 0,
      unit_amount_fen: unitFen,
      person_amount_fen: personFen,
      paid_at: paidAt,
      collection_serial: null,
      assessed_at: at,
    });
    // 310 on 6,000.00 yuan: unit 450.00, person 120.00; on 9,000.00: unit 675.00, person 180.00; 510 on 9,000.00: unit 45.00.
    await k('payment_details').insert([
      detail(0, '202405', '310', 600_000, 45_000, 12_000, '2024-05-20'),
      detail(0, '202406', '310', 600_000, 45_000, 12_000, '2024-06-20'),
      detail(1, '202407', '310', 900_000, 67_500, 18_000, '2024-07-20'),
      detail(1, '202407', '510', 900_000, 4_500, 0, '2024-07-20'),
      detail(1, '202408', '310', 900_000, 67_500, 18_000, null),
    ]);
    me = await hall.client('en');
    expect((await me.post('/api/auth/login/person', { idNumber: NEW_PERSON.idNumber, password: PERSON_PASSWORD })).status).toBe(200);
  });
  afterAll(() => hall.close());

  it('shows the insurance per type by its latest coverage, naming the insuring unit', async () => {
    const res = await me.get('/api/me/insurance');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { insuranceType: '310', status: 'active', since: '202407', until: null, unitName: units[1].name },
      { insuranceType: '390', status: 'terminated', since: '202001', until: '202312', unitName: null },
      { insuranceType: '510', status: 'active', since: '202407', until: null, unitName: units[1].name },
    ]);
  });

  it('shows the employment history, the latest first', async () => {
    expect((await me.get('/api/me/employments')).body.items).toEqual([
      { unitName: units[1].name, startMonth: '202407', endMonth: null, status: 'active' },
      { unitName: units[0].name, startMonth: '202401', endMonth: '202406', status: 'suspended' },
    ]);
  });

  it('pages, sorts and filters the payment details on the server, with the personal share and its total', async () => {
    const all = await me.get('/api/me/payment-details?pageSize=2');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(5);
    // 120.00 + 120.00 + 180.00 + 0 + 180.00
    expect(all.body.personAmountFen).toBe(60_000);
    expect(all.body.items.map((d: { feePeriod: string; insuranceType: string }) => `${d.feePeriod}/${d.insuranceType}`)).toEqual([
      '202408/310',
      '202407/310',
    ]);
    expect(all.body.items[0]).toEqual(
      jasmine.objectContaining({
        unitName: units[1].name,
        baseFen: 900_000,
        personAmountFen: 18_000,
        unitAmountFen: 67_500,
        status: 'overdue',
        paidAt: null,
      }),
    );

    const range = await me.get('/api/me/payment-details?from=202406&to=202407&sort=personAmountFen&direction=asc');
    expect(range.body.total).toBe(3);
    expect(range.body.personAmountFen).toBe(30_000);
    expect(range.body.items.map((d: { personAmountFen: number; unitName: string }) => [d.personAmountFen, d.unitName])).toEqual([
      [0, units[1].name],
      [12_000, units[0].name],
      [18_000, units[1].name],
    ]);
    const page2 = await me.get('/api/me/payment-details?page=2&pageSize=2&direction=asc');
    expect(page2.body.items.map((d: { feePeriod: string }) => d.feePeriod)).toEqual(['202408']);
    expect((await me.get('/api/me/payment-details?from=202408&to=202401')).status).toBe(400);
  });

  it("issues the person's own certificate across units, verified by the public page without amounts", async () => {
    const issued = await me.post('/api/me/certificates', { from: '202406', to: '202407' });
    expect(issued.status).toBe(201);
    expect(issued.body.months).toBe(2);
    expect(
      issued.body.items.map((m: { feePeriod: string; unitName: string; personAmountFen: number; unitAmountFen: number }) => [
        m.feePeriod,
        m.unitName,
        m.personAmountFen,
        m.unitAmountFen,
      ]),
    ).toEqual([
      ['202406', units[0].name, 12_000, 45_000],
      ['202407', units[1].name, 18_000, 72_000],
    ]);
    expect(issued.body.personAmountFen).toBe(30_000);
    expect(issued.body.unitAmountFen).toBe(117_000);
    const again = await me.get(`/api/me/certificates/${issued.body.code}`);
    expect(again.body).toEqual(issued.body);

    const anyone = await hall.client('en');
    const verified = await anyone.get(`/api/certificates/verify/${issued.body.code}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      genuine: true,
      nameMasked: '林**',
      idNumberMasked: jasmine.any(String),
      from: '202406',
      to: '202407',
      months: 2,
    });
    expect(JSON.stringify(verified.body)).not.toContain('12000');

    // Neither unit that employed the person sees it; nor does another person.
    const unitA = await hall.client('en');
    await unitA.signInUnitAdmin(0);
    expect((await unitA.get(`/api/certificates/${issued.body.code}`)).status).toBe(404);
    const other = await hall.client('en');
    await other.signInPerson(0);
    expect((await other.get(`/api/me/certificates/${issued.body.code}`)).status).toBe(404);
    expect((await me.post('/api/me/certificates', { from: '202501', to: '202502' })).status).toBe(400);
  });

  it("gives unit A's users, who employed the person, nothing of the person's account", async () => {
    const unitA = await hall.client('en');
    await unitA.signInUnitAdmin(0);
    for (const url of ['/api/me/insurance', '/api/me/employments', '/api/me/payment-details']) expect((await unitA.get(url)).status).toBe(403);
    // Another person sees only their own: the demo resident has no employment and no payment detail.
    const other = await hall.client('en');
    await other.signInPerson(0);
    expect((await other.get('/api/me/employments')).body.items).toEqual([]);
    expect((await other.get('/api/me/payment-details')).body.total).toBe(0);
    expect((await other.get('/api/me/insurance')).body.items).toEqual([
      { insuranceType: '390', status: 'active', since: '202001', until: null, unitName: null },
    ]);
  });
});

describe('two registrations of one person at once on two instances', () => {
  let hall: TestHall;

  beforeEach(async () => {
    hall = await createTestHall({ captchaTestHook: true, trustProxy: 'loopback' });
  });
  afterEach(() => hall.close());

  const REQUESTS = 8;

  for (const known of [false, true]) {
    it(`makes one account of ${known ? 'a known' : 'an unknown'} ID number, every other registration refused as a duplicate`, async () => {
      const instances = [await hall.client('en'), await hall.otherInstanceClient('en')];
      const employee = known ? (await activeEmployees(hall, 1))[0] : undefined;
      const body = personRegistration(employee ? { idNumber: employee.idNumber, name: employee.name } : {});
      const captchas = [];
      for (let i = 0; i < REQUESTS; i++) captchas.push(await answeredCaptcha(instances[i % 2]));
      const responses = await Promise.all(
        captchas.map((captcha, i) =>
          instances[i % 2].agent
            .post('/api/persons/registrations')
            .set('X-XSRF-TOKEN', instances[i % 2].xsrf)
            .set('X-Forwarded-For', `198.51.100.${i + 1}`)
            .send({ ...body, ...captcha }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array<number>(REQUESTS - 1).fill(409)]);
      for (const res of responses.filter((r) => r.status === 409)) expect(res.body.code).toBe('PERSON_ACCOUNT_EXISTS');
      const persons = await hall.db.knex('insured_persons').where({ id_number: body.idNumber }).select('id');
      expect(persons.length).toBe(1);
      expect((await hall.db.knex('users').where({ person_id: persons[0].id })).length).toBe(1);
      expect((await hall.db.knex('audit_log').where({ action: 'person_registered' })).length).toBe(1);
    });
  }
});
