/**
 * A unit's data version says when what its lists show last changed. Every change bumps it in the same
 * transaction (the audit log records the unit's own changes; a person's details also show in every
 * unit that employed them), so any server instance can tell a cached list from a stale one with one
 * primary-key read.
 */
import type { Knex } from 'knex';
import { chunks, IN_LIST_CHUNK } from '../db/dialect';

/** Marks the units' lists as changed; their cached pages are stale from this transaction's commit on. */
export async function unitsChanged(db: Knex, unitIds: Iterable<number | null | undefined>): Promise<void> {
  // One order for every writer, so two transactions never wait on each other's units crosswise.
  const ids = [...new Set([...unitIds].filter((id): id is number => typeof id === 'number'))].sort((a, b) => a - b);
  for (const chunk of chunks(ids, IN_LIST_CHUNK)) await db('units').whereIn('id', chunk).increment('data_version', 1);
}

/** A person's name, ID or contact shows in the lists of every unit that has employed them. */
export async function personsChanged(db: Knex, personIds: readonly number[]): Promise<void> {
  const unitIds: number[] = [];
  for (const chunk of chunks([...new Set(personIds)], IN_LIST_CHUNK)) {
    const rows = await db('employments').whereIn('person_id', chunk).distinct('unit_id');
    unitIds.push(...rows.map((r: { unit_id: number }) => r.unit_id));
  }
  await unitsChanged(db, unitIds);
}

export async function unitDataVersion(db: Knex, unitId: number): Promise<number | null> {
  const row = await db('units').where('id', unitId).first('data_version');
  return row ? Number(row.data_version) : null;
}
