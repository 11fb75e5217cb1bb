import { AGENTS, createTestHall, type TestHall } from '../../test/harness';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../db/seeds/demo';

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

    const added = await admin.post('/api/agents', { name: '赵雪梅', mobile: '+86 139-0000-0009', password: 'Kestrel2026q' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual(jasmine.objectContaining({ name: '赵雪梅', mobile: '13900000009', disabled: false }));

    const newcomer = await hall.client();
    expect((await newcomer.post('/api/auth/login/agent', { mobile: '13900000009', password: 'Kestrel2026q' })).status).toBe(200);

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
    const twice = await admin.post('/api/agents', { name: '张敏', mobile: AGENTS.unitAOnly, password: 'Kestrel2026q' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('AGENT_ALREADY_BOUND');
    const weak = await admin.post('/api/agents', { name: '新人', mobile: '13900000010', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.details.fields).toEqual([jasmine.objectContaining({ field: 'password', code: 'PASSWORD_WEAK' })]);
    const badMobile = await admin.post('/api/agents', { name: '新人', mobile: '12345', password: 'Kestrel2026q' });
    expect(badMobile.body.details.fields).toEqual([jasmine.objectContaining({ field: 'mobile', code: 'MOBILE_FORMAT' })]);
  });

  it('resets the password of an agent bound to this unit alone, ending every session of the agent at once', async () => {
    const first = await hall.client('en');
    const signedIn = await first.signInAgent(AGENTS.unitAOnly);
    const second = await hall.client('en');
    await second.signInAgent(AGENTS.unitAOnly);
    const admin = await hall.client();
    await admin.signInUnitAdmin(0);

    const reset = await admin.post(`/api/agents/${signedIn.body.user.id}/password`, { password: 'Fresh2026x' });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual(jasmine.objectContaining({ id: signedIn.body.user.id, mobile: AGENTS.unitAOnly }));
    expect(await hall.db.knex('sessions').where({ user_id: signedIn.body.user.id }).first()).toBeUndefined();
    expect((await first.get('/api/home')).status).toBe(401);
    expect((await second.get('/api/home')).status).toBe(401);

    const fresh = await hall.client();
    expect((await fresh.post('/api/auth/login/agent', { mobile: AGENTS.unitAOnly, password: DEMO_PASSWORDS.agent })).status).toBe(401);
    expect((await fresh.post('/api/auth/login/agent', { mobile: AGENTS.unitAOnly, password: 'Fresh2026x' })).status).toBe(200);

    const [audit] = await hall.db.knex('audit_log').where({ action: 'agent_password_reset' }).select('entity_id', 'after');
    expect(audit.entity_id).toBe(String(signedIn.body.user.id));
    expect(JSON.parse(audit.after).sessionsEnded).toBe(2);
    expect(audit.after).not.toContain('Fresh2026x');
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

  describe('binding an existing account', () => {
    const realName = DEMO_UNITS[0].agents[0].name;
    const unitIdOf = async (index: number) =>
      (await hall.db.knex('units').where({ credit_code: DEMO_UNITS[index].creditCode }).first('id')).id as number;

    it("only invites another unit's agent: nothing about the account is revealed and nothing is bound or reset", async () => {
      const attacker = await hall.client('en');
      await attacker.signInUnitAdmin(1);
      const invited = await attacker.post('/api/agents', { name: '冒名者', mobile: AGENTS.unitAOnly, password: 'Passw0rd1x' });
      expect(invited.status).toBe(201);
      expect(invited.body).toEqual(jasmine.objectContaining({ name: '冒名者', mobile: AGENTS.unitAOnly, status: 'invited' }));
      expect(JSON.stringify(invited.body)).not.toContain(realName);

      const agentId = (await hall.db.knex('users').where({ role: 'agent', login: AGENTS.unitAOnly }).first('id')).id;
      expect(
        await hall.db
          .knex('agent_units')
          .where({ agent_id: agentId, unit_id: await unitIdOf(1) })
          .first(),
      ).toBeUndefined();
      const listed = (await attacker.get('/api/agents')).body.items.find((a: { mobile: string }) => a.mobile === AGENTS.unitAOnly);
      expect(listed).toEqual(jasmine.objectContaining({ name: '冒名者', status: 'invited' }));

      const before = await hall.db.knex('users').where({ id: agentId }).first('password_hash');
      expect((await attacker.post(`/api/agents/${agentId}/password`, { password: 'Takeover2026x' })).status).toBe(404);
      expect((await attacker.post(`/api/agents/${agentId}/disable`)).status).toBe(404);
      expect((await hall.db.knex('users').where({ id: agentId }).first('password_hash')).password_hash).toBe(before.password_hash);

      // The agent's own password still signs in, to unit A only: the invitation gave unit B nothing.
      const agent = await hall.client();
      const signedIn = await agent.signInAgent(AGENTS.unitAOnly);
      expect(signedIn.body.units.map((u: { creditCode: string }) => u.creditCode)).toEqual([DEMO_UNITS[0].creditCode]);
    });

    it('binds the account once the agent, signed in with their own password, accepts; audited in both units', async () => {
      const adminB = await hall.client();
      await adminB.signInUnitAdmin(1);
      expect((await adminB.post('/api/agents', { name: '张敏', mobile: AGENTS.unitAOnly, password: 'Passw0rd1x' })).status).toBe(201);

      const agent = await hall.client();
      // The session tells the client there is an invitation to answer.
      expect((await agent.signInAgent(AGENTS.unitAOnly)).body.pendingInvitations).toBe(1);
      const invitations = await agent.get('/api/auth/invitations');
      expect(invitations.status).toBe(200);
      expect(invitations.body.items).toEqual([jasmine.objectContaining({ unitId: await unitIdOf(1), unitName: DEMO_UNITS[1].name })]);

      const accepted = await agent.post(`/api/auth/invitations/${await unitIdOf(1)}/accept`);
      expect(accepted.status).toBe(200);
      expect(accepted.body.units.map((u: { creditCode: string }) => u.creditCode).sort()).toEqual(DEMO_UNITS.map((u) => u.creditCode).sort());
      expect((await agent.get('/api/auth/invitations')).body.items).toEqual([]);
      expect(accepted.body.pendingInvitations).toBe(0);

      const listed = (await adminB.get('/api/agents')).body.items.find((a: { mobile: string }) => a.mobile === AGENTS.unitAOnly);
      expect(listed).toEqual(jasmine.objectContaining({ name: realName, status: 'active', disabled: false }));
      // Now shared by two units: neither administrator may reset its password.
      const reset = await adminB.post(`/api/agents/${listed.id}/password`, { password: 'Takeover2026x' });
      expect(reset.status).toBe(409);
      expect(reset.body.code).toBe('AGENT_BOUND_ELSEWHERE');

      const audit = async (index: number) =>
        (
          await hall.db
            .knex('audit_log')
            .where({ unit_id: await unitIdOf(index), entity_type: 'agent' })
            .orderBy('id')
            .select('action')
        ).map((a) => a.action);
      expect(await audit(1)).toEqual(['agent_invited', 'agent_invitation_accepted']);
      expect(await audit(0)).toEqual(['agent_bound_elsewhere']);
    });

    it('lets an agent whose every unit disabled them sign in to answer an invitation', async () => {
      const agentId = (await hall.db.knex('users').where({ role: 'agent', login: AGENTS.unitAOnly }).first('id')).id;
      const adminA = await hall.client();
      await adminA.signInUnitAdmin(0);
      await adminA.post(`/api/agents/${agentId}/disable`);
      const adminB = await hall.client();
      await adminB.signInUnitAdmin(1);
      await adminB.post('/api/agents', { name: '张敏', mobile: AGENTS.unitAOnly, password: 'Passw0rd1x' });

      const agent = await hall.client();
      const signedIn = await agent.post('/api/auth/login/agent', { mobile: AGENTS.unitAOnly, password: DEMO_PASSWORDS.agent });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.units).toEqual([]);
      expect(signedIn.body.pendingInvitations).toBe(1);
      expect((await agent.get('/api/home')).body.code).toBe('UNIT_NOT_SELECTED');
      const accepted = await agent.post(`/api/auth/invitations/${await unitIdOf(1)}/accept`);
      expect(accepted.body.units.map((u: { creditCode: string }) => u.creditCode)).toEqual([DEMO_UNITS[1].creditCode]);
    });

    it('invites, rather than failing, when the new mobile gets an account while it is being added', async () => {
      const admin = await hall.client('en');
      await admin.signInUnitAdmin(1);
      const mobile = '13900000071';
      const { password_hash } = await hall.db.knex('users').where({ login: AGENTS.unitAOnly }).first('password_hash');
      let added: Promise<Awaited<ReturnType<typeof admin.post>>> | undefined;
      await hall.db.knex.transaction(async (trx) => {
        // Another unit creating the same account, not yet committed when this request looks for it.
        await trx('users').insert({
          role: 'agent',
          login: mobile,
          name: '先到',
          password_hash,
          disabled: false,
          created_at: '2026-11-10T02:00:00.000Z',
          updated_at: '2026-11-10T02:00:00.000Z',
        });
        added = admin.post('/api/agents', { name: '后到', mobile, password: 'Start2026x' });
        await new Promise((resolve) => setTimeout(resolve, 500));
      });
      const res = await added!;
      expect(res.status).toBe(201);
      expect(res.body).toEqual(jasmine.objectContaining({ status: 'invited', name: '后到' }));
      expect((await hall.db.knex('users').where({ role: 'agent', login: mobile })).length).toBe(1);
    });

    it('lets the inviting administrator withdraw an invitation, and only theirs', async () => {
      const adminB = await hall.client();
      await adminB.signInUnitAdmin(1);
      const invited = await adminB.post('/api/agents', { name: '张敏', mobile: AGENTS.unitAOnly, password: 'Passw0rd1x' });
      const adminA = await hall.client();
      await adminA.signInUnitAdmin(0);
      expect((await adminA.send('delete', `/api/agents/${invited.body.id}/invitation`)).status).toBe(404);

      expect((await adminB.send('delete', `/api/agents/${invited.body.id}/invitation`)).status).toBe(204);
      expect((await adminB.get('/api/agents')).body.items.map((a: { mobile: string }) => a.mobile)).not.toContain(AGENTS.unitAOnly);
      const agent = await hall.client();
      await agent.signInAgent(AGENTS.unitAOnly);
      expect((await agent.get('/api/auth/invitations')).body.items).toEqual([]);
      expect((await adminB.send('delete', `/api/agents/${invited.body.id}/invitation`)).status).toBe(404);
      const audit = await hall.db.knex('audit_log').where({ unit_id: await unitIdOf(1), action: 'agent_invitation_withdrawn' });
      expect(audit.length).toBe(1);
    });

    it('lets the agent decline, leaving nothing bound', async () => {
      const adminB = await hall.client();
      await adminB.signInUnitAdmin(1);
      await adminB.post('/api/agents', { name: '张敏', mobile: AGENTS.unitAOnly, password: 'Passw0rd1x' });
      const agent = await hall.client();
      await agent.signInAgent(AGENTS.unitAOnly);
      expect((await agent.post(`/api/auth/invitations/${await unitIdOf(1)}/decline`)).status).toBe(204);
      expect((await agent.get('/api/auth/invitations')).body.items).toEqual([]);
      expect((await adminB.get('/api/agents')).body.items.map((a: { mobile: string }) => a.mobile)).not.toContain(AGENTS.unitAOnly);
      expect((await agent.post(`/api/auth/invitations/${await unitIdOf(1)}/accept`)).status).toBe(404);
    });

    it('resets no password while the account is being bound to another unit: the reset waits for the account row', async () => {
      const admin = await hall.client('en');
      await admin.signInUnitAdmin(0);
      const agent = await hall.db.knex('users').where({ role: 'agent', login: AGENTS.unitAOnly }).first('id', 'password_hash');
      const unitB = await unitIdOf(1);
      let reset: Promise<Awaited<ReturnType<typeof admin.post>>> | undefined;
      await hall.db.knex.transaction(async (trx) => {
        // What accepting an invitation does: the account row locked first, then the binding written.
        await trx('users').where({ id: agent.id }).forUpdate().select('id');
        reset = admin.post(`/api/agents/${agent.id}/password`, { password: 'Fresh2026x' });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await trx('agent_units').insert({ agent_id: agent.id, unit_id: unitB, disabled: false, bound_at: '2026-11-10T02:00:00.000Z' });
      });
      const res = await reset!;
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('AGENT_BOUND_ELSEWHERE');
      expect((await hall.db.knex('users').where({ id: agent.id }).first('password_hash')).password_hash).toBe(agent.password_hash);
    });

    it('refuses to reset the password of an agent also bound to another unit, even a disabled binding', async () => {
      const admin = await hall.client('en');
      await admin.signInUnitAdmin(0);
      const shared = await hall.db.knex('users').where({ role: 'agent', login: AGENTS.both }).first('id', 'password_hash');
      await hall.db
        .knex('agent_units')
        .where({ agent_id: shared.id, unit_id: await unitIdOf(1) })
        .update({ disabled: true });
      const res = await admin.post(`/api/agents/${shared.id}/password`, { password: 'Fresh2026x' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('AGENT_BOUND_ELSEWHERE');
      expect(res.body.message).not.toContain('errors.');
      expect((await hall.db.knex('users').where({ id: shared.id }).first('password_hash')).password_hash).toBe(shared.password_hash);
    });
  });

  it('keeps the audit log append-only', async () => {
    const admin = await hall.client();
    await admin.signInUnitAdmin(0);
    await expectAsync(hall.db.knex('audit_log').update({ action: 'tampered' })).toBeRejected();
    await expectAsync(hall.db.knex('audit_log').delete()).toBeRejected();
    expect(await hall.db.knex('audit_log').where({ action: 'tampered' }).first()).toBeUndefined();
  });
});
