import type { Knex } from 'knex';
import { escapeLike } from './dialect';

/**
 * The persons a unit employs or employed matching what a user typed in a search box: digits (and X) are
 * the start of an ID number, anything else the start of a name. The unit's employments come first, so a
 * search reads the unit's persons, never the city's (a name like 王 matches 3 % of a million people).
 */
export function unitPersonsMatching(db: Knex, unitId: number, typed: string): Knex.QueryBuilder {
  const employed = db('employments as e').join('insured_persons as p', 'p.id', 'e.person_id').where('e.unit_id', unitId).select('e.person_id');
  return whereIdNumberOrNameStarts(employed, typed, 'p.id_number', 'p.name');
}

/** The same match on any rows that carry an ID number and a name (declarations carry their own). */
export function whereIdNumberOrNameStarts(query: Knex.QueryBuilder, typed: string, idNumberColumn: string, nameColumn: string): Knex.QueryBuilder {
  const q = typed.trim();
  if (/^[0-9Xx]+$/.test(q)) {
    const prefix = q.toUpperCase();
    // ID numbers hold only digits and X, all below 'Z': this range is "starts with".
    return query.where(idNumberColumn, '>=', prefix).andWhere(idNumberColumn, '<', `${prefix}Z`);
  }
  return query.whereRaw("?? like ? escape '\\'", [nameColumn, `${escapeLike(q)}%`]);
}
