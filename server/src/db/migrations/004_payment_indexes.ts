/**
 * Indexes for the payment lists at 100,000 insured persons: the period/type order is the order lists
 * and exports read in, so paging and keyset reads walk the index instead of sorting.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('payment_details', (t) => {
    t.index(['unit_id', 'fee_period', 'insurance_type', 'id'], 'payment_details_unit_period_type_id');
    // Its prefix covers everything the old index served; left in place, planners keep choosing it and sort.
    t.dropIndex(['unit_id', 'fee_period']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('payment_details', (t) => {
    t.index(['unit_id', 'fee_period']);
    t.dropIndex(['unit_id', 'fee_period', 'insurance_type', 'id'], 'payment_details_unit_period_type_id');
  });
}
