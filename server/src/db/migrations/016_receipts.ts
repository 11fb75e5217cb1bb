/**
 * The codes of receipts (回执): one per submission or per batch, issued when the receipt is first printed. The
 * unique indexes make two prints at once share one code.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('receipts', (t) => {
    t.increments('id');
    t.string('code', 19).notNullable().unique();
    t.integer('unit_id').notNullable().references('units.id');
    t.integer('submission_id').nullable().unique().references('declarations.id');
    t.integer('batch_id').nullable().unique().references('batches.id');
    t.string('issued_at', 24).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('receipts');
}
