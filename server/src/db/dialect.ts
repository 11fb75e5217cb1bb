/**
 * Everything that differs between the embedded SQLite and PostgreSQL lives here; stores and
 * migrations call these helpers instead of testing the dialect themselves.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  dialect: Dialect;
  config: Knex.Config;
}

// COUNT and SUM come back from PostgreSQL as int8/numeric strings; our sums of fen stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

/** Pragmas every SQLite connection gets: WAL for concurrent readers, enforced foreign keys, waits instead of SQLITE_BUSY. */
const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA foreign_keys = ON',
  'PRAGMA busy_timeout = 5000',
  'PRAGMA synchronous = NORMAL',
];

/** `sqlite:/path/file.sqlite` (or a bare path) selects SQLite; `postgres://…?schema=name` selects PostgreSQL in that schema. */
export function databaseTarget(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return {
      dialect: 'postgres',
      config: {
        client: 'pg',
        connection: parsed.toString(),
        searchPath: schema ? [schema] : undefined,
        pool: { min: 0, max: 10 },
      },
    };
  }
  const filename = url.replace(/^sqlite:/, '');
  if (filename !== ':memory:') mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  return {
    dialect: 'sqlite',
    config: {
      client: 'sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      // One connection: SQLite allows one writer, and a single connection keeps transactions serialised.
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) =>
          conn.exec(SQLITE_PRAGMAS.join(';'), (err) => done(err, conn)),
      },
    },
  };
}

/** SQLite hands booleans back as 0/1. */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

/**
 * Rows per keyset page of an export. Small enough that a page is written before a young generation
 * promotes it (on either thread), large enough that a filtered export is not slowed by many queries.
 */
export const EXPORT_PAGE_ROWS = 500;

/** SQLite's default limit of bound variables makes large multi-row inserts fail; chunk by this many rows. */
export const INSERT_CHUNK_ROWS = 200;

/** IN lists are bound variables too: lookups by a list of keys go in chunks of this many. */
export const IN_LIST_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Rejects UPDATE and DELETE on a table, so the audit log is append-only for the application itself. */
export async function makeAppendOnly(knex: Knex, dialect: Dialect, table: string): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await knex.raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      );
    }
    return;
  }
  await knex.raw(`CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '${table} is append-only'; END; $$ LANGUAGE plpgsql`);
  await knex.raw(
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
  );
}

export async function dropAppendOnly(knex: Knex, dialect: Dialect, table: string): Promise<void> {
  if (dialect === 'sqlite') {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_update`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_delete`);
    return;
  }
  await knex.raw(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`);
  await knex.raw(`DROP FUNCTION IF EXISTS ${table}_append_only()`);
}

/** Escapes LIKE wildcards in user input; queries use `escape '\'`, which both engines accept. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * Keeps the query planner's statistics current. SQLite has no autovacuum daemon to do it: without
 * them, a search for a few people walks a whole unit's payment details in index order.
 */
export async function refreshStatistics(knex: Knex, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await knex.raw('PRAGMA analysis_limit = 1000');
    await knex.raw('PRAGMA optimize = 0x10002');
  } else {
    await knex.raw('ANALYZE');
  }
}

/** The application's tables, without knex's own bookkeeping. */
export async function tableNames(knex: Knex, dialect: Dialect): Promise<string[]> {
  const names: string[] =
    dialect === 'sqlite'
      ? await knex('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').pluck('name')
      : await knex('information_schema.tables').whereRaw('table_schema = current_schema()').pluck('table_name');
  return names.filter((name) => !name.startsWith('knex_')).sort();
}
