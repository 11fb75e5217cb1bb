import type { Knex } from 'knex';
import { escapeLike } from './dialect';

/**
 * Insured persons matching what a user typed in a search box: digits (and X) are the start of an ID
 * number, anything else the start of a name. Prefixes keep the lookups on the indexes at 100,000 persons.
 */
export function personsMatching(db: Knex, typed: string): Knex.QueryBuilder {
  const q = typed.trim();
  const persons = db('insured_persons').select('id');
  if (/^[0-9Xx]+$/.test(q)) {
    const prefix = q.toUpperCase();
    // ID numbers hold only digits and X, all below 'Z': this range is "starts with".
    return persons.where('id_number', '>=', prefix).andWhere('id_number', '<', `${prefix}Z`);
  }
  return persons.whereRaw("name like ? escape '\\'", [`${escapeLike(q)}%`]);
}
