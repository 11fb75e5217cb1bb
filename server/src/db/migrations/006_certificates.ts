/** Payment certificates (缴费证明): what was certified, for whom and by whom; the code lets anyone check one. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('certificates', (t) => {
    t.increments('id');
    t.string('code', 19).notNullable().unique();
    t.integer('unit_id').notNullable().references('units.id');
    t.integer('person_id').notNullable().references('insured_persons.id');
    t.string('from_period', 6).notNullable();
    t.string('to_period', 6).notNullable();
    t.integer('months').notNullable();
    t.integer('issued_by').notNullable().references('users.id');
    t.string('issued_at', 24).notNullable();
    t.index(['unit_id', 'issued_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('certificates');
}
