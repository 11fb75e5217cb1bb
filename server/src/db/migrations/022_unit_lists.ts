/**
 * City scale (issue 15): every list of a unit walks an index of that unit only, in the list's order.
 *
 * The insured list sorts and searches a unit's persons by name and ID number: an employment carries a
 * copy of its person's identity (never changed after registration), and `latest` marks the unit's latest
 * employment of each person, the one the list shows. A partial unique index keeps it to one per unit and
 * person; a re-employment clears the previous one in its transaction. Partial indexes over the latest
 * employments give each sort and search of the list its own walk of the unit's rows.
 *
 * The queues page a unit's submissions of a status newest first (pending; audited: approved or rejected),
 * the reviewer's console a status's of one unit or all, by the day submitted or not; the audit trail pages
 * a unit's log by time, then id.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../dialect';

const INDEXES = {
  employments_one_latest: 'CREATE UNIQUE INDEX employments_one_latest ON employments (unit_id, person_id) WHERE latest',
  employments_latest_by_name: 'CREATE INDEX employments_latest_by_name ON employments (unit_id, person_name, person_id) WHERE latest',
  employments_latest_by_id_number: 'CREATE INDEX employments_latest_by_id_number ON employments (unit_id, id_number, person_id) WHERE latest',
  employments_latest_by_start_month: 'CREATE INDEX employments_latest_by_start_month ON employments (unit_id, start_month, person_id) WHERE latest',
  declarations_unit_status_id: 'CREATE INDEX declarations_unit_status_id ON declarations (unit_id, status, id)',
  // Two statuses in one id order: an index over both statuses' rows alone.
  declarations_unit_audited_id: "CREATE INDEX declarations_unit_audited_id ON declarations (unit_id, id) WHERE status IN ('approved', 'rejected')",
  // The console's page of a status in id order, filtered by the day submitted inside the index (no heap
  // read per skipped row); it takes the place of 021's (status, id).
  declarations_status_id_submitted_at: 'CREATE INDEX declarations_status_id_submitted_at ON declarations (status, id, submitted_at)',
};

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.schema.alterTable('employments', (t) => {
    t.string('person_name', 50);
    t.string('id_number', 18);
    // Every employment inserted is its unit's latest of the person; the writer clears the previous one.
    t.boolean('latest').notNullable().defaultTo(true);
  });
  // One pass over the employments with their persons (a hash join on PostgreSQL), then the few superseded.
  await knex.raw('UPDATE employments AS e SET person_name = p.name, id_number = p.id_number FROM insured_persons AS p WHERE p.id = e.person_id');
  await knex('employments as e')
    .whereExists((later) =>
      later.from('employments as later').whereRaw('later.unit_id = e.unit_id and later.person_id = e.person_id and later.id > e.id'),
    )
    .update({ latest: false });
  if (dialect === 'postgres') {
    await knex.raw('ALTER TABLE employments ALTER COLUMN person_name SET NOT NULL, ALTER COLUMN id_number SET NOT NULL');
  } else {
    // SQLite rebuilds the table (knex copies its rows and indexes).
    await knex.schema.alterTable('employments', (t) => {
      t.string('person_name', 50).notNullable().alter();
      t.string('id_number', 18).notNullable().alter();
    });
  }
  for (const definition of Object.values(INDEXES)) await knex.raw(definition);
  await knex.schema.alterTable('declarations', (t) => {
    t.dropIndex(['status', 'id'], 'declarations_status_id');
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.index(['unit_id', 'at', 'id'], 'audit_log_unit_at_id');
    // Its prefix serves everything the old index did; left in place, planners may pick it and sort.
    t.dropIndex(['unit_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.index(['unit_id', 'at']);
    t.dropIndex(['unit_id', 'at', 'id'], 'audit_log_unit_at_id');
  });
  await knex.schema.alterTable('declarations', (t) => {
    t.index(['status', 'id'], 'declarations_status_id');
  });
  for (const name of Object.keys(INDEXES)) await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  await knex.schema.alterTable('employments', (t) => {
    t.dropColumn('latest');
    t.dropColumn('id_number');
    t.dropColumn('person_name');
  });
}
