/**
 * City scale (issue 15): a unit's payment periods. Aggregating them from the details reads every detail
 * of the unit (1.2 million rows for a unit of 100,000 persons over a year), so each writer of details
 * keeps a summary per unit, period and insurance type (how many details, the amounts due and paid per
 * side) and per unit and period (how many distinct persons: a person has a detail per type). Amounts of a
 * whole unit's month pass a 32-bit integer: bigint.
 */
import type { Knex } from 'knex';
import { refreshPeriodTotals } from '../../payments/period-totals.store';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('unit_period_totals', (t) => {
    t.integer('unit_id').notNullable().references('units.id');
    t.string('fee_period', 6).notNullable();
    t.string('insurance_type', 3).notNullable();
    t.integer('details').notNullable();
    for (const column of ['unit_amount_fen', 'person_amount_fen', 'unit_paid_fen', 'person_paid_fen']) t.bigInteger(column).notNullable();
    t.primary(['unit_id', 'fee_period', 'insurance_type']);
  });
  await knex.schema.createTable('unit_period_persons', (t) => {
    t.integer('unit_id').notNullable().references('units.id');
    t.string('fee_period', 6).notNullable();
    t.integer('persons').notNullable();
    t.primary(['unit_id', 'fee_period']);
  });
  await refreshPeriodTotals(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('unit_period_persons');
  await knex.schema.dropTable('unit_period_totals');
}
