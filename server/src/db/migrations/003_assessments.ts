/** Monthly assessments (缴费核定) and recorded collections, per unit and fee period. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('assessments', (t) => {
    t.integer('unit_id').notNullable().references('units.id');
    t.string('fee_period', 6).notNullable();
    t.string('assessed_at', 24).notNullable();
    /** Null when the hall assessed the current period by itself. */
    t.integer('assessed_by').references('users.id');
    t.primary(['unit_id', 'fee_period']);
  });
  await knex.schema.createTable('collections', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('units.id');
    t.string('fee_period', 6).notNullable();
    t.string('collected_on', 10).notNullable();
    t.string('serial', 40).notNullable();
    t.integer('amount_fen').notNullable();
    t.integer('recorded_by').notNullable().references('users.id');
    t.string('recorded_at', 24).notNullable();
    t.unique(['unit_id', 'fee_period']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('collections');
  await knex.schema.dropTableIfExists('assessments');
}
