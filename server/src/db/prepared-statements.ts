/**
 * PostgreSQL parses, analyses and plans an unnamed statement anew on every execution; a hall request sends
 * the same few statements (its session, the list's page and count) thousands of times a minute, and at city
 * scale parsing and planning them was most of the database's CPU per request. Each connection therefore
 * prepares every parameterised statement once, named after its text: later executions skip parse and
 * analysis, and PostgreSQL keeps a generic plan once it costs no more than the plans for the parameters it
 * has seen (plan_cache_mode auto). That holds for the lists because each of their shapes has an index that
 * walks one unit's rows in the list's order, whatever the unit's size: the plan is that walk for a unit of
 * 20 persons and for one of 100,000 (docs/plans.md).
 */
import { createHash } from 'node:crypto';

/** Statements each connection keeps prepared; the rare shapes past this (IN lists of every length) stay unnamed. */
export const PREPARED_PER_CONNECTION = 500;

/** What pg's `Client#query` is given: a text with values, or something else (a COPY stream, a bare string). */
interface QueryConfig {
  text?: unknown;
  values?: unknown;
  name?: unknown;
  submit?: unknown;
}

interface QueryingConnection {
  query: (config: unknown, ...rest: unknown[]) => unknown;
}

const statementName = (text: string) => `uh_${createHash('sha1').update(text).digest('base64url')}`;

/**
 * Names the connection's parameterised statements (knex sends every query as `{ text, values }`), up to
 * PREPARED_PER_CONNECTION distinct texts. Statements without values (migrations, several commands in one,
 * transaction control) and COPY streams go through as they came.
 */
export function prepareStatementsOn(connection: QueryingConnection): void {
  const query = connection.query.bind(connection);
  const names = new Map<string, string>();
  connection.query = (config: unknown, ...rest: unknown[]) => {
    const c = config as QueryConfig | null;
    if (
      c !== null &&
      typeof c === 'object' &&
      c.name === undefined &&
      c.submit === undefined &&
      typeof c.text === 'string' &&
      Array.isArray(c.values) &&
      c.values.length > 0
    ) {
      let name = names.get(c.text);
      if (name === undefined && names.size < PREPARED_PER_CONNECTION) names.set(c.text, (name = statementName(c.text)));
      if (name !== undefined) return query({ ...c, name }, ...rest);
    }
    return query(config, ...rest);
  };
}
