import { AGENTS, createTestHall, type TestHall } from '../../test/harness';
import { DEMO_PASSWORDS } from '../db/seeds/demo';

describe('agents of a unit', () => {
  let hall: TestHall;

  beforeEach(async () => {
    hall = await createTestHall();
  });
  afterEach(() => hall.close());

  it('lists, adds, disables and re-enables agents, auditing each change', async () => {
    const admin = await hall.client();
    await admin.signInUnitAdmin(0);
    const before = await admin.get('/api/agents');
    expect(before.body.items.map((a: { mobile: string }) => a.mobile).sort()).toEqual([AGENTS.unitAOnly, AGENTS.both].sort());

    const added = await admin.post('/api/agents', { name: '赵雪梅', mobile: '+86 139-0000-0009', password: 'Passw0rd1' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual(jasmine.objectContaining({ name: '赵雪梅', mobile: '13900000009', disabled: false }));

    const newcomer = await hall.client();
    expect((await newcomer.post('/api/auth/login/agent', { mobile: '13900000009', password: 'Passw0rd1' })).status).toBe(200);

    const disabled = await admin.post(`/api/agents/${added.body.id}/disable`);
    expect(disabled.body.disabled).toBeTrue();
    const enabled = await admin.post(`/api/agents/${added.body.id}/enable`);
    expect(enabled.body.disabled).toBeFalse();

    const audit = await hall.db.knex('audit_log').where({ entity_type: 'agent' }).orderBy('id').select('action', 'before', 'after');
    expect(audit.map((a) => a.action)).toEqual(['agent_bound', 'agent_disabled', 'agent_enabled']);
    expect(JSON.parse(audit[1].before).disabled).toBeFalse();
    expect(JSON.parse(audit[1].after).disabled).toBeTrue();
  });

  it('signs a disabled agent out on the next request', async () => {
    const agent = await hall.client('en');
    const signedIn = await agent.signInAgent(AGENTS.unitAOnly);
    expect((await agent.get('/api/home')).status).toBe(200);

    const admin = await hall.client();
    await admin.signInUnitAdmin(0);
    await admin.post(`/api/agents/${signedIn.body.user.id}/disable`);

    const next = await agent.get('/api/home');
    expect(next.status).toBe(401);
    expect(next.body.code).toBe('ACCOUNT_DISABLED');
    const again = await hall.client();
    const retry = await again.post('/api/auth/login/agent', { mobile: AGENTS.unitAOnly, password: DEMO_PASSWORDS.agent });
    expect(retry.status).toBe(403);
    expect(retry.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('keeps an agent of two units working for the unit that did not disable them', async () => {
    const adminA = await hall.client();
    await adminA.signInUnitAdmin(0);
    const agentInB = await hall.client();
    await agentInB.signInAgent(AGENTS.both, 1);
    const target = (await adminA.get('/api/agents')).body.items.find((a: { mobile: string }) => a.mobile === AGENTS.both);
    await adminA.post(`/api/agents/${target.id}/disable`);
    expect((await agentInB.get('/api/home')).status).toBe(200);
    const fresh = await hall.client();
    const login = await fresh.post('/api/auth/login/agent', { mobile: AGENTS.both, password: DEMO_PASSWORDS.agent });
    expect(login.body.units.length).toBe(1);
    expect(login.body.unit).not.toBeNull();
  });

  it('refuses binding the same agent twice and a weak password, naming the field', async () => {
    const admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
    const twice = await admin.post('/api/agents', { name: '张敏', mobile: AGENTS.unitAOnly, password: 'Passw0rd1' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('AGENT_ALREADY_BOUND');
    const weak = await admin.post('/api/agents', { name: '新人', mobile: '13900000010', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.details.fields).toEqual([jasmine.objectContaining({ field: 'password', code: 'PASSWORD_WEAK' })]);
    const badMobile = await admin.post('/api/agents', { name: '新人', mobile: '12345', password: 'Passw0rd1' });
    expect(badMobile.body.details.fields).toEqual([jasmine.objectContaining({ field: 'mobile', code: 'MOBILE_FORMAT' })]);
  });

  it("resets an agent's password, ending the agent's sessions for every unit at once", async () => {
    const inA = await hall.client('en');
    const signedIn = await inA.signInAgent(AGENTS.both, 0);
    const inB = await hall.client('en');
    await inB.signInAgent(AGENTS.both, 1);
    const admin = await hall.client();
    await admin.signInUnitAdmin(0);

    const reset = await admin.post(`/api/agents/${signedIn.body.user.id}/password`, { password: 'Fresh2026' });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual(jasmine.objectContaining({ id: signedIn.body.user.id, mobile: AGENTS.both }));
    expect(await hall.db.knex('sessions').where({ user_id: signedIn.body.user.id }).first()).toBeUndefined();
    expect((await inA.get('/api/home')).status).toBe(401);
    expect((await inB.get('/api/home')).status).toBe(401);

    const fresh = await hall.client();
    expect((await fresh.post('/api/auth/login/agent', { mobile: AGENTS.both, password: DEMO_PASSWORDS.agent })).status).toBe(401);
    expect((await fresh.post('/api/auth/login/agent', { mobile: AGENTS.both, password: 'Fresh2026' })).status).toBe(200);

    const [audit] = await hall.db.knex('audit_log').where({ action: 'agent_password_reset' }).select('entity_id', 'after');
    expect(audit.entity_id).toBe(String(signedIn.body.user.id));
    expect(JSON.parse(audit.after).sessionsEnded).toBe(2);
    expect(audit.after).not.toContain('Fresh2026');
  });

  it('refuses a weak new password naming the field, and an agent of another unit', async () => {
    const admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
    const agentA = await hall.db.knex('users').where({ login: AGENTS.unitAOnly }).first('id', 'password_hash');
    const weak = await admin.post(`/api/agents/${agentA.id}/password`, { password: 'lettersonly' });
    expect(weak.status).toBe(400);
    expect(weak.body.details.fields).toEqual([jasmine.objectContaining({ field: 'password', code: 'PASSWORD_WEAK' })]);

    const agentB = await hall.db.knex('users').where({ login: AGENTS.unitBOnly }).first('id', 'password_hash');
    expect((await admin.post(`/api/agents/${agentB.id}/password`, { password: 'Fresh2026' })).status).toBe(404);
    expect((await hall.db.knex('users').where({ id: agentB.id }).first('password_hash')).password_hash).toBe(agentB.password_hash);
    expect((await hall.db.knex('users').where({ id: agentA.id }).first('password_hash')).password_hash).toBe(agentA.password_hash);
  });

  it('lets only the administrator reset a password', async () => {
    const agent = await hall.client();
    const signedIn = await agent.signInAgent(AGENTS.unitAOnly);
    expect((await agent.post(`/api/agents/${signedIn.body.user.id}/password`, { password: 'Fresh2026' })).status).toBe(403);
  });

  it('keeps the audit log append-only', async () => {
    const admin = await hall.client();
    await admin.signInUnitAdmin(0);
    await expectAsync(hall.db.knex('audit_log').update({ action: 'tampered' })).toBeRejected();
    await expectAsync(hall.db.knex('audit_log').delete()).toBeRejected();
    expect(await hall.db.knex('audit_log').where({ action: 'tampered' }).first()).toBeUndefined();
  });
});
