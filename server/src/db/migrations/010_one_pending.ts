/**
 * One pending submission per unit, person and kind, kept by the database: partial unique indexes over
 * the pending rows, so concurrent requests on any number of instances cannot both write one. Additions
 * and reductions share one slot per person (a reduction waits for a pending addition to be decided);
 * each kind of change has its own, per person for a household registration, per unit otherwise.
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
}

export async function down(knex: Knex): Promise<void> {
  for (const name of Object.keys(INDEXES)) await knex.raw(`DROP INDEX IF EXISTS ${name}`);
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
