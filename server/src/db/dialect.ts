/**
 * Everything that differs between the embedded SQLite and PostgreSQL lives here; stores and
 * migrations call these helpers instead of testing the dialect themselves.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { prepareStatementsOn } from './prepared-statements';
import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  dialect: Dialect;
  config: Knex.Config;
  /** The pool of list pages (Database.pages), when it differs from `config`'s. */
  pagesConfig?: Knex.Config;
}

/** pg, loaded when a PostgreSQL database is opened (a SQLite hall never needs it), with our type parsers set. */
function loadPg(): void {
  const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
  // COUNT and SUM come back from PostgreSQL as int8/numeric strings; our sums of fen stay far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));
}

/** Pragmas every SQLite connection gets: WAL for concurrent readers, enforced foreign keys, waits instead of SQLITE_BUSY. */
const SQLITE_PRAGMAS = ['PRAGMA journal_mode = WAL', 'PRAGMA foreign_keys = ON', 'PRAGMA busy_timeout = 5000', 'PRAGMA synchronous = NORMAL'];

/**
 * The engine a database URL names: `sqlite:<file>`, or `postgres://…` (`postgresql://…`). Anything else
 * is null: a mistyped URL must not quietly become a SQLite file named after it.
 */
export function dialectOf(url: string): Dialect | null {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (url.startsWith('sqlite:')) return 'sqlite';
  return null;
}

/** The URL fit for a message or a log: a PostgreSQL password (everything up to the host's `@`) becomes `***`. */
export function maskedUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:).*@/, '$1***@');
}

/**
 * Codes of a closed set (statuses, kinds) written into a statement as literals, not parameters: a generic plan
 * (Database.pages) can then use a partial index whose predicate names them, which it never can for a parameter.
 */
export function sqlLiterals(codes: readonly string[]): string {
  for (const code of codes) if (!/^[a-z][a-z0-9_-]*$/.test(code)) throw new Error(`not a code: ${code}`);
  return codes.map((code) => `'${code}'`).join(', ');
}

/** An aggregate joining a group's texts with commas (no order promised): `string_agg` or SQLite's `group_concat`. */
export function commaJoined(knex: Knex, expression: string): string {
  return (knex.client as { config: Knex.Config }).config.client === 'pg' ? `string_agg(${expression}, ',')` : `group_concat(${expression}, ',')`;
}

/**
 * `.limit(pageSize, PAGE_SIZE_LITERAL)`: the page size written into the statement (a validated small integer, so a
 * few texts). A generic plan (Database.pages) takes a bound limit for a tenth of the rows and may then hash-join a
 * whole table to find a page of 20.
 */
export const PAGE_SIZE_LITERAL = { skipBinding: true } as const;

/**
 * The filters' total of a page whose statement carries it in a `total` column beside each row. A page past the
 * last has no row to carry it, so it is counted apart (an empty first page means none at all).
 */
export async function pageTotal(rows: readonly { total: unknown }[], page: number, countApart: () => Promise<number>): Promise<number> {
  if (rows.length > 0) return Number(rows[0].total);
  return page === 0 ? 0 : countApart();
}

/** `sqlite:/path/file.sqlite` selects SQLite; `postgres://…?schema=name` selects PostgreSQL in that schema. */
export function databaseTarget(url: string): DatabaseTarget {
  const dialect = dialectOf(url);
  if (dialect === null) throw new Error('A database URL is sqlite:<file> or postgres://…');
  if (dialect === 'postgres') {
    loadPg();
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    const config = {
      client: 'pg',
      // A host that stops answering fails a new connection in seconds (503 to the request) instead of hanging it.
      connection: { connectionString: parsed.toString(), connectionTimeoutMillis: 5000 },
      searchPath: schema ? [schema] : undefined,
      pool: {
        min: 0,
        max: 10,
        afterCreate: (conn: Parameters<typeof prepareStatementsOn>[0], done: (err: Error | null, conn: unknown) => void) => {
          prepareStatementsOn(conn);
          done(null, conn);
        },
      },
    };
    return {
      dialect: 'postgres',
      config,
      pagesConfig: { ...config, connection: { ...config.connection, options: '-c plan_cache_mode=force_generic_plan' } },
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

/** The rows of a `knex.raw` select: PostgreSQL answers a result with `rows`, SQLite the rows themselves. */
export function rawRows<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
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

/** SQL for the size in bytes of a text or binary column (SQLite's length() counts a text's characters). */
export function byteLength(dialect: Dialect, column: string): string {
  return dialect === 'sqlite' ? `length(CAST(${column} AS BLOB))` : `octet_length(${column})`;
}

/**
 * A rate-limiter-flexible limiter counting in the `login_limits` table (migration 008_accounts): one
 * atomic upsert per count on either engine, so every instance sharing the database counts together.
 */
export function databaseRateLimiter(
  knex: Knex,
  dialect: Dialect,
  options: { keyPrefix: string; points: number; duration: number },
): RateLimiterStoreAbstract {
  const store = { storeClient: knex, storeType: 'knex', tableName: 'login_limits', tableCreated: true, ...options };
  return dialect === 'sqlite' ? new KnexSQLiteRateLimiter(store, knex) : new RateLimiterPostgres(store);
}

/**
 * rate-limiter-flexible 11.4's SQLite store hands its knex connection back before its SAVEPOINT … upsert
 * has run, so with the hall's one SQLite connection the next request's transaction began inside the
 * limiter's (`cannot start a transaction within a transaction`). Its upsert is one statement, atomic on
 * its own: run it through knex, which keeps the connection until the statement is done.
 */
class KnexSQLiteRateLimiter extends RateLimiterSQLite {
  constructor(
    options: ConstructorParameters<typeof RateLimiterSQLite>[0],
    private readonly knex: Knex,
  ) {
    super(options);
  }

  /** Overrides the store's own `_upsert` (same SQL, same result: the key's points and expiry after the count). */
  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<{ points: number; expire: number | null }> {
    const now = Date.now();
    const expire = msDuration > 0 ? now + msDuration : null;
    const rows: { points: number; expire: number | null }[] = forceExpire
      ? await this.knex.raw('INSERT OR REPLACE INTO login_limits (key, points, expire) VALUES (?, ?, ?) RETURNING points, expire', [
          key,
          points,
          expire,
        ])
      : await this.knex.raw(
          `INSERT INTO login_limits (key, points, expire) VALUES (?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET
             points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
             expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
           RETURNING points, expire`,
          [key, points, expire, now, now],
        );
    return rows[0];
  }
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

/** Failures of the network under PostgreSQL, from Node's socket (a host's every address refused: an AggregateError with the code). */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is going or gone: shut down, crashed, starting up, out of connections. */
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);
/** A database file that cannot be opened or read, or stays locked past the busy timeout. */
const SQLITE_UNAVAILABLE = new Set(['SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_BUSY']);

/**
 * Whether a failed query failed because the database could not be reached, rather than because of
 * the query: the request may succeed later unchanged, so it is answered 503 rather than 500.
 */
export function isDatabaseUnavailable(error: unknown, dialect: Dialect): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // No connection free in time: the database is too slow to answer or not answering at all.
  if ((error as { name?: unknown }).name === 'KnexTimeoutError') return true;
  const { code: rawCode, message: rawMessage } = error as { code?: unknown; message?: unknown };
  // Every code compared below is a string; anything else matches none of them.
  const code = typeof rawCode === 'string' ? rawCode : '';
  if (dialect === 'sqlite') return SQLITE_UNAVAILABLE.has(code);
  // pg's own errors for a connection that went away carry no code; knex puts the query before the message.
  const message = typeof rawMessage === 'string' ? rawMessage : '';
  return (
    NETWORK_ERRORS.has(code) ||
    code.startsWith('08') ||
    POSTGRES_UNAVAILABLE.has(code) ||
    /Connection terminated|connection error and is not queryable/.test(message)
  );
}

/** A write refused by a unique index or key: PostgreSQL's SQLSTATE 23505, SQLite's SQLITE_CONSTRAINT on a UNIQUE. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '23505' || (code === 'SQLITE_CONSTRAINT' && typeof message === 'string' && message.includes('UNIQUE constraint failed'));
}

/** The application's tables, without knex's own bookkeeping. */
export async function tableNames(knex: Knex, dialect: Dialect): Promise<string[]> {
  const names =
    dialect === 'sqlite'
      ? await knex<{ name: string; type: string }>('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').pluck('name')
      : await knex<{ table_name: string }>('information_schema.tables').whereRaw('table_schema = current_schema()').pluck('table_name');
  return names.filter((name) => !name.startsWith('knex_')).sort();
}
