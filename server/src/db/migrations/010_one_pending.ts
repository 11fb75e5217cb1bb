/**
 * One pending submission per unit, person and kind, kept by the database: partial unique indexes over
 * the pending rows, so concurrent requests on any number of instances cannot both write one. Additions
 * and reductions share one slot per person (a reduction waits for a pending addition to be decided);
 * each kind of change has its own, per person for a household registration, per unit otherwise.
 *
 * And idempotency keys per user and unit: an agent acting for two units must not be answered in one
 * with what a key did in the other.
 */
import type { Knex } from 'knex';

const PERSON_DECLARATIONS = "type IN ('addition', 'reduction')";

const INDEXES = {
  declarations_one_pending_person: `(unit_id, id_number) WHERE status = 'pending' AND ${PERSON_DECLARATIONS}`,
  // A change of the unit's own records has no person: 0 stands for "the unit" (NULLs never collide).
  declarations_one_pending_change: `(unit_id, type, coalesce(person_id, 0)) WHERE status = 'pending' AND NOT ${PERSON_DECLARATIONS}`,
};

export async function up(knex: Knex): Promise<void> {
  await refuseDuplicates(knex);
  for (const [name, definition] of Object.entries(INDEXES)) await knex.raw(`CREATE UNIQUE INDEX ${name} ON declarations ${definition}`);

  // SQLite cannot change a primary key in place: a new table takes the old one's place.
  await createIdempotencyKeys(knex, 'idempotency_keys_by_unit', true);
  // Selected in the new table's column order. A unit administrator's keys keep working; an agent's unit
  // was the session's, so an agent's keys lapse (they last a day).
  await knex('idempotency_keys_by_unit').insert(
    knex('idempotency_keys as k')
      .join('users as u', 'u.id', 'k.user_id')
      .whereNotNull('u.unit_id')
      .select('k.user_id', 'u.unit_id', 'k.key', 'k.request_hash', 'k.response_status', 'k.response_body', 'k.created_at'),
  );
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.renameTable('idempotency_keys_by_unit', 'idempotency_keys');
}

export async function down(knex: Knex): Promise<void> {
  for (const name of Object.keys(INDEXES)) await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  // Keys last a day; going back forgets them rather than choosing between one user's units.
  await knex.schema.dropTable('idempotency_keys');
  await createIdempotencyKeys(knex, 'idempotency_keys', false);
}

async function createIdempotencyKeys(knex: Knex, table: string, perUnit: boolean): Promise<void> {
  await knex.schema.createTable(table, (t) => {
    t.integer('user_id').notNullable().references('users.id');
    // 0 for a reviewer, who acts for no unit.
    if (perUnit) t.integer('unit_id').notNullable();
    t.string('key', 100).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('response_status');
    t.text('response_body');
    t.string('created_at', 24).notNullable();
    t.primary(perUnit ? ['user_id', 'unit_id', 'key'] : ['user_id', 'key']);
  });
}

/**
 * Pending duplicates written before this rule are not ours to choose between: which one the unit meant
 * is a decision for a reviewer (reject) or the unit (withdraw). The migration stops and names them.
 */
async function refuseDuplicates(knex: Knex): Promise<void> {
  const duplicates = await knex('declarations as d')
    .where('d.status', 'pending')
    .whereExists((q) =>
      q
        .from('declarations as earlier')
        .where('earlier.status', 'pending')
        .whereRaw('earlier.unit_id = d.unit_id')
        .whereRaw('earlier.id < d.id')
        .whereRaw(
          `CASE WHEN d.${PERSON_DECLARATIONS}
             THEN earlier.${PERSON_DECLARATIONS} AND earlier.id_number = d.id_number
             ELSE earlier.type = d.type AND coalesce(earlier.person_id, 0) = coalesce(d.person_id, 0) END`,
        ),
    )
    .orderBy('d.id')
    .pluck('d.id');
  if (duplicates.length > 0) {
    throw new Error(
      `010_one_pending: ${duplicates.length} pending declarations duplicate an earlier pending one of the same unit, person and kind ` +
        `(declaration ids ${duplicates.join(', ')}). Withdraw or reject them, then run the migrations again.`,
    );
  }
}
