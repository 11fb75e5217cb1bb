/**
 * A person's contact and household data as each unit entered it, kept on the unit's employment: a unit sees
 * the person as during its own employment, never what a later employer typed. The person's row keeps the
 * identity (ID number, name, sex, birth date) and the latest registered data the reviewer compares against.
 */
import type { Knex } from 'knex';

const UNIT_ENTERED = ['ethnicity', 'hukou_type', 'hukou_address', 'mobile', 'contact_address'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('employments', (t) => {
    t.string('ethnicity', 20);
    t.string('hukou_type', 10);
    t.string('hukou_address', 200);
    t.string('mobile', 11);
    t.string('contact_address', 200);
  });
  // Before this migration every unit saw the person's row: the best record of what each unit had.
  await knex('employments').update(
    Object.fromEntries(
      UNIT_ENTERED.map((column) => [column, knex('insured_persons').select(column).whereRaw('insured_persons.id = employments.person_id')]),
    ),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('employments', (t) => {
    for (const column of UNIT_ENTERED) t.dropColumn(column);
  });
}
