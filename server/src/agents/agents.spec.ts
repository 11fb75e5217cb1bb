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

  it('keeps the audit log append-only', async () => {
    const admin = await hall.client();
    await admin.signInUnitAdmin(0);
    await expectAsync(hall.db.knex('audit_log').update({ action: 'tampered' })).toBeRejected();
    await expectAsync(hall.db.knex('audit_log').delete()).toBeRejected();
    expect(await hall.db.knex('audit_log').where({ action: 'tampered' }).first()).toBeUndefined();
  });
});
