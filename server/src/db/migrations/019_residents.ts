/**
 * Residents in the personal hall: the regional configuration of resident contributions (the standard amount
 * and collection period of each coverage year, the share of it each assisted category pays), the agency's list
 * of assisted persons per coverage year, a payer's family members, and one pending resident registration
 * per person (a partial unique index, so two registrations racing on any number of instances cannot both wait).
 */
import type { Knex } from 'knex';
import type { Dialect } from '../dialect';

const ONE_PENDING = `CREATE UNIQUE INDEX declarations_one_pending_resident ON declarations (id_number)
  WHERE status = 'pending' AND type = 'resident-registration'`;

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  // 'resident-registration' is the first kind longer than the 20 characters the column was made with;
  // SQLite does not enforce a varchar's length.
  if (dialect === 'postgres') await knex.raw('ALTER TABLE declarations ALTER COLUMN type TYPE varchar(40)');
  await knex.schema.createTable('resident_years', (t) => {
    t.integer('year').primary();
    t.integer('standard_fen').notNullable();
    // The collection period (集中缴费期), first and last day inclusive, YYYY-MM-DD in Asia/Shanghai.
    t.string('collection_from', 10).notNullable();
    t.string('collection_to', 10).notNullable();
  });

  await knex.schema.createTable('assisted_categories', (t) => {
    t.string('category', 20).primary();
    // Whole percent of the standard amount the category pays.
    t.integer('percent').notNullable();
  });

  await knex.schema.createTable('assisted_persons', (t) => {
    t.increments('id');
    t.string('id_number', 18).notNullable();
    t.string('name', 50).notNullable();
    t.string('category', 20).notNullable().references('assisted_categories.category');
    t.integer('year').notNullable();
    t.integer('recorded_by').notNullable().references('users.id');
    t.string('recorded_at', 24).notNullable();
    t.unique(['id_number', 'year']);
    t.index(['year', 'recorded_at']);
  });

  await knex.schema.createTable('family_members', (t) => {
    t.increments('id');
    t.integer('payer_person_id').notNullable().references('insured_persons.id');
    t.integer('member_person_id').notNullable().references('insured_persons.id');
    t.string('created_at', 24).notNullable();
    t.unique(['payer_person_id', 'member_person_id']);
  });

  await knex.raw(ONE_PENDING);
}

export async function down(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS declarations_one_pending_resident');
  await knex('declarations').where({ type: 'resident-registration' }).delete();
  if (dialect === 'postgres') await knex.raw('ALTER TABLE declarations ALTER COLUMN type TYPE varchar(20)');
  await knex.schema.dropTableIfExists('family_members');
  await knex.schema.dropTableIfExists('assisted_persons');
  await knex.schema.dropTableIfExists('assisted_categories');
  await knex.schema.dropTableIfExists('resident_years');
}
