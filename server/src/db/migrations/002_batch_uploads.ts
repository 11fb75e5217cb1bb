/**
 * Validated spreadsheet uploads waiting to be submitted: kept in the database (not in a process's
 * memory) so any server instance can serve the annotated download and the submit.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('batch_uploads', (t) => {
    t.string('token', 64).primary();
    t.integer('unit_id').notNullable().references('units.id');
    t.integer('user_id').notNullable().references('users.id');
    t.string('kind', 20).notNullable();
    t.string('file_name', 200).notNullable();
    t.integer('rows').notNullable();
    t.integer('valid_rows').notNullable();
    t.integer('invalid_rows').notNullable();
    /** JSON: the sheet errors, untranslated (code, params, sheet, row, column). */
    t.text('errors').notNullable();
    /** JSON: the valid rows, parsed, with their row numbers. */
    t.text('valid_payload').notNullable();
    /** The uploaded workbook, for the annotated copy. */
    t.binary('file').notNullable();
    t.integer('batch_id').references('batches.id');
    t.string('created_at', 24).notNullable();
    t.index(['unit_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('batch_uploads');
}
