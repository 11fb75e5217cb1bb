import type { Knex } from 'knex';
import { escapeLike } from './dialect';

/**
 * Insured persons matching what a user typed in a search box: digits (and X) are the start of an ID
 * number, anything else the start of a name. Prefixes keep the lookups on the indexes at 100,000 persons.
 */
export function personsMatching(db: Knex, typed: string): Knex.QueryBuilder {
  return whereIdNumberOrNameStarts(db('insured_persons').select('id'), typed, 'id_number', 'name');
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
