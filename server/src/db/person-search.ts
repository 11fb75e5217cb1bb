import type { Knex } from 'knex';

/**
 * The persons a unit employs or employed matching what a user typed in a search box: digits (and X) are
 * the start of an ID number, anything else the start of a name. It reads the identity copied onto the
 * unit's latest employment of each person (one per person, migration 022_unit_lists), so a search walks
 * the unit's own index entries, never the city's persons (a name like 王 matches 3 % of a million people).
 */
export function unitPersonsMatching(db: Knex, unitId: number, typed: string): Knex.QueryBuilder {
  const employed = db('employments as e').where('e.unit_id', unitId).whereRaw('e.latest').select('e.person_id');
  return whereIdNumberOrNameStarts(employed, typed, 'e.id_number', 'e.person_name');
}

/**
 * Above every character a name holds (U+10FFFF, the last code point): the names that start with a prefix
 * are those from the prefix up to the prefix followed by it. Both engines compare texts by code point
 * (SQLite's binary collation, PostgreSQL's C.UTF-8), so the range is "starts with" on both, and unlike
 * `like 'x%'` a btree index walks it under any collation.
 */
const ABOVE_EVERY_CHARACTER = '\u{10FFFF}';

/** The same match on any rows that carry an ID number and a name (declarations carry their own). */
export function whereIdNumberOrNameStarts(query: Knex.QueryBuilder, typed: string, idNumberColumn: string, nameColumn: string): Knex.QueryBuilder {
  const q = typed.trim();
  if (/^[0-9Xx]+$/.test(q)) {
    const prefix = q.toUpperCase();
    // ID numbers hold only digits and X, all below 'Z': this range is "starts with".
    return query.where(idNumberColumn, '>=', prefix).andWhere(idNumberColumn, '<', `${prefix}Z`);
  }
  return query.where(nameColumn, '>=', q).andWhere(nameColumn, '<', q + ABOVE_EVERY_CHARACTER);
}
