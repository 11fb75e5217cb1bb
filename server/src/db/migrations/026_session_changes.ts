/**
 * Every instance keeps the sessions it has resolved for a moment (auth/session-cache.ts) and forgets a user's as
 * soon as anything that decides them changes, wherever it was committed: a session ended or moved to another unit,
 * the account changed or disabled, an agent's binding disabled or removed. These triggers tell every instance, by
 * NOTIFY at commit, the id of the user concerned. Touching a session (last_seen_at) tells no one: the instance that
 * reuses a session checks its idle time itself. SQLite is served by one instance, which forgets on its own.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../dialect';
import { SESSION_CHANGES_CHANNEL } from '../notifications';

const TRIGGERS = [
  { table: 'sessions', events: 'delete or update of user_id, unit_id, csrf_token, expires_at', user: 'user_id' },
  { table: 'users', events: 'delete or update', user: 'id' },
  { table: 'agent_units', events: 'delete or update', user: 'agent_id' },
];

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await knex.raw(`
    create function notify_session_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('${SESSION_CHANGES_CHANNEL}', to_jsonb(old) ->> tg_argv[0]);
      return null;
    end $$`);
  for (const t of TRIGGERS) {
    await knex.raw(
      `create trigger ${t.table}_session_change after ${t.events} on ${t.table} for each row execute function notify_session_change('${t.user}')`,
    );
  }
}

export async function down(knex: Knex, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const t of TRIGGERS) await knex.raw(`drop trigger ${t.table}_session_change on ${t.table}`);
  await knex.raw('drop function notify_session_change()');
}
