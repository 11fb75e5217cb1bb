/** The employee number (工号) an addition may carry: per employment, as each unit numbers its own staff. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('employments', (t) => {
    t.string('employee_number', 20).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('employments', (t) => {
    t.dropColumn('employee_number');
  });
}
