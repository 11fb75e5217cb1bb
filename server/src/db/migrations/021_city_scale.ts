/**
 * City scale (issue 15). A collection's amount is what a whole unit paid for a month: a unit of 100,000
 * persons pays some 150 million yuan, 1.5 × 10^10 fen, past a 32-bit integer; PostgreSQL's column becomes
 * a bigint (SQLite's integers are 64-bit already).
 */
import type { Knex } from 'knex';
import type { Dialect } from '../dialect';

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await knex.raw('ALTER TABLE collections ALTER COLUMN amount_fen TYPE bigint');
}

export async function down(knex: Knex, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await knex.raw('ALTER TABLE collections ALTER COLUMN amount_fen TYPE integer');
}
