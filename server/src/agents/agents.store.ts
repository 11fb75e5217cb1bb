import type { Knex } from 'knex';
import type { Agent } from '@common/api/agents';
import { toBoolean } from '../db/dialect';

const toAgent = (row: any): Agent => ({
  id: row.id,
  name: row.name,
  mobile: row.login,
  disabled: toBoolean(row.disabled),
  boundAt: row.bound_at,
});

/** Agents as seen from one unit: the agent's account joined with its binding to that unit. */
export class AgentStore {
  constructor(private readonly db: Knex) {}

  private boundTo(unitId: number) {
    return this.db('agent_units as b')
      .join('users as u', 'u.id', 'b.agent_id')
      .where('b.unit_id', unitId)
      .select('u.id', 'u.name', 'u.login', 'b.disabled', 'b.bound_at');
  }

  list(unitId: number): Promise<Agent[]> {
    return this.boundTo(unitId).orderBy('u.id').then((rows) => rows.map(toAgent));
  }

  async find(unitId: number, agentId: number): Promise<Agent | null> {
    const row = await this.boundTo(unitId).andWhere('u.id', agentId).first();
    return row ? toAgent(row) : null;
  }

  async findAccountByMobile(mobile: string): Promise<{ id: number } | null> {
    const row = await this.db('users').where({ role: 'agent', login: mobile }).first('id');
    return row ?? null;
  }

  async insertAccount(account: { name: string; mobile: string; passwordHash: string; at: string }): Promise<number> {
    const [row] = await this.db('users')
      .insert({
        role: 'agent',
        login: account.mobile,
        name: account.name,
        password_hash: account.passwordHash,
        disabled: false,
        unit_id: null,
        created_at: account.at,
        updated_at: account.at,
      })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  async bind(unitId: number, agentId: number, at: string): Promise<void> {
    await this.db('agent_units').insert({ agent_id: agentId, unit_id: unitId, disabled: false, bound_at: at });
  }

  async setDisabled(unitId: number, agentId: number, disabled: boolean): Promise<void> {
    await this.db('agent_units').where({ agent_id: agentId, unit_id: unitId }).update({ disabled });
  }

  async setPassword(agentId: number, passwordHash: string, at: string): Promise<void> {
    await this.db('users').where({ id: agentId, role: 'agent' }).update({ password_hash: passwordHash, updated_at: at });
  }

  /** Ends every session of the agent, for whichever unit it acts. */
  endSessions(agentId: number): Promise<number> {
    return this.db('sessions').where({ user_id: agentId }).delete();
  }
}
