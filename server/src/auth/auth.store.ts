import type { Knex } from 'knex';
import type { Role, UnitSummary } from '@common/api/auth';
import { toBoolean } from '../db/dialect';

export interface UserRecord {
  id: number;
  role: Role;
  login: string;
  name: string;
  passwordHash: string;
  disabled: boolean;
  unitId: number | null;
  /** The insured person a `person` account belongs to; null for every other role. */
  personId: number | null;
  mustChangePassword: boolean;
}

export interface SessionRecord {
  id: string;
  userId: number;
  unitId: number | null;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** Booleans come back as 0/1 from SQLite. */
type DbBoolean = boolean | number;

/** A row of `users`. */
export interface UserRow {
  id: number;
  role: Role;
  login: string;
  name: string;
  password_hash: string;
  disabled: DbBoolean;
  unit_id: number | null;
  person_id: number | null;
  must_change_password: DbBoolean;
}

/** A row of `sessions`. */
interface SessionRow {
  id: string;
  user_id: number;
  unit_id: number | null;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** A session beside its user's columns, prefixed `u_`; all null when the user is gone. */
interface SessionWithUserRow extends SessionRow {
  u_id: number | null;
  u_role: Role;
  u_login: string;
  u_name: string;
  u_password_hash: string;
  u_disabled: DbBoolean;
  u_unit_id: number | null;
  u_person_id: number | null;
  u_must_change_password: DbBoolean;
}

interface UnitSummaryRow {
  id: number;
  name: string;
  credit_code: string;
}

const toUnitSummary = (row: UnitSummaryRow): UnitSummary => ({ id: row.id, name: row.name, creditCode: row.credit_code });

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  role: row.role,
  login: row.login,
  name: row.name,
  passwordHash: row.password_hash,
  disabled: toBoolean(row.disabled),
  unitId: row.unit_id ?? null,
  personId: row.person_id ?? null,
  mustChangePassword: toBoolean(row.must_change_password),
});

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  unitId: row.unit_id ?? null,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
});

export class AuthStore {
  constructor(private readonly db: Knex) {}

  async findUser(role: Role, login: string): Promise<UserRecord | null> {
    const row = await this.db<UserRow>('users').where({ role, login }).first();
    return row ? toUser(row) : null;
  }

  async findUserById(id: number): Promise<UserRecord | null> {
    const row = await this.db<UserRow>('users').where({ id }).first();
    return row ? toUser(row) : null;
  }

  async unitSummary(unitId: number): Promise<UnitSummary | null> {
    const row = await this.db('units').where({ id: unitId }).first<UnitSummaryRow | undefined>('id', 'name', 'credit_code');
    return row ? toUnitSummary(row) : null;
  }

  /** Units an agent may act for: bindings not disabled. */
  async activeUnitsOfAgent(agentId: number): Promise<UnitSummary[]> {
    const rows = await this.db('agent_units as b')
      .join('units as u', 'u.id', 'b.unit_id')
      .where('b.agent_id', agentId)
      .andWhere('b.disabled', false)
      .orderBy('u.id')
      .select<UnitSummaryRow[]>('u.id', 'u.name', 'u.credit_code');
    return rows.map(toUnitSummary);
  }

  async agentBindingActive(agentId: number, unitId: number): Promise<boolean> {
    const row = await this.db('agent_units').where({ agent_id: agentId, unit_id: unitId }).first<{ disabled: DbBoolean } | undefined>('disabled');
    return row !== undefined && !toBoolean(row.disabled);
  }

  async insertSession(session: SessionRecord): Promise<void> {
    await this.db('sessions').insert({
      id: session.id,
      user_id: session.userId,
      unit_id: session.unitId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    });
  }

  /** The session and its user in one read: every request asks for both. */
  async findSessionWithUser(id: string): Promise<{ session: SessionRecord; user: UserRecord | null } | null> {
    const row = await this.db('sessions as s')
      .leftJoin('users as u', 'u.id', 's.user_id')
      .where('s.id', id)
      .first<SessionWithUserRow | undefined>(
        's.*',
        'u.id as u_id',
        'u.role as u_role',
        'u.login as u_login',
        'u.name as u_name',
        'u.password_hash as u_password_hash',
        'u.disabled as u_disabled',
        'u.unit_id as u_unit_id',
        'u.person_id as u_person_id',
        'u.must_change_password as u_must_change_password',
      );
    if (!row) return null;
    const user =
      row.u_id == null
        ? null
        : toUser({
            id: row.u_id,
            role: row.u_role,
            login: row.u_login,
            name: row.u_name,
            password_hash: row.u_password_hash,
            disabled: row.u_disabled,
            unit_id: row.u_unit_id,
            person_id: row.u_person_id,
            must_change_password: row.u_must_change_password,
          });
    return { session: toSession(row), user };
  }

  async touchSession(id: string, at: string): Promise<void> {
    await this.db('sessions').where({ id }).update({ last_seen_at: at });
  }

  async setSessionUnit(id: string, unitId: number): Promise<void> {
    await this.db('sessions').where({ id }).update({ unit_id: unitId });
  }

  async deleteSession(id: string): Promise<void> {
    await this.db('sessions').where({ id }).delete();
  }

  async deleteExpiredSessions(now: string, idleSince: string): Promise<number> {
    return this.db('sessions').where('expires_at', '<=', now).orWhere('last_seen_at', '<=', idleSince).delete();
  }

  /** Sign-in counters (login-throttle.ts) whose time is up: the next attempt would start them afresh anyway. */
  async deleteExpiredLimits(nowMs: number): Promise<number> {
    return this.db('login_limits').where('expire', '<', nowMs).delete();
  }

  async countInvitations(agentId: number): Promise<number> {
    const row = await this.db('agent_invitations').where({ agent_id: agentId }).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** A password the user chose: no longer one to change, and every other session of the user ends. */
  async setOwnPassword(userId: number, passwordHash: string, keepSessionId: string, at: string): Promise<number> {
    await this.db('users').where({ id: userId }).update({ password_hash: passwordHash, must_change_password: false, updated_at: at });
    return this.db('sessions').where({ user_id: userId }).andWhereNot({ id: keepSessionId }).delete();
  }
}
