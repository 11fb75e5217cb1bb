/**
 * A unit's data version says when what its lists show last changed. Every change bumps it in the same
 * transaction (the audit log records the unit's own changes; a person's identity never changes and
 * their contact and household data are kept per unit, so one unit's change never shows in another's
 * lists), so any server instance can tell a cached list from a stale one with one primary-key read.
 */
import type { Knex } from 'knex';
import { UnitStore } from '../unit/unit.store';

/** Marks the units' lists as changed; their cached pages are stale from this transaction's commit on. */
export async function unitsChanged(db: Knex, unitIds: Iterable<number | null | undefined>): Promise<void> {
  // One order for every writer, so two transactions never wait on each other's units crosswise.
  const ids = [...new Set([...unitIds].filter((id): id is number => typeof id === 'number'))].sort((a, b) => a - b);
  await new UnitStore(db).bumpDataVersions(ids);
}

export function unitDataVersion(db: Knex, unitId: number): Promise<number | null> {
  return new UnitStore(db).dataVersion(unitId);
}
