/**
 * What each dry run keeps in the database, so a unit's pending dry runs can be bounded in bytes as
 * well as in number: the file, the errors and the valid rows.
 */
import type { Knex } from 'knex';
import { byteLength, type Dialect } from '../dialect';

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.schema.alterTable('batch_uploads', (t) => {
    t.integer('stored_bytes').notNullable().defaultTo(0);
  });
  const columns = ['file', 'errors', 'valid_payload'].map((column) => byteLength(dialect, column));
  await knex('batch_uploads').update({ stored_bytes: knex.raw(columns.join(' + ')) });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('batch_uploads', (t) => {
    t.dropColumn('stored_bytes');
  });
}
