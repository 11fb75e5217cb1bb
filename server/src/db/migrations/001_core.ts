/**
 * The core schema. Times are ISO-8601 UTC strings (sortable as text on both engines), months are
 * `YYYYMM` fee periods, money is integer fen.
 */
import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly, type Dialect } from '../dialect';

export async function up(knex: Knex, dialect: Dialect): Promise<void> {
  await knex.schema.createTable('units', (t) => {
    t.increments('id');
    t.string('credit_code', 18).notNullable().unique();
    t.string('name', 100).notNullable();
    t.string('unit_number', 20).notNullable().unique();
    t.string('unit_type', 20);
    t.string('industry', 50);
    t.string('economic_type', 50);
    t.string('legal_rep_name', 50);
    t.string('legal_rep_id_number', 18);
    t.string('legal_rep_phone', 20);
    t.string('address', 200);
    t.string('postcode', 6);
    t.string('contact_name', 50);
    t.string('contact_phone', 20);
    t.string('contact_email', 100);
    t.string('registration_date', 10);
    t.string('agency', 100);
    t.string('collection_mode', 20).notNullable().defaultTo('tax');
    t.string('bank_category', 10);
    t.string('bank_branch_code', 20);
    t.string('bank_branch_name', 100);
    t.string('bank_account_name', 100);
    t.string('bank_account_number', 30);
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });

  await knex.schema.createTable('unit_insurance_types', (t) => {
    t.integer('unit_id').notNullable().references('units.id');
    t.string('insurance_type', 3).notNullable();
    t.string('start_month', 6).notNullable();
    t.primary(['unit_id', 'insurance_type']);
  });

  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('role', 16).notNullable();
    // Credit code for a unit administrator, mobile for an agent, username for a reviewer.
    t.string('login', 64).notNullable();
    t.string('name', 50).notNullable();
    t.string('password_hash', 200).notNullable();
    t.boolean('disabled').notNullable().defaultTo(false);
    t.integer('unit_id').references('units.id');
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.unique(['role', 'login']);
  });

  await knex.schema.createTable('agent_units', (t) => {
    t.integer('agent_id').notNullable().references('users.id');
    t.integer('unit_id').notNullable().references('units.id');
    t.boolean('disabled').notNullable().defaultTo(false);
    t.string('bound_at', 24).notNullable();
    t.primary(['agent_id', 'unit_id']);
    t.index(['unit_id']);
  });

  await knex.schema.createTable('sessions', (t) => {
    // SHA-256 of the cookie's token: a copy of the table does not hand out sessions.
    t.string('id', 64).primary();
    t.integer('user_id').notNullable().references('users.id');
    t.integer('unit_id').references('units.id');
    t.string('csrf_token', 64).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('last_seen_at', 24).notNullable();
    t.string('expires_at', 24).notNullable();
    t.index(['user_id']);
  });

  await knex.schema.createTable('login_throttle', (t) => {
    t.string('key', 100).primary();
    t.integer('failures').notNullable();
    t.string('last_failure_at', 24).notNullable();
    t.string('blocked_until', 24);
  });

  await knex.schema.createTable('insured_persons', (t) => {
    t.increments('id');
    t.string('id_type', 2).notNullable().defaultTo('01');
    t.string('id_number', 18).notNullable().unique();
    t.string('name', 50).notNullable();
    t.string('sex', 6).notNullable();
    t.string('birth_date', 10).notNullable();
    t.string('ethnicity', 20);
    t.string('hukou_type', 10);
    t.string('hukou_address', 200);
    t.string('mobile', 11);
    t.string('contact_address', 200);
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.index(['name']);
  });

  // A person's employment with a unit: the declared wage and the facts that do not vary by insurance type.
  await knex.schema.createTable('employments', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('units.id');
    t.integer('person_id').notNullable().references('insured_persons.id');
    t.integer('wage_fen').notNullable();
    t.string('personnel_category', 20).notNullable();
    t.string('employment_form', 20);
    t.string('work_start_date', 10);
    t.string('status', 12).notNullable();
    t.string('start_month', 6).notNullable();
    t.string('end_month', 6);
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.index(['unit_id', 'status']);
    t.index(['person_id']);
  });

  // Coverage of one person by one insurance type; unit_id is null for resident insurance (390).
  await knex.schema.createTable('enrollments', (t) => {
    t.increments('id');
    t.integer('person_id').notNullable().references('insured_persons.id');
    t.integer('unit_id').references('units.id');
    t.string('insurance_type', 3).notNullable();
    t.string('start_month', 6).notNullable();
    t.string('end_month', 6);
    t.string('status', 12).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.index(['unit_id', 'status', 'insurance_type']);
    t.index(['person_id', 'status']);
  });

  await knex.schema.createTable('batches', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('units.id');
    t.string('type', 20).notNullable();
    t.string('file_name', 200);
    t.integer('row_count').notNullable();
    t.integer('submitted_by').notNullable().references('users.id');
    t.string('submitted_at', 24).notNullable();
    t.index(['unit_id']);
  });

  await knex.schema.createTable('declarations', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('units.id');
    t.string('type', 20).notNullable();
    t.string('status', 12).notNullable();
    t.integer('person_id').references('insured_persons.id');
    t.string('id_number', 18);
    t.string('person_name', 50);
    t.text('payload').notNullable();
    t.string('effective_month', 6);
    t.integer('batch_id').references('batches.id');
    t.integer('row_number');
    t.integer('submitted_by').notNullable().references('users.id');
    t.string('submitted_at', 24).notNullable();
    t.integer('reviewed_by').references('users.id');
    t.string('reviewed_at', 24);
    t.string('review_reason', 500);
    t.index(['unit_id', 'status', 'type']);
    t.index(['status', 'submitted_at']);
    t.index(['batch_id']);
    t.index(['id_number']);
  });

  await knex.schema.createTable('contribution_rates', (t) => {
    t.increments('id');
    t.string('insurance_type', 3).notNullable();
    t.string('effective_from', 6).notNullable();
    t.string('effective_to', 6);
    t.integer('unit_rate_bp').notNullable();
    t.integer('person_rate_bp').notNullable();
  });

  // The year's average wage and the contribution base's floor and ceiling derived from it.
  await knex.schema.createTable('contribution_limits', (t) => {
    t.increments('id');
    t.string('effective_from', 6).notNullable();
    t.string('effective_to', 6);
    t.integer('average_wage_fen').notNullable();
    t.integer('floor_fen').notNullable();
    t.integer('ceiling_fen').notNullable();
  });

  await knex.schema.createTable('payment_details', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('units.id');
    t.integer('person_id').notNullable().references('insured_persons.id');
    t.string('insurance_type', 3).notNullable();
    t.string('fee_period', 6).notNullable();
    t.integer('base_fen').notNullable();
    t.integer('unit_rate_bp').notNullable();
    t.integer('person_rate_bp').notNullable();
    t.integer('unit_amount_fen').notNullable();
    t.integer('person_amount_fen').notNullable();
    t.string('paid_at', 10);
    t.string('collection_serial', 40);
    t.string('assessed_at', 24).notNullable();
    t.unique(['unit_id', 'person_id', 'insurance_type', 'fee_period']);
    t.index(['unit_id', 'fee_period']);
    t.index(['person_id', 'fee_period']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.string('at', 24).notNullable();
    t.integer('user_id').references('users.id');
    t.integer('unit_id').references('units.id');
    t.string('action', 40).notNullable();
    t.string('entity_type', 30).notNullable();
    t.string('entity_id', 40);
    t.text('before');
    t.text('after');
    t.string('request_id', 40);
    t.index(['unit_id', 'at']);
  });
  await makeAppendOnly(knex, dialect, 'audit_log');

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.integer('user_id').notNullable().references('users.id');
    t.string('key', 100).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('response_status');
    t.text('response_body');
    t.string('created_at', 24).notNullable();
    t.primary(['user_id', 'key']);
  });

  await knex.schema.createTable('settings', (t) => {
    t.string('key', 50).primary();
    t.string('value', 200).notNullable();
  });
}

export async function down(knex: Knex, dialect: Dialect): Promise<void> {
  await dropAppendOnly(knex, dialect, 'audit_log');
  for (const table of [
    'settings',
    'idempotency_keys',
    'audit_log',
    'payment_details',
    'contribution_limits',
    'contribution_rates',
    'declarations',
    'batches',
    'enrollments',
    'employments',
    'insured_persons',
    'login_throttle',
    'sessions',
    'agent_units',
    'users',
    'unit_insurance_types',
    'units',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
