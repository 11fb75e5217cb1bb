/**
 * The annual contribution base declaration (年度缴费基数申报): its rules with effective months, the
 * contribution bases people are assessed on from a month, the record that a year's window closed with
 * the undeclared keeping their base (once per unit and year), and one pending declaration per person
 * and contribution year.
 */
import type { Knex } from 'knex';

const PERSON_DECLARATIONS = "type IN ('addition', 'reduction')";
const BASE_DECLARATION = "type = 'base-declaration'";

export async function up(knex: Knex): Promise<void> {
  // Regional configuration, like the rates: the rule in force for a contribution year is the one whose
  // months cover the year's first month. The window is counted from that month: demo July 1 – August 31
  // for a year from July to June is opens (0, 1), closes (1, 31); a day past the month's end is its last.
  await knex.schema.createTable('base_declaration_rules', (t) => {
    t.increments('id');
    t.string('effective_from', 6).notNullable();
    t.string('effective_to', 6);
    /** 1–12: the contribution year runs twelve months from this month. */
    t.integer('year_starts_month').notNullable();
    t.integer('window_opens_month_offset').notNullable();
    t.integer('window_opens_day').notNullable();
    t.integer('window_closes_month_offset').notNullable();
    t.integer('window_closes_day').notNullable();
    /** What becomes of a person not declared by the window's end; `keep`: the previous base goes on. */
    t.string('carry_over', 12).notNullable();
  });

  await knex.schema.createTable('contribution_bases', (t) => {
    t.integer('unit_id').notNullable().references('units.id');
    t.integer('person_id').notNullable().references('insured_persons.id');
    /** In force from this month until the person's next base. */
    t.string('from_month', 6).notNullable();
    t.integer('wage_fen').notNullable();
    t.integer('base_fen').notNullable();
    t.integer('declaration_id').notNullable().references('declarations.id');
    t.string('created_at', 24).notNullable();
    t.primary(['unit_id', 'person_id', 'from_month']);
    t.index(['unit_id', 'from_month']);
  });

  await knex.schema.createTable('base_carry_overs', (t) => {
    t.integer('unit_id').notNullable().references('units.id');
    t.string('first_month', 6).notNullable();
    t.integer('persons').notNullable();
    t.string('recorded_at', 24).notNullable();
    t.primary(['unit_id', 'first_month']);
  });

  // The changes' index took every kind but additions and reductions; a base declaration is a person's
  // for a contribution year (its effective month), several per unit at once.
  await knex.raw('DROP INDEX declarations_one_pending_change');
  await knex.raw(
    `CREATE UNIQUE INDEX declarations_one_pending_change ON declarations (unit_id, type, coalesce(person_id, 0))
     WHERE status = 'pending' AND NOT ${PERSON_DECLARATIONS} AND NOT ${BASE_DECLARATION}`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX declarations_one_pending_base ON declarations (unit_id, id_number, effective_month)
     WHERE status = 'pending' AND ${BASE_DECLARATION}`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('declarations').where({ type: 'base-declaration' }).delete();
  await knex.raw('DROP INDEX IF EXISTS declarations_one_pending_base');
  await knex.raw('DROP INDEX declarations_one_pending_change');
  await knex.raw(
    `CREATE UNIQUE INDEX declarations_one_pending_change ON declarations (unit_id, type, coalesce(person_id, 0))
     WHERE status = 'pending' AND NOT ${PERSON_DECLARATIONS}`,
  );
  await knex.schema.dropTableIfExists('base_carry_overs');
  await knex.schema.dropTableIfExists('contribution_bases');
  await knex.schema.dropTableIfExists('base_declaration_rules');
}
