import type { Knex } from 'knex';
import type { Agent, AgentInvitation } from '@common/api/agents';
import type { UserRow } from '../auth/auth.store';
import { toBoolean } from '../db/dialect';

/** An agent's account beside its binding to the unit (`disabled` is 0/1 on SQLite). */
interface BoundAgentRow {
  id: number;
  name: string;
  login: string;
  disabled: boolean | number;
  bound_at: string;
}

/** An account beside the unit's invitation of it, under the name the administrator typed. */
interface InvitedAgentRow {
  id: number;
  name: string;
  login: string;
  invited_at: string;
}

const toAgent = (row: BoundAgentRow): Agent => ({
  id: row.id,
  name: row.name,
  mobile: row.login,
  disabled: toBoolean(row.disabled),
  status: 'active',
  boundAt: row.bound_at,
});

const toInvited = (row: InvitedAgentRow): Agent => ({
  id: row.id,
  name: row.name,
  mobile: row.login,
  disabled: false,
  status: 'invited',
  boundAt: row.invited_at,
});

/** Agents as seen from one unit: the agent's account joined with its binding to that unit, or its pending invitation. */
export class AgentStore {
  constructor(private readonly db: Knex) {}

  private boundTo(unitId: number) {
    return this.db('agent_units as b')
      .join('users as u', 'u.id', 'b.agent_id')
      .where('b.unit_id', unitId)
      .select<BoundAgentRow[]>('u.id', 'u.name', 'u.login', 'b.disabled', 'b.bound_at');
  }

  private invitedBy(unitId: number) {
    return this.db('agent_invitations as i')
      .join('users as u', 'u.id', 'i.agent_id')
      .where('i.unit_id', unitId)
      .select<InvitedAgentRow[]>('u.id', 'i.name', 'u.login', 'i.invited_at');
  }

  async list(unitId: number): Promise<Agent[]> {
    const [bound, invited] = await Promise.all([this.boundTo(unitId).orderBy('u.id'), this.invitedBy(unitId).orderBy('u.id')]);
    return [...bound.map(toAgent), ...invited.map(toInvited)];
  }

  async find(unitId: number, agentId: number): Promise<Agent | null> {
    const row = await this.boundTo(unitId).andWhere('u.id', agentId).first();
    return row ? toAgent(row) : null;
  }

  async findInvited(unitId: number, agentId: number): Promise<Agent | null> {
    const row = await this.invitedBy(unitId).andWhere('u.id', agentId).first();
    return row ? toInvited(row) : null;
  }

  async findAccountByMobile(mobile: string): Promise<{ id: number } | null> {
    const row = await this.db<UserRow>('users').where({ role: 'agent', login: mobile }).first('id');
    return row ?? null;
  }

  /**
   * Locks the agent's account for the rest of the transaction: whatever depends on which units the
   * account is bound to (a password reset, accepting an invitation) runs one at a time per account.
   */
  async lockAccount(agentId: number): Promise<{ id: number; name: string; login: string } | null> {
    // knex compiles FOR UPDATE to nothing on SQLite, whose one connection runs one transaction at a time anyway.
    const row = await this.db<UserRow>('users').where({ id: agentId, role: 'agent' }).forUpdate().first('id', 'name', 'login');
    return row ?? null;
  }

  /** The new account's id, or null when the mobile got an account meanwhile (the unique login decides). */
  async insertAccount(account: { name: string; mobile: string; passwordHash: string; at: string }): Promise<number | null> {
    const [row] = await this.db('users')
      .insert({
        role: 'agent',
        login: account.mobile,
        name: account.name,
        password_hash: account.passwordHash,
        disabled: false,
        unit_id: null,
        // Its password came from an administrator.
        must_change_password: true,
        created_at: account.at,
        updated_at: account.at,
      })
      .onConflict(['role', 'login'])
      .ignore()
      .returning<{ id: number }[]>('id');
    if (row === undefined) return null;
    return typeof row === 'object' ? row.id : row;
  }

  async bind(unitId: number, agentId: number, at: string): Promise<void> {
    await this.db('agent_units')
      .insert({ agent_id: agentId, unit_id: unitId, disabled: false, bound_at: at })
      .onConflict(['agent_id', 'unit_id'])
      .ignore();
  }

  /** Units other than this one the account is bound to, disabled bindings included. */
  async otherUnitsOf(agentId: number, unitId: number): Promise<number[]> {
    const rows = await this.db('agent_units')
      .where({ agent_id: agentId })
      .andWhereNot({ unit_id: unitId })
      .orderBy('unit_id')
      .select<{ unit_id: number }[]>('unit_id');
    return rows.map((r) => r.unit_id);
  }

  /** At most one invitation per unit and account (the primary key); a repeated one is kept as first made. */
  async invite(invitation: { unitId: number; agentId: number; name: string; invitedBy: number; at: string }): Promise<void> {
    await this.db('agent_invitations')
      .insert({
        unit_id: invitation.unitId,
        agent_id: invitation.agentId,
        name: invitation.name,
        invited_by: invitation.invitedBy,
        invited_at: invitation.at,
      })
      .onConflict(['unit_id', 'agent_id'])
      .ignore();
  }

  invitationsOf(agentId: number): Promise<AgentInvitation[]> {
    return this.db('agent_invitations as i')
      .join('units as u', 'u.id', 'i.unit_id')
      .where('i.agent_id', agentId)
      .orderBy('i.invited_at')
      .select<AgentInvitation[]>('u.id as unitId', 'u.name as unitName', 'i.invited_at as invitedAt');
  }

  /** Removes the invitation; false when there was none. */
  async removeInvitation(unitId: number, agentId: number): Promise<boolean> {
    return (await this.db('agent_invitations').where({ unit_id: unitId, agent_id: agentId }).delete()) > 0;
  }

  async setDisabled(unitId: number, agentId: number, disabled: boolean): Promise<void> {
    await this.db('agent_units').where({ agent_id: agentId, unit_id: unitId }).update({ disabled });
  }

  /** A password set by an administrator: the agent must change it at the next sign-in. */
  async setInitialPassword(agentId: number, passwordHash: string, at: string): Promise<void> {
    await this.db('users').where({ id: agentId, role: 'agent' }).update({ password_hash: passwordHash, must_change_password: true, updated_at: at });
  }

  /** Ends every session of the agent, for whichever unit it acts. */
  endSessions(agentId: number): Promise<number> {
    return this.db('sessions').where({ user_id: agentId }).delete();
  }
}
