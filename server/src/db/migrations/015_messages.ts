/**
 * Messages to a unit's users and their read state, and corrections of rejected submissions.
 *
 * A message belongs to its unit and is stored as a kind and JSON parameters, worded by the client. One
 * that must exist once per unit and occasion (a deadline's reminder for a period) carries `once_key`; the
 * unique index makes a second writer, on any instance, write nothing. Read state is per user.
 *
 * A submission that corrects a rejected one names it in `corrects_id`; the partial unique index lets each
 * rejected submission be corrected once (a withdrawn correction gives the to-do back).
 */
import type { Knex } from 'knex';

const ONE_CORRECTION = `CREATE UNIQUE INDEX declarations_one_correction ON declarations (corrects_id) WHERE corrects_id IS NOT NULL AND status <> 'withdrawn'`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('messages', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('units.id');
    t.string('kind', 30).notNullable();
    t.text('params').notNullable();
    t.string('once_key', 60);
    t.string('created_at', 24).notNullable();
    // Unit lists newest first; NULL keys never collide.
    t.index(['unit_id', 'id']);
    t.unique(['unit_id', 'once_key']);
  });
  await knex.schema.createTable('message_reads', (t) => {
    t.integer('message_id').notNullable().references('messages.id');
    t.integer('user_id').notNullable().references('users.id');
    t.string('read_at', 24).notNullable();
    t.primary(['user_id', 'message_id']);
  });
  await knex.schema.alterTable('declarations', (t) => {
    t.integer('corrects_id').references('declarations.id');
  });
  await knex.raw(ONE_CORRECTION);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS declarations_one_correction');
  await knex.schema.alterTable('declarations', (t) => {
    t.dropColumn('corrects_id');
  });
  await knex.schema.dropTableIfExists('message_reads');
  await knex.schema.dropTableIfExists('messages');
}
