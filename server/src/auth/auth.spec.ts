import request from 'supertest';
import { AGENTS, createTestHall, type TestHall } from '../../test/harness';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../db/seeds/demo';
import { LOCK_MS } from './auth.service';

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

  it('slows repeated failures down, then locks the login for a while', async () => {
    const client = await hall.client('en');
    const attempt = (password: string) =>
      client.post('/api/auth/login/agent', { mobile: AGENTS.unitAOnly, password });
    expect((await attempt('bad-1')).status).toBe(401);
    expect((await attempt('bad-2')).status).toBe(401);
    const third = await attempt('bad-3');
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('LOGIN_THROTTLED');
    expect(third.body.details.retryAfterSeconds).toBe(5);
    expect(third.headers['retry-after']).toBe('5');
    // Even the right password waits out the delay.
    expect((await attempt(DEMO_PASSWORDS.agent)).status).toBe(429);

    hall.clock.advance(5_000);
    expect((await attempt('bad-4')).body.details.retryAfterSeconds).toBe(10);
    hall.clock.advance(10_000);
    const locked = await attempt('bad-5');
    expect(locked.body.code).toBe('LOGIN_LOCKED');
    expect(locked.body.details.retryAfterSeconds).toBe(LOCK_MS / 1000);

    hall.clock.advance(LOCK_MS);
    expect((await attempt(DEMO_PASSWORDS.agent)).status).toBe(200);
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
      const res = await client.agent
        .post('/api/agents')
        .send({ name: '赵六', mobile: '13900000009', password: 'Passw0rd1' });
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
