import type { Knex } from 'knex';
import type { Agent, AgentInvitation } from '@common/api/agents';
import { passwordProblem } from '@common/validators/password';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { AppError, forbidden, invalidFields, notFound } from '../http/errors';
import type { Actor } from '../http/route';
import { AgentStore } from './agents.store';

export class AgentService {
  private readonly store: AgentStore;
  private readonly audit: AuditService;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {
    this.store = new AgentStore(db);
    this.audit = new AuditService(db);
  }

  private on(trx: Knex.Transaction): AgentService {
    return new AgentService(trx, this.clock);
  }

  list(unitId: number): Promise<Agent[]> {
    return this.store.list(unitId);
  }

  /**
   * A new mobile gets an account with the administrator's initial password, bound at once. An existing
   * account is only invited: binding it needs its agent's consent, and the answer says nothing about
   * it (the name is the one the administrator typed).
   */
  async add(unitId: number, actor: Actor, input: { name: string; mobile: string; password: string }, requestId: string): Promise<Agent> {
    const at = this.clock.now().toISOString();
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      const found = await store.findAccountByMobile(input.mobile);
      const agentId = found ? null : await store.insertAccount({ name: input.name, mobile: input.mobile, passwordHash, at });
      if (agentId !== null) {
        await store.bind(unitId, agentId, at);
        const agent = (await store.find(unitId, agentId))!;
        await audit.record({
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
      }
      // An existing account, or one another request created while this one looked.
      const existing = found ?? (await store.findAccountByMobile(input.mobile))!;
      if (await store.find(unitId, existing.id)) throw new AppError(409, 'AGENT_ALREADY_BOUND');
      await store.invite({ unitId, agentId: existing.id, name: input.name, invitedBy: actor.userId, at });
      const invited = (await store.findInvited(unitId, existing.id))!;
      await audit.record({
        at,
        userId: actor.userId,
        unitId,
        action: 'agent_invited',
        entityType: 'agent',
        entityId: existing.id,
        after: invited,
        requestId,
      });
      return invited;
    });
  }

  /** A disabled agent's sessions for the unit end at their next request (AuthService.resolveSession). */
  async setDisabled(unitId: number, actor: Actor, agentId: number, disabled: boolean, requestId: string): Promise<Agent> {
    return this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      const before = await store.find(unitId, agentId);
      if (!before) throw notFound();
      await store.setDisabled(unitId, agentId, disabled);
      const after = (await store.find(unitId, agentId))!;
      await audit.record({
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

  /**
   * A new initial password for an agent bound to this unit alone (an account shared with another unit
   * is its agent's, not one administrator's); the agent's sessions end at once.
   */
  async resetPassword(unitId: number, actor: Actor, agentId: number, password: string, requestId: string): Promise<Agent> {
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      // Locked first, so an invitation accepted meanwhile cannot make the account shared behind our back.
      if (!(await store.lockAccount(agentId))) throw notFound();
      const agent = await store.find(unitId, agentId);
      if (!agent) throw notFound();
      if ((await store.otherUnitsOf(agentId, unitId)).length > 0) throw new AppError(409, 'AGENT_BOUND_ELSEWHERE');
      const problem = passwordProblem(password, [agent.mobile]);
      if (problem) throw invalidFields([{ field: 'password', code: problem }]);
      const at = this.clock.now().toISOString();
      await store.setInitialPassword(agentId, passwordHash, at);
      const sessionsEnded = await store.endSessions(agentId);
      await audit.record({
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

  /** The inviting administrator takes an invitation back before it is answered. */
  async withdrawInvitation(unitId: number, actor: Actor, agentId: number, requestId: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      const invited = await store.findInvited(unitId, agentId);
      if (!invited || !(await store.removeInvitation(unitId, agentId))) throw notFound();
      await audit.record({
        at: this.clock.now().toISOString(),
        userId: actor.userId,
        unitId,
        action: 'agent_invitation_withdrawn',
        entityType: 'agent',
        entityId: agentId,
        before: invited,
        requestId,
      });
    });
  }

  /** The signed-in agent's pending invitations. */
  invitations(actor: Actor): Promise<AgentInvitation[]> {
    if (actor.role !== 'agent') throw forbidden();
    return this.store.invitationsOf(actor.userId);
  }

  /**
   * The agent consents: bound to the inviting unit. The inviting unit and every other unit of the
   * agent hear of it in their audit trails.
   */
  async acceptInvitation(actor: Actor, unitId: number, requestId: string): Promise<void> {
    if (actor.role !== 'agent') throw forbidden();
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      const account = await store.lockAccount(actor.userId);
      if (!account || !(await store.removeInvitation(unitId, actor.userId))) throw notFound();
      const at = this.clock.now().toISOString();
      await store.bind(unitId, actor.userId, at);
      const agent = (await store.find(unitId, actor.userId))!;
      const others = await store.otherUnitsOf(actor.userId, unitId);
      await audit.recordAll([
        {
          at,
          userId: actor.userId,
          unitId,
          action: 'agent_invitation_accepted',
          entityType: 'agent',
          entityId: actor.userId,
          after: agent,
          requestId,
        },
        ...others.map((other) => ({
          at,
          userId: actor.userId,
          unitId: other,
          action: 'agent_bound_elsewhere',
          entityType: 'agent',
          entityId: actor.userId,
          after: { id: account.id, name: account.name, mobile: account.login },
          requestId,
        })),
      ]);
    });
  }

  async declineInvitation(actor: Actor, unitId: number, requestId: string): Promise<void> {
    if (actor.role !== 'agent') throw forbidden();
    await this.db.transaction(async (trx) => {
      const { store, audit } = this.on(trx);
      const invited = await store.findInvited(unitId, actor.userId);
      if (!invited || !(await store.removeInvitation(unitId, actor.userId))) throw notFound();
      await audit.record({
        at: this.clock.now().toISOString(),
        userId: actor.userId,
        unitId,
        action: 'agent_invitation_declined',
        entityType: 'agent',
        entityId: actor.userId,
        before: invited,
        requestId,
      });
    });
  }
}
