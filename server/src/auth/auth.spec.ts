import request from 'supertest';
import { AGENTS, createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../db/seeds/demo';

describe('signing in and sessions', () => {
  let hall: TestHall;

  beforeEach(async () => {
    hall = await createTestHall();
  });
  afterEach(() => hall.close());

  it('signs a unit administrator in with the credit code and keeps the session in an httpOnly SameSite cookie', async () => {
    const client = await hall.client();
    const res = await client.signInUnitAdmin(0);
    expect(res.body.user.role).toBe('unit_admin');
    expect(res.body.unit.name).toBe(DEMO_UNITS[0].name);
    const sessionCookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('uh_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Strict/i);

    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.unit.creditCode).toBe(DEMO_UNITS[0].creditCode);
  });

  it('stores only hashes of passwords and of session tokens', async () => {
    const client = await hall.client();
    const res = await client.signInUnitAdmin(0);
    const token = /uh_session=([^;]+)/.exec(([] as string[]).concat(res.headers['set-cookie']).join(';'))![1];
    const users = await hall.db.knex('users').select('password_hash');
    expect(users.every((u) => u.password_hash.startsWith('scrypt$'))).toBeTrue();
    expect(users.some((u) => u.password_hash.includes(DEMO_PASSWORDS.unitAdmin))).toBeFalse();
    expect(await hall.db.knex('sessions').where({ id: token }).first()).toBeUndefined();
  });

  it('gives a new session id at every sign-in', async () => {
    const client = await hall.client();
    const first = await client.signInUnitAdmin(0);
    const second = await client.signInUnitAdmin(0);
    const tokenOf = (r: typeof first) => /uh_session=([^;]+)/.exec(([] as string[]).concat(r.headers['set-cookie']).join(';'))![1];
    expect(tokenOf(first)).not.toBe(tokenOf(second));
  });

  it('lets an agent of several units choose one, and only one of theirs', async () => {
    const client = await hall.client();
    const login = await client.post('/api/auth/login/agent', { mobile: AGENTS.both, password: DEMO_PASSWORDS.agent });
    expect(login.status).toBe(200);
    expect(login.body.unit).toBeNull();
    expect(login.body.units.length).toBe(2);
    expect((await client.get('/api/home')).body.code).toBe('UNIT_NOT_SELECTED');

    const foreign = await client.post('/api/auth/unit', { unitId: 9999 });
    expect(foreign.status).toBe(404);
    const chosen = await client.post('/api/auth/unit', { unitId: login.body.units[1].id });
    expect(chosen.body.unit.id).toBe(login.body.units[1].id);
    expect((await client.get('/api/home')).status).toBe(200);
  });

  it('signs an agent of one unit straight into it, and a reviewer into no unit', async () => {
    const agent = await hall.client();
    expect((await agent.signInAgent(AGENTS.unitAOnly)).body.unit.creditCode).toBe(DEMO_UNITS[0].creditCode);
    const reviewer = await hall.client();
    const res = await reviewer.signInReviewer();
    expect(res.body.user.role).toBe('reviewer');
    expect(res.body.unit).toBeNull();
  });

  it('refuses a wrong password with a translated message', async () => {
    const client = await hall.client('en');
    const res = await client.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[0].creditCode, password: 'wrong-1' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('LOGIN_FAILED');
    expect(res.body.message).not.toBe('errors.LOGIN_FAILED');
    const zh = await hall.client('zh-CN');
    const resZh = await zh.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[0].creditCode, password: 'wrong-2' });
    expect(resZh.body.message).not.toBe(res.body.message);
  });

  it('names the field whose value is malformed', async () => {
    const client = await hall.client('en');
    const res = await client.post('/api/auth/login/unit', { creditCode: '91350100M000100Y44', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields).toEqual([jasmine.objectContaining({ field: 'creditCode', code: 'CREDIT_CODE_CHECKSUM' })]);
  });

  it('ends a session after 30 idle minutes', async () => {
    const client = await hall.client();
    await client.signInUnitAdmin(0);
    hall.clock.advance(29 * 60_000);
    expect((await client.get('/api/home')).status).toBe(200);
    hall.clock.advance(29 * 60_000);
    expect((await client.get('/api/home')).status).toBe(200);
    hall.clock.advance(30 * 60_000);
    const expired = await client.get('/api/home');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('SESSION_EXPIRED');
    expect((await client.get('/api/home')).body.code).toBe('UNAUTHENTICATED');
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const client = await hall.client();
    await client.signInUnitAdmin(0);
    for (let step = 0; step < 35; step++) {
      hall.clock.advance(20 * 60_000);
      expect((await client.get('/api/home')).status).toBe(200);
    }
    hall.clock.advance(20 * 60_000 - 1);
    expect((await client.get('/api/home')).status).toBe(200);
    hall.clock.advance(1);
    expect((await client.get('/api/home')).body.code).toBe('SESSION_EXPIRED');
  });

  it('signs out, and the old cookie no longer works', async () => {
    const client = await hall.client();
    await client.signInUnitAdmin(0);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/home')).status).toBe(401);
    const audit = await hall.db.knex('audit_log').whereIn('action', ['login', 'logout']).select('action');
    expect(audit.map((a) => a.action).sort()).toEqual(['login', 'logout']);
  });

  describe('CSRF', () => {
    it('refuses a state-changing request without the token header', async () => {
      const client = await hall.client('en');
      await client.signInUnitAdmin(0);
      const res = await client.agent.post('/api/agents').send({ name: '赵六', mobile: '13900000009', password: 'Kestrel2026q' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CSRF_INVALID');
    });

    it('refuses a token that is not the session one, even when cookie and header agree', async () => {
      const client = await hall.client('en');
      const session = /uh_session=([^;]+)/.exec(([] as string[]).concat((await client.signInUnitAdmin(0)).headers['set-cookie']).join(';'))![1];
      // A plain request, not the agent: the agent would send its own XSRF-TOKEN cookie instead of the forged one.
      const logout = (xsrf: string) =>
        request(hall.app).post('/api/auth/logout').set('Cookie', `uh_session=${session}; XSRF-TOKEN=${xsrf}`).set('X-XSRF-TOKEN', xsrf);
      const forged = await logout('forged');
      expect([forged.status, forged.body.code]).toEqual([403, 'CSRF_INVALID']);
      expect((await client.get('/api/auth/me')).status).toBe(200);
      // The same request with the session's own token is carried out, so only the token was refused above.
      expect((await logout(client.xsrf)).status).toBe(204);
      expect((await client.get('/api/auth/me')).status).toBe(401);
    });

    it('gives the page a readable, same-site XSRF-TOKEN cookie, and gives a signed-in page that lost it the session token again', async () => {
      const client = await hall.client('en');
      const signIn = await client.signInUnitAdmin(0);
      const cookie = ([] as string[]).concat(signIn.headers['set-cookie']).find((c) => c.startsWith('XSRF-TOKEN='))!;
      expect(cookie).not.toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\//);
      const session = /uh_session=([^;]+)/.exec(([] as string[]).concat(signIn.headers['set-cookie']).join(';'))![1];

      const lost = await request(hall.app).get('/api/auth/me').set('Cookie', `uh_session=${session}`);
      expect(lost.status).toBe(200);
      expect(([] as string[]).concat(lost.headers['set-cookie'] ?? []).join(';')).toContain(`XSRF-TOKEN=${encodeURIComponent(client.xsrf)}`);
      const kept = await request(hall.app).get('/api/auth/me').set('Cookie', `uh_session=${session}; XSRF-TOKEN=${client.xsrf}`);
      expect(kept.headers['set-cookie']).toBeUndefined();
    });

    it('refuses a sign-in posted without the pre-sign-in token', async () => {
      const client = await hall.client('en');
      client.xsrf = 'not-the-cookie';
      const res = await client.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[0].creditCode, password: DEMO_PASSWORDS.unitAdmin });
      expect(res.status).toBe(403);
    });
  });
});

describe('sign-in throttling', () => {
  let hall: TestHall;
  /** The throttle counts in wall-clock time (its store's expiry); tests move that clock, not the hall's. */
  let wallClockOffsetMs = 0;
  const waitOut = (ms: number) => (wallClockOffsetMs += ms);

  beforeEach(async () => {
    hall = await createTestHall({ trustProxy: 'loopback' });
    wallClockOffsetMs = 0;
    const realNow = Date.now.bind(Date);
    spyOn(Date, 'now').and.callFake(() => realNow() + wallClockOffsetMs);
  });
  afterEach(() => hall.close());

  /** A sign-in as if from `address`, the way a trusted proxy in front of the hall reports it. */
  const unitSignIn = (client: HallClient, address: string, password: string) =>
    client.agent
      .post('/api/auth/login/unit')
      .set('X-XSRF-TOKEN', client.xsrf)
      .set('X-Forwarded-For', address)
      .set('Accept-Language', 'en')
      .send({ creditCode: DEMO_UNITS[0].creditCode, password });
  const failuresRecorded = async () => {
    const rows = await hall.db.knex('login_limits').where('key', 'like', 'login_failures:%').select('points');
    return rows.reduce((n, r) => n + Number(r.points), 0);
  };

  it('slows wrong passwords from one address down with growing delays, even for the right password', async () => {
    const client = await hall.client('en');
    const from = '203.0.113.7';
    expect((await unitSignIn(client, from, 'wrong-1')).status).toBe(401);
    expect((await unitSignIn(client, from, 'wrong-2')).status).toBe(401);
    const third = await unitSignIn(client, from, 'wrong-3');
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('LOGIN_THROTTLED');
    expect(third.body.details.retryAfterSeconds).toBe(5);
    expect(third.headers['retry-after']).toBe('5');
    expect((await unitSignIn(client, from, DEMO_PASSWORDS.unitAdmin)).status).toBe(429);

    waitOut(5_000);
    expect((await unitSignIn(client, from, 'wrong-4')).body.details.retryAfterSeconds).toBe(10);
    waitOut(9_000);
    expect((await unitSignIn(client, from, 'wrong-5')).status).toBe(429);
    waitOut(1_000);
    expect((await unitSignIn(client, from, 'wrong-5')).body.details.retryAfterSeconds).toBe(20);
    waitOut(20_000);
    expect((await unitSignIn(client, from, DEMO_PASSWORDS.unitAdmin)).status).toBe(200);
    // Signed in: the run of failures is forgotten.
    expect((await unitSignIn(await hall.client('en'), from, 'wrong-6')).status).toBe(401);
  });

  it('lets the right password in from another address while one address guesses', async () => {
    const attacker = await hall.client('en');
    for (let i = 0; i < 6; i++) {
      waitOut(60 * 60_000);
      await unitSignIn(attacker, '203.0.113.66', `wrong-${i}`);
    }
    expect((await unitSignIn(attacker, '203.0.113.66', DEMO_PASSWORDS.unitAdmin)).status).toBe(429);
    const administrator = await hall.client('en');
    expect((await unitSignIn(administrator, '198.51.100.20', DEMO_PASSWORDS.unitAdmin)).status).toBe(200);
  });

  it('slows one address down that guesses across many accounts', async () => {
    const client = await hall.client('en');
    const from = '203.0.113.99';
    const guess = (n: number) =>
      client.agent
        .post('/api/auth/login/agent')
        .set('X-XSRF-TOKEN', client.xsrf)
        .set('X-Forwarded-For', from)
        .send({ mobile: `139${String(n).padStart(8, '0')}`, password: 'wrong-password' });
    const statuses: number[] = [];
    for (let n = 0; n < 25; n++) statuses.push((await guess(n)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    // The right password from that address waits too; from another it does not.
    const rightFrom = async (address: string) => {
      const agent = await hall.client('en');
      return agent.agent
        .post('/api/auth/login/agent')
        .set('X-XSRF-TOKEN', agent.xsrf)
        .set('X-Forwarded-For', address)
        .send({ mobile: AGENTS.unitAOnly, password: DEMO_PASSWORDS.agent });
    };
    expect((await rightFrom(from)).status).toBe(429);
    expect((await rightFrom('198.51.100.21')).status).toBe(200);
  });

  it('evaluates concurrent wrong guesses one at a time and counts every one, across two instances', async () => {
    const here = await hall.client('en');
    const there = await hall.otherInstanceClient('en');
    const from = '203.0.113.40';
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => unitSignIn(i % 2 ? there : here, from, `guess-${i}`)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429))
      .withContext(statuses.join())
      .toBeTrue();
    // At most two wrong guesses are answered before the third waits: the rest never reached the password check.
    const evaluated = await failuresRecorded();
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(2);
    expect(evaluated).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 401).length).toBe(Math.min(evaluated, 2));

    // Serial guesses after the burst: the third failure in all starts the delay, so no failure was lost.
    for (let i = 0; i < 5 && (await failuresRecorded()) < 3; i++) {
      waitOut(60 * 60_000);
      await unitSignIn(here, from, `serial-${i}`);
    }
    expect(await failuresRecorded()).toBe(3);
    expect((await unitSignIn(there, from, DEMO_PASSWORDS.unitAdmin)).status).toBe(429);
  });

  it('sweeps away counters that have expired, and keeps those still counting', async () => {
    const now = Date.now();
    await hall.db.knex('login_limits').insert([
      { key: 'login_failures:unit_admin:x@203.0.113.1', points: 4, expire: now - 60_000 },
      { key: 'login_failures:unit_admin:x@203.0.113.2', points: 4, expire: now + 60_000 },
    ]);
    await hall.app.locals.services.auth.purgeExpired();
    const left = await hall.db.knex('login_limits').where('key', 'like', 'login_failures:unit_admin:x@%').pluck('key');
    expect(left).toEqual(['login_failures:unit_admin:x@203.0.113.2']);
  });

  it('ignores X-Forwarded-For from a peer that is not a configured proxy', async () => {
    const direct = await createTestHall();
    try {
      const client = await direct.client('en');
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await client.agent
          .post('/api/auth/login/unit')
          .set('X-XSRF-TOKEN', client.xsrf)
          .set('X-Forwarded-For', `198.51.100.${i + 1}`)
          .send({ creditCode: DEMO_UNITS[0].creditCode, password: `wrong-${i}` });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await direct.close();
    }
  });
});

describe('passwords', () => {
  let hall: TestHall;

  beforeEach(async () => {
    hall = await createTestHall();
  });
  afterEach(() => hall.close());

  const NEW_PASSWORD = 'Harbour7Lantern';

  it('lets anyone change their own password with the current one, ending their other sessions', async () => {
    const here = await hall.client('en');
    await here.signInAgent(AGENTS.unitAOnly);
    const elsewhere = await hall.client('en');
    await elsewhere.signInAgent(AGENTS.unitAOnly);

    const wrong = await here.post('/api/auth/password', { currentPassword: 'not-it-1', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.fields).toEqual([jasmine.objectContaining({ field: 'currentPassword', code: 'PASSWORD_WRONG' })]);

    const changed = await here.post('/api/auth/password', { currentPassword: DEMO_PASSWORDS.agent, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    expect((await here.get('/api/home')).status).toBe(200);
    expect((await elsewhere.get('/api/home')).status).toBe(401);

    const fresh = await hall.client();
    expect((await fresh.post('/api/auth/login/agent', { mobile: AGENTS.unitAOnly, password: DEMO_PASSWORDS.agent })).status).toBe(401);
    expect((await fresh.post('/api/auth/login/agent', { mobile: AGENTS.unitAOnly, password: NEW_PASSWORD })).status).toBe(200);
    expect(await hall.db.knex('audit_log').where({ action: 'password_changed' }).first()).toBeDefined();
  });

  it('counts wrong current passwords like wrong sign-ins, so a stolen session cannot guess the password', async () => {
    const client = await hall.client('en');
    await client.signInAgent(AGENTS.unitAOnly);
    const attempt = (current: string) => client.post('/api/auth/password', { currentPassword: current, newPassword: NEW_PASSWORD });
    expect((await attempt('guess-1')).status).toBe(400);
    expect((await attempt('guess-2')).status).toBe(400);
    const third = await attempt('guess-3');
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('LOGIN_THROTTLED');
    expect((await attempt(DEMO_PASSWORDS.agent)).status).toBe(429);
  });

  it('refuses a common password, a published demo password and one containing the login or mobile, naming the field', async () => {
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    const attempt = async (client: HallClient, newPassword: string, current: string) =>
      (await client.post('/api/auth/password', { currentPassword: current, newPassword })).body.details?.fields;
    expect(await attempt(reviewer, 'Password1', DEMO_PASSWORDS.reviewer)).toEqual([
      jasmine.objectContaining({ field: 'newPassword', code: 'PASSWORD_COMMON' }),
    ]);
    expect(await attempt(reviewer, 'qwerty123', DEMO_PASSWORDS.reviewer)).toEqual([
      jasmine.objectContaining({ field: 'newPassword', code: 'PASSWORD_COMMON' }),
    ]);
    expect(await attempt(reviewer, DEMO_PASSWORDS.unitAdmin, DEMO_PASSWORDS.reviewer)).toEqual([
      jasmine.objectContaining({ field: 'newPassword', code: 'PASSWORD_COMMON' }),
    ]);
    expect(await attempt(reviewer, 'MyReviewer7x', DEMO_PASSWORDS.reviewer)).toEqual([
      jasmine.objectContaining({ field: 'newPassword', code: 'PASSWORD_CONTAINS_LOGIN' }),
    ]);

    const admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
    expect(await attempt(admin, `x${DEMO_UNITS[0].creditCode.toLowerCase()}`, DEMO_PASSWORDS.unitAdmin)).toEqual([
      jasmine.objectContaining({ field: 'newPassword', code: 'PASSWORD_CONTAINS_LOGIN' }),
    ]);
    const agent = await admin.post('/api/agents', { name: '新人', mobile: '13900000031', password: 'pw13900000031' });
    expect(agent.status).toBe(400);
    expect(agent.body.details.fields).toEqual([jasmine.objectContaining({ field: 'password', code: 'PASSWORD_CONTAINS_LOGIN' })]);
    const agentA = await hall.db.knex('users').where({ login: AGENTS.unitAOnly }).first('id');
    const reset = await admin.post(`/api/agents/${agentA.id}/password`, { password: `a${AGENTS.unitAOnly}` });
    expect(reset.body.details.fields).toEqual([jasmine.objectContaining({ field: 'password', code: 'PASSWORD_CONTAINS_LOGIN' })]);
    const common = await admin.post(`/api/agents/${agentA.id}/password`, { password: 'Passw0rd' });
    expect(common.body.details.fields).toEqual([jasmine.objectContaining({ field: 'password', code: 'PASSWORD_COMMON' })]);
  });

  for (const how of ['a new agent account', 'a reset by the administrator'] as const) {
    it(`makes the agent change an initial password from ${how} before anything else`, async () => {
      const admin = await hall.client('en');
      await admin.signInUnitAdmin(0);
      let mobile: string = AGENTS.unitAOnly;
      if (how === 'a new agent account') {
        mobile = '13900000032';
        expect((await admin.post('/api/agents', { name: '新人', mobile, password: 'Initial2026x' })).status).toBe(201);
      } else {
        const agentA = await hall.db.knex('users').where({ login: mobile }).first('id');
        expect((await admin.post(`/api/agents/${agentA.id}/password`, { password: 'Initial2026x' })).status).toBe(200);
      }
      const agent = await hall.client('en');
      const signedIn = await agent.post('/api/auth/login/agent', { mobile, password: 'Initial2026x' });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.mustChangePassword).toBeTrue();
      const refused = await agent.get('/api/home');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await agent.get('/api/insured-persons')).status).toBe(403);
      expect((await agent.get('/api/auth/me')).body.user.mustChangePassword).toBeTrue();

      expect((await agent.post('/api/auth/password', { currentPassword: 'Initial2026x', newPassword: NEW_PASSWORD })).status).toBe(204);
      expect((await agent.get('/api/auth/me')).body.user.mustChangePassword).toBeFalse();
      expect((await agent.get('/api/home')).status).toBe(200);
    });
  }

  it('does not ask the demo accounts to change their passwords', async () => {
    const admin = await hall.client();
    expect((await admin.signInUnitAdmin(0)).body.user.mustChangePassword).toBeFalse();
    expect((await admin.get('/api/home')).status).toBe(200);
  });
});
