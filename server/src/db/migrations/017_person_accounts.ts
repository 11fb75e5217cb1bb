/**
 * The personal hall's accounts: a user with role `person` signs in with their ID number and is tied to one
 * insured person. The unique index makes one account per person, whatever two registrations race.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.integer('person_id').nullable().references('insured_persons.id');
    t.string('mobile', 11).nullable();
    t.unique(['person_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropUnique(['person_id']);
    t.dropColumn('person_id');
    t.dropColumn('mobile');
  });
}
