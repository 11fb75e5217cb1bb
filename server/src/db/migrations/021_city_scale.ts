/**
 * City scale (issue 15). The reviewer's console pages every unit's submissions of a status in id order,
 * filtered by kind or not: an index per shape walks to the page instead of sorting a city's submissions.
 * A collection's amount is what a whole unit paid for a month: a unit of 100,000
 * persons pays some 150 million yuan, 1.5 × 10^10 fen, past a 32-bit integer; PostgreSQL's column becomes
 * a bigint (SQLite's integers are 64-bit already).
 */
import type { Knex } from 'knex';
import type { Dialect } from '../dialect';

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await knex.raw('ALTER TABLE collections ALTER COLUMN amount_fen TYPE bigint');
  await knex.schema.alterTable('declarations', (t) => {
    t.index(['status', 'id'], 'declarations_status_id');
    t.index(['status', 'type', 'id'], 'declarations_status_type_id');
  });
}

export async function down(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.schema.alterTable('declarations', (t) => {
    t.dropIndex(['status', 'type', 'id'], 'declarations_status_type_id');
    t.dropIndex(['status', 'id'], 'declarations_status_id');
  });
  if (dialect === 'postgres') await knex.raw('ALTER TABLE collections ALTER COLUMN amount_fen TYPE integer');
}
