import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { fieldsOf } from '../../test/declarations';
import { answeredCaptcha, NEW_UNIT, register, registration, REGISTRATION_PASSWORD } from '../../test/registrations';
import { DEMO_RECORDED_UNITS, DEMO_UNITS } from '../db/seeds/demo';
import { loadConfig } from '../config';
import { REGISTRATION_ALLOWANCES } from './registration-throttle';

/** Production refuses the published development secret of the payment channel: a start there names one of its own. */
const PRODUCTION_SECRET = 'a-secret-of-this-deployment-only';

describe('unit registration', () => {
  let hall: TestHall;
  let applicant: HallClient;
  let reviewer: HallClient;

  const signIn = (creditCode: string, password = REGISTRATION_PASSWORD) =>
    hall.client('en').then((c) => c.post('/api/auth/login/unit', { creditCode, password }));
  const status = (creditCode: string, statusCode: string) => applicant.post('/api/registrations/status', { creditCode, statusCode });
  const pendingRegistrations = async () =>
    (await reviewer.get('/api/review/submissions?kind=unit-registration&status=pending')).body.items as {
      id: number;
      payload: any;
      unitName: string;
    }[];
  const decide = (id: number, decision: object) => reviewer.post(`/api/review/submissions/${id}/decision`, decision);

  beforeEach(async () => {
    hall = await createTestHall({ captchaTestHook: true });
    applicant = await hall.client('en');
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
  });
  afterEach(() => hall.close());

  it('names every bad field in the caller’s language, and a bad branch or ID number costs no CAPTCHA', async () => {
    const captcha = await answeredCaptcha(applicant);
    const refused = await applicant.post('/api/registrations', {
      ...registration({
        creditCode: '91350100MA8RJ4N616',
        contactEmail: 'hr@banyan',
        accountName: '别的公司',
        legalRepPhone: '12345',
        password: 'short1',
      }),
      ...captcha,
    });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused).sort()).toEqual(
      ['creditCode:CREDIT_CODE_CHECKSUM', 'legalRepPhone:MOBILE_FORMAT', 'contactEmail:EMAIL_FORMAT', 'password:PASSWORD_WEAK'].sort(),
    );
    // The account name is compared with the unit's name once both are well formed.
    const otherName = await applicant.post('/api/registrations', { ...registration({ accountName: '别的公司' }), ...captcha });
    expect(fieldsOf(otherName)).toEqual(['accountName:ACCOUNT_NAME_MISMATCH']);
    expect(otherName.body.details.fields[0].message).toContain('name');

    const unknownBranch = await applicant.post('/api/registrations', {
      ...registration({ branchCode: '999999999999', legalRepIdNumber: '350102198001010039' }),
      ...captcha,
    });
    expect(fieldsOf(unknownBranch)).toEqual(['branchCode:BANK_BRANCH_UNKNOWN', 'legalRepIdNumber:ID_NUMBER_CHECKSUM']);
    // Neither refusal used the CAPTCHA up.
    expect((await applicant.post('/api/registrations', { ...registration(), ...captcha })).status).toBe(201);
  });

  it('takes each CAPTCHA once: a used or wrongly answered one fails', async () => {
    const captcha = await answeredCaptcha(applicant);
    expect((await applicant.post('/api/registrations', { ...registration(), ...captcha })).status).toBe(201);
    const again = await applicant.post('/api/registrations', { ...registration({ creditCode: DEMO_RECORDED_UNITS[0].creditCode }), ...captcha });
    expect(again.status).toBe(400);
    expect(fieldsOf(again)).toEqual(['captchaAnswer:CAPTCHA_EXPIRED']);

    const other = await answeredCaptcha(applicant);
    const wrong = await applicant.post('/api/registrations', { ...registration(), ...other, captchaAnswer: 'zzzzz' });
    expect(fieldsOf(wrong)).toEqual(['captchaAnswer:CAPTCHA_WRONG']);
    // The wrong answer used it up: the right one is too late.
    expect(fieldsOf(await applicant.post('/api/registrations', { ...registration(), ...other }))).toEqual(['captchaAnswer:CAPTCHA_EXPIRED']);
  });

  it('refuses a CAPTCHA answered after ten minutes', async () => {
    const captcha = await answeredCaptcha(applicant);
    hall.clock.advance(10 * 60 * 1000 + 1);
    expect(fieldsOf(await applicant.post('/api/registrations', { ...registration(), ...captcha }))).toEqual(['captchaAnswer:CAPTCHA_EXPIRED']);
  });

  it('hands out answers only where nobody real registers: the hook is refused outside NODE_ENV=test', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PAYMENT_NOTIFY_SECRET: PRODUCTION_SECRET, CAPTCHA_TEST_HOOK: 'true' })).toThrowError(
      /CAPTCHA_TEST_HOOK/,
    );
    expect(() => loadConfig({ NODE_ENV: 'development', CAPTCHA_TEST_HOOK: 'true' })).toThrowError(/CAPTCHA_TEST_HOOK/);
    expect(loadConfig({ NODE_ENV: 'test', CAPTCHA_TEST_HOOK: 'true' }).captchaTestHook).toBeTrue();
    expect(loadConfig({ NODE_ENV: 'production', PAYMENT_NOTIFY_SECRET: PRODUCTION_SECRET }).captchaTestHook).toBeFalse();
  });

  it('hands out no answer without the test hook', async () => {
    const plain = await createTestHall();
    try {
      const res = await (await plain.client()).get('/api/registrations/captcha');
      expect(res.status).toBe(200);
      expect(res.body.svg).toMatch(/^<svg/);
      expect(res.body.testAnswer).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('throttles registrations and status look-ups per address, every instance counting together', async () => {
    const throttled = await createTestHall({ captchaTestHook: true, trustProxy: 'loopback' });
    try {
      const [one, two] = [await throttled.client('en'), await throttled.otherInstanceClient('en')];
      const from = (client: HallClient, address: string, body: object) =>
        client.agent.post('/api/registrations').set('X-XSRF-TOKEN', client.xsrf).set('X-Forwarded-For', address).send(body);
      const badAnswer = async (client: HallClient) => ({ ...registration(), ...(await answeredCaptcha(client)), captchaAnswer: 'zzzzz' });
      for (let i = 0; i < REGISTRATION_ALLOWANCES.registration.points; i++) {
        const res = await from(i % 2 ? one : two, '203.0.113.7', await badAnswer(one));
        expect(res.status)
          .withContext(`attempt ${i + 1}`)
          .toBe(400);
      }
      const refused = await from(one, '203.0.113.7', { ...registration(), ...(await answeredCaptcha(one)) });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('REGISTRATION_THROTTLED');
      // Another address is not slowed down.
      expect((await from(two, '203.0.113.8', { ...registration(), ...(await answeredCaptcha(two)) })).status).toBe(201);

      const look = (address: string) =>
        one.agent
          .post('/api/registrations/status')
          .set('X-XSRF-TOKEN', one.xsrf)
          .set('X-Forwarded-For', address)
          .send({ creditCode: NEW_UNIT.creditCode, statusCode: 'AAAAAAAA' });
      for (let i = 0; i < REGISTRATION_ALLOWANCES.status.points; i++) expect((await look('203.0.113.9')).status).toBe(404);
      expect((await look('203.0.113.9')).status).toBe(429);
    } finally {
      await throttled.close();
    }
  });

  it('answers a credit code that has an account or a pending registration like any other, and never approves it', async () => {
    const fresh = await register(applicant);
    const hasAccount = await register(applicant, {
      creditCode: DEMO_UNITS[0].creditCode,
      unitName: DEMO_UNITS[0].name,
      accountName: DEMO_UNITS[0].name,
    });
    const alreadyPending = await register(applicant);
    for (const res of [fresh, hasAccount, alreadyPending]) {
      expect(res.status).toBe(201);
      expect(Object.keys(res.body)).toEqual(['statusCode']);
      expect(res.body.statusCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    }
    expect((await status(DEMO_UNITS[0].creditCode, hasAccount.body.statusCode)).body).toEqual({ status: 'pending', reason: null });
    expect((await status(NEW_UNIT.creditCode, alreadyPending.body.statusCode)).body).toEqual({ status: 'pending', reason: null });

    const pending = await pendingRegistrations();
    expect(pending.map((r) => [r.payload.after.creditCode, r.payload.duplicate])).toEqual([
      [NEW_UNIT.creditCode, false],
      [DEMO_UNITS[0].creditCode, true],
      [NEW_UNIT.creditCode, true],
    ]);
    for (const duplicate of pending.slice(1)) {
      const refused = await decide(duplicate.id, { approve: true });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('REGISTRATION_NOT_APPROVABLE');
      expect((await decide(duplicate.id, { approve: false, reason: '请携带营业执照到经办机构办理' })).status).toBe(200);
    }
    expect((await status(DEMO_UNITS[0].creditCode, hasAccount.body.statusCode)).body).toEqual({
      status: 'rejected',
      reason: '请携带营业执照到经办机构办理',
    });
    // The unit's own account is untouched.
    expect((await signIn(DEMO_UNITS[0].creditCode, 'Admin2026')).status).toBe(200);
  });

  it('registers a new unit: no sign-in before approval; then its unit number, registration date and administrator', async () => {
    const submitted = await register(applicant);
    expect(submitted.status).toBe(201);
    expect((await signIn(NEW_UNIT.creditCode)).status).toBe(401);
    expect((await status(NEW_UNIT.creditCode, submitted.body.statusCode)).body).toEqual({ status: 'pending', reason: null });
    expect((await status(NEW_UNIT.creditCode, 'ABCDEFGH')).status).toBe(404);

    const [pending] = await pendingRegistrations();
    expect(pending.unitName).toBe(NEW_UNIT.name);
    expect(pending.payload.onRecord).toBe(false);
    expect(pending.payload.before.unitName).toBeNull();
    expect(pending.payload.after).toEqual(jasmine.objectContaining({ unitName: NEW_UNIT.name, accountNumber: '1402023309200765432' }));
    hall.clock.set('2026-11-12T17:30:00.000Z');
    await reviewer.signInReviewer();
    expect((await decide(pending.id, { approve: true })).body).toEqual({ approved: 1, rejected: 0 });

    const signedIn = await signIn(NEW_UNIT.creditCode);
    expect(signedIn.status).toBe(200);
    const admin = await hall.client('en');
    await admin.post('/api/auth/login/unit', { creditCode: NEW_UNIT.creditCode, password: REGISTRATION_PASSWORD });
    const unit = (await admin.get('/api/unit')).body;
    // 01:30 on 13 November in Shanghai.
    expect(unit).toEqual(
      jasmine.objectContaining({ name: NEW_UNIT.name, unitNumber: `3599${String(pending.id).padStart(7, '0')}`, registrationDate: '2026-11-13' }),
    );
    const audited = (await admin.get('/api/submissions?queue=audited')).body.items;
    expect(audited.map((s: { kind: string; status: string }) => [s.kind, s.status])).toEqual([['unit-registration', 'approved']]);
    expect((await status(NEW_UNIT.creditCode, submitted.body.statusCode)).body).toEqual({ status: 'approved', reason: null });
    // A second registration of the code now has an account: answered alike, never approvable.
    expect((await register(applicant)).status).toBe(201);
  });

  it('checks a unit on record against the record, and its administrator signs in to that unit once approved', async () => {
    const recorded = DEMO_RECORDED_UNITS[0];
    const submitted = await register(applicant, { creditCode: recorded.creditCode, unitName: recorded.name, accountName: recorded.name });
    expect(submitted.status).toBe(201);
    expect((await signIn(recorded.creditCode)).status).toBe(401);
    const [pending] = await pendingRegistrations();
    const detail = (await reviewer.get(`/api/review/submissions/${pending.id}`)).body;
    expect(detail.payload.onRecord).toBe(true);
    expect(detail.payload.before).toEqual(
      jasmine.objectContaining({
        creditCode: recorded.creditCode,
        unitName: recorded.name,
        legalRepName: recorded.legalRep,
        contactName: recorded.contact,
      }),
    );
    expect(detail.payload.after).toEqual(jasmine.objectContaining({ unitName: recorded.name, legalRepName: '陈榕生' }));

    expect((await decide(pending.id, { approve: true })).status).toBe(200);
    const admin = await hall.client('en');
    expect((await admin.post('/api/auth/login/unit', { creditCode: recorded.creditCode, password: REGISTRATION_PASSWORD })).status).toBe(200);
    const unit = (await admin.get('/api/unit')).body;
    const record = await hall.db.knex('units').where({ credit_code: recorded.creditCode }).first('id');
    expect(unit).toEqual(jasmine.objectContaining({ id: record.id, unitNumber: recorded.unitNumber, registrationDate: '2015-06-01' }));
  });

  it('lets a rejected registration be sent again, and shows the reason', async () => {
    const first = await register(applicant);
    const [pending] = await pendingRegistrations();
    expect((await decide(pending.id, { approve: false })).status).toBe(400);
    expect((await decide(pending.id, { approve: false, reason: 'Legal representative ID does not match' })).status).toBe(200);
    expect((await status(NEW_UNIT.creditCode, first.body.statusCode)).body).toEqual({
      status: 'rejected',
      reason: 'Legal representative ID does not match',
    });
    expect((await signIn(NEW_UNIT.creditCode)).status).toBe(401);
    await register(applicant);
    const [again] = await pendingRegistrations();
    expect(again.payload.duplicate).toBe(false);
  });
});
