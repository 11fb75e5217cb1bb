/**
 * Indexes for the unit's audit trail filtered by user or by action: each keeps the (unit, time) order the
 * list and its export read in, so a filtered page walks an index instead of sorting the unit's whole log.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.index(['unit_id', 'user_id', 'at'], 'audit_log_unit_user_at');
    t.index(['unit_id', 'action', 'at'], 'audit_log_unit_action_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropIndex(['unit_id', 'user_id', 'at'], 'audit_log_unit_user_at');
    t.dropIndex(['unit_id', 'action', 'at'], 'audit_log_unit_action_at');
  });
}
