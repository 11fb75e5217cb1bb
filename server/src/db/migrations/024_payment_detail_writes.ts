/**
 * City scale (issue 15): the monthly assessment writes some 3,000,000 payment details for a city's units in
 * one run, and what it costs is the work each row brings beside itself.
 *
 * - The index by person and period went: a person's own details (the personal hall, a certificate across
 *   units) are read through the units that employed the person, each a walk of the unique index's
 *   (unit, person) prefix, so the index was a fifth of every insert's work for reads that have another way.
 * - On PostgreSQL the foreign keys to units and insured persons went too: checked per row by triggers, they
 *   were 28 % of an assessment's insert. A detail is only ever derived from an enrollment within an
 *   employment, whose own foreign keys name the same unit and person, and neither units nor persons are
 *   deleted. SQLite keeps them (a hall of one unit's size, where they cost nothing noticeable).
 */
import type { Knex } from 'knex';
import type { Dialect } from '../dialect';

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.schema.alterTable('payment_details', (t) => {
    t.dropIndex(['person_id', 'fee_period']);
    if (dialect === 'postgres') {
      t.dropForeign(['unit_id']);
      t.dropForeign(['person_id']);
    }
  });
}

export async function down(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.schema.alterTable('payment_details', (t) => {
    t.index(['person_id', 'fee_period']);
    if (dialect === 'postgres') {
      t.foreign('unit_id').references('units.id');
      t.foreign('person_id').references('insured_persons.id');
    }
  });
}
