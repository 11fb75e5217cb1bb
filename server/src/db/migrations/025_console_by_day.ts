/**
 * The reviewer's console filtered by the day submitted lists oldest or newest by the time submitted, along
 * (status, submitted_at, id): one plan serves a day range that holds no submission and one that holds thousands,
 * reading a page's rows and no more. Its prefix serves everything 001's (status, submitted_at) did.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('declarations', (t) => {
    t.index(['status', 'submitted_at', 'id'], 'declarations_status_submitted_at_id');
    t.dropIndex(['status', 'submitted_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('declarations', (t) => {
    t.index(['status', 'submitted_at']);
    t.dropIndex(['status', 'submitted_at', 'id'], 'declarations_status_submitted_at_id');
  });
}
