/**
 * Each unit's data version: bumped in the same transaction as any change to what the unit's lists show,
 * so a server instance may answer a list from its cache while the version it was computed at is current.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('units', (t) => {
    t.integer('data_version').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('units', (t) => {
    t.dropColumn('data_version');
  });
}
