import type { Knex } from 'knex';
import type { Agent } from '@common/api/agents';
import type { Clock } from '../clock';
import { recordAudit } from '../audit/audit.store';
import { hashPassword } from '../auth/password';
import { AppError, notFound } from '../http/errors';
import type { Actor } from '../http/route';
import { AgentStore } from './agents.store';

export class AgentService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  list(unitId: number): Promise<Agent[]> {
    return new AgentStore(this.db).list(unitId);
  }

  /** Binds an agent to the unit, creating the account when the mobile is new. */
  async add(unitId: number, actor: Actor, input: { name: string; mobile: string; password: string }, requestId: string): Promise<Agent> {
    const at = this.clock.now().toISOString();
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (trx) => {
      const store = new AgentStore(trx);
      const existing = await store.findAccountByMobile(input.mobile);
      if (existing && (await store.find(unitId, existing.id))) throw new AppError(409, 'AGENT_ALREADY_BOUND');
      const agentId = existing?.id ?? (await store.insertAccount({ name: input.name, mobile: input.mobile, passwordHash, at }));
      await store.bind(unitId, agentId, at);
      const agent = (await store.find(unitId, agentId))!;
      await recordAudit(trx, {
        at,
        userId: actor.userId,
        unitId,
        action: 'agent_bound',
        entityType: 'agent',
        entityId: agentId,
        after: agent,
        requestId,
      });
      return agent;
    });
  }

  /** A disabled agent's sessions for the unit end at their next request (AuthService.resolveSession). */
  async setDisabled(unitId: number, actor: Actor, agentId: number, disabled: boolean, requestId: string): Promise<Agent> {
    return this.db.transaction(async (trx) => {
      const store = new AgentStore(trx);
      const before = await store.find(unitId, agentId);
      if (!before) throw notFound();
      await store.setDisabled(unitId, agentId, disabled);
      const after = (await store.find(unitId, agentId))!;
      await recordAudit(trx, {
        at: this.clock.now().toISOString(),
        userId: actor.userId,
        unitId,
        action: disabled ? 'agent_disabled' : 'agent_enabled',
        entityType: 'agent',
        entityId: agentId,
        before,
        after,
        requestId,
      });
      return after;
    });
  }

  /** A new password for an agent of the unit; the agent's sessions (for any unit) end at once. */
  async resetPassword(unitId: number, actor: Actor, agentId: number, password: string, requestId: string): Promise<Agent> {
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (trx) => {
      const store = new AgentStore(trx);
      const agent = await store.find(unitId, agentId);
      if (!agent) throw notFound();
      const at = this.clock.now().toISOString();
      await store.setPassword(agentId, passwordHash, at);
      const sessionsEnded = await store.endSessions(agentId);
      await recordAudit(trx, {
        at,
        userId: actor.userId,
        unitId,
        action: 'agent_password_reset',
        entityType: 'agent',
        entityId: agentId,
        after: { ...agent, sessionsEnded },
        requestId,
      });
      return agent;
    });
  }
}
