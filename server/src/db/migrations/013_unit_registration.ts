/**
 * Unit registration. A registration is a submission (`declarations`, kind `unit-registration`) that
 * belongs to no unit and no user until it is approved, so both columns become nullable. Its slot: one
 * pending registration per credit code, kept by a partial unique index over `registering_credit_code`
 * (null for every other kind, and for a registration answered as a duplicate, which holds no slot).
 * What the submission must not show stays in `unit_registrations`: the administrator's password hash and
 * the hash of the status code. The CAPTCHAs handed out wait in `registration_captchas` until answered
 * once: deleting the row is what uses one, so a second answer finds nothing, on any instance.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../dialect';

const ONE_PENDING = `CREATE UNIQUE INDEX declarations_one_pending_registration ON declarations (registering_credit_code)
  WHERE status = 'pending' AND type = 'unit-registration'`;

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.schema.alterTable('declarations', (t) => {
    t.string('registering_credit_code', 18);
  });
  if (dialect === 'postgres') {
    await knex.raw('ALTER TABLE declarations ALTER COLUMN unit_id DROP NOT NULL, ALTER COLUMN submitted_by DROP NOT NULL');
  } else {
    // SQLite rebuilds the table (knex copies its rows and indexes, the partial ones included).
    await knex.schema.alterTable('declarations', (t) => {
      t.integer('unit_id').nullable().alter();
      t.integer('submitted_by').nullable().alter();
    });
  }
  await knex.raw(ONE_PENDING);

  await knex.schema.createTable('unit_registrations', (t) => {
    t.integer('declaration_id').primary().references('declarations.id');
    t.string('credit_code', 18).notNullable();
    // SHA-256 of credit code and status code: the pair the public status page is asked with.
    t.string('status_code_hash', 64).notNullable().unique();
    t.string('password_hash', 200).notNullable();
  });

  await knex.schema.createTable('registration_captchas', (t) => {
    // SHA-256 of the token handed to the browser.
    t.string('token_hash', 64).primary();
    t.string('answer_hash', 64).notNullable();
    t.string('expires_at', 24).notNullable();
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.schema.dropTableIfExists('registration_captchas');
  await knex.schema.dropTableIfExists('unit_registrations');
  await knex.raw('DROP INDEX IF EXISTS declarations_one_pending_registration');
  await knex('declarations').where({ type: 'unit-registration' }).delete();
  if (dialect === 'postgres') {
    await knex.raw('ALTER TABLE declarations ALTER COLUMN unit_id SET NOT NULL, ALTER COLUMN submitted_by SET NOT NULL');
  } else {
    await knex.schema.alterTable('declarations', (t) => {
      t.integer('unit_id').notNullable().alter();
      t.integer('submitted_by').notNullable().alter();
    });
  }
  await knex.schema.alterTable('declarations', (t) => {
    t.dropColumn('registering_credit_code');
  });
}
