/**
 * Accounts: an administrator's invitation of an existing agent account waits here for the agent's
 * consent; a password set by an administrator must be changed at first sign-in; sign-in throttling
 * counters live in `login_limits`, in the layout rate-limiter-flexible expects on both engines.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('agent_invitations', (t) => {
    t.integer('unit_id').notNullable().references('units.id');
    t.integer('agent_id').notNullable().references('users.id');
    // The name as the inviting administrator typed it: the account's own name is not theirs to see until accepted.
    t.string('name', 50).notNullable();
    t.integer('invited_by').notNullable().references('users.id');
    t.string('invited_at', 24).notNullable();
    // One pending invitation per unit and account, whatever the number of administrators clicking.
    t.primary(['unit_id', 'agent_id']);
    t.index(['agent_id']);
  });
  await knex.schema.alterTable('users', (t) => {
    t.boolean('must_change_password').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('login_limits', (t) => {
    t.string('key', 255).primary();
    t.integer('points').notNullable().defaultTo(0);
    // Milliseconds since the epoch; null never expires.
    t.bigInteger('expire');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('login_limits');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('must_change_password');
  });
  await knex.schema.dropTableIfExists('agent_invitations');
}
