/**
 * A person's own payment certificate covers their payment details across units, so it belongs to no unit:
 * `certificates.unit_id` becomes nullable (units only ever read their own, by unit id), and `person_id`
 * gets an index for the person's own.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../dialect';

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await knex.raw('ALTER TABLE certificates ALTER COLUMN unit_id DROP NOT NULL');
  } else {
    // SQLite rebuilds the table (knex copies its rows and indexes).
    await knex.schema.alterTable('certificates', (t) => {
      t.integer('unit_id').nullable().alter();
    });
  }
  await knex.schema.alterTable('certificates', (t) => {
    t.index(['person_id', 'issued_at']);
  });
}

export async function down(knex: Knex, dialect: Dialect): Promise<void> {
  await knex('certificates').whereNull('unit_id').delete();
  await knex.schema.alterTable('certificates', (t) => {
    t.dropIndex(['person_id', 'issued_at']);
  });
  if (dialect === 'postgres') {
    await knex.raw('ALTER TABLE certificates ALTER COLUMN unit_id SET NOT NULL');
  } else {
    await knex.schema.alterTable('certificates', (t) => {
      t.integer('unit_id').notNullable().alter();
    });
  }
}
