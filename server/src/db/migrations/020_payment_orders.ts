/**
 * Payment orders of the personal hall and the payment channel's notifications. The database keeps the rules
 * that races would break: one open order per insured person and year, one paid order per person and year,
 * one payment record per person and year, and each notification handled once (its id is unique: the handler
 * inserts it first and acts only if the insert took, in the order's transaction).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('payment_orders', (t) => {
    t.increments('id');
    t.string('order_no', 32).notNullable().unique();
    t.integer('payer_person_id').notNullable().references('insured_persons.id');
    t.integer('person_id').notNullable().references('insured_persons.id');
    t.integer('year').notNullable();
    t.string('mode', 10).notNullable();
    // Frozen from the quote when the order is made: the payer never sends an amount.
    t.integer('standard_fen').notNullable();
    t.integer('amount_fen').notNullable();
    t.string('assisted_category', 30);
    t.string('benefit_start', 10).notNullable();
    t.integer('waiting_months').notNullable();
    t.boolean('in_collection_period').notNullable();
    /** The resident registration's region when the order was made, for the agency's views. */
    t.string('region', 12);
    t.string('status', 10).notNullable();
    t.string('pay_url', 500);
    t.string('created_at', 24).notNullable();
    t.string('expires_at', 24).notNullable();
    /** When the channel took the money (its time, not the notification's arrival). */
    t.string('paid_at', 24);
    /** The Shanghai day of paid_at: what a day's reconciliation compares. */
    t.string('paid_on', 10);
    t.string('closed_at', 24);
    t.string('transaction_id', 64);
    /** The electronic payment receipt's verification code, issued on first print. */
    t.string('receipt_code', 19).unique();
    t.index(['payer_person_id', 'id']);
    t.index(['paid_on']);
    t.index(['year', 'status']);
  });
  await knex.raw(`CREATE UNIQUE INDEX payment_orders_one_open ON payment_orders (person_id, year) WHERE status IN ('created', 'paying')`);
  await knex.raw(`CREATE UNIQUE INDEX payment_orders_one_paid ON payment_orders (person_id, year) WHERE status = 'paid'`);
  await knex.raw(`CREATE INDEX payment_orders_expiring ON payment_orders (expires_at) WHERE status IN ('created', 'paying')`);

  // The person's resident (390) contribution for a year, made by a paid order.
  await knex.schema.createTable('resident_payments', (t) => {
    t.increments('id');
    t.integer('person_id').notNullable().references('insured_persons.id');
    t.integer('year').notNullable();
    t.integer('order_id').notNullable().unique().references('payment_orders.id');
    t.integer('amount_fen').notNullable();
    t.string('paid_at', 24).notNullable();
    t.string('benefit_start', 10).notNullable();
    t.unique(['person_id', 'year']);
  });

  await knex.schema.createTable('payment_notifications', (t) => {
    t.increments('id');
    t.string('notification_id', 64).notNullable().unique();
    t.string('order_no', 64).notNullable();
    t.string('event', 10).notNullable();
    t.string('transaction_id', 64);
    t.integer('amount_fen').notNullable();
    t.string('event_at', 24).notNullable();
    t.string('received_at', 24).notNullable();
    /** What the hall did with it: paid, failed, or why nothing (order closed, already final, amount differs, unknown order). */
    t.string('outcome', 20).notNullable();
    t.index(['order_no']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('payment_notifications');
  await knex.schema.dropTableIfExists('resident_payments');
  await knex.schema.dropTableIfExists('payment_orders');
}
