import knexFactory, { type Knex } from 'knex';
import type { Logger } from '../logger';
import { databaseTarget, refreshStatistics, type Dialect } from './dialect';
import { migrationSource } from './migrations';
import { ChangeFeed, ChannelFeed, SESSION_CHANGES_CHANNEL } from './notifications';

export interface Database {
  knex: Knex;
  /**
   * The same database for the reads of list pages, on connections of their own that keep one generic plan per
   * statement (PostgreSQL). A page's statement is keyed by unit and walks that unit's index whatever the unit's
   * size (docs/plans.md), yet PostgreSQL's own choice re-planned it on every request, and planning cost more than
   * running it. Everything else, the assessments and imports over many units above all, stays planned for its
   * parameters on `knex`. On SQLite it is `knex` itself. Opened at first use.
   */
  readonly pages: Knex;
  dialect: Dialect;
  /**
   * What changes a session, told to every instance: on PostgreSQL by migration 026's triggers, LISTENed on a
   * connection of its own opened at first subscription; on SQLite, which one process alone serves, by the process.
   */
  readonly sessionChanges: ChangeFeed;
  /** The pools opened so far: `knex`'s, and the pages' once used (PostgreSQL). */
  openPools(): Knex[];
  /** Closes both pools, waiting for the queries in flight, and stops listening for session changes. */
  close(): Promise<void>;
}

/** Opens the database; with a logger, knex's own warnings go to the server's log rather than to the console. */
export function openDatabase(url: string, logger?: Logger): Database {
  const target = databaseTarget(url);
  const log = logger ? { log: knexLog(logger) } : {};
  const knex = knexFactory({ ...target.config, ...log });
  let pages: Knex | undefined;
  const connectionString = (target.config.connection as { connectionString?: string } | undefined)?.connectionString;
  const sessionChanges =
    target.dialect === 'postgres' && connectionString ? new ChannelFeed(connectionString, SESSION_CHANGES_CHANNEL, logger) : new ChangeFeed();
  return {
    knex,
    get pages() {
      return (pages ??= target.pagesConfig ? knexFactory({ ...target.pagesConfig, ...log }) : knex);
    },
    dialect: target.dialect,
    sessionChanges,
    openPools: () => (pages && pages !== knex ? [knex, pages] : [knex]),
    close: async () => {
      await sessionChanges.close();
      if (pages && pages !== knex) await pages.destroy();
      await knex.destroy();
    },
  };
}

/**
 * A connection that cannot be made is reported by the request or the start that needed it, so
 * knex's own report of it (with a stack, once per attempt) is only for debugging.
 */
function knexLog(logger: Logger): Knex.Logger {
  const connecting = /^(Acquire connection error|Connection Error)/;
  return {
    warn: (message) => (connecting.test(String(message)) ? logger.debug(String(message)) : logger.warn(String(message))),
    error: (message) => logger.error(String(message)),
    debug: (message) => logger.debug(message),
    deprecate: (method, alternative) => logger.warn(`knex: ${method} is deprecated, use ${alternative}`),
  };
}

/** The cheapest round trip: the database answers, or this rejects with why not. */
export async function ping(db: Database): Promise<void> {
  await db.knex.raw('select 1');
}

export async function migrateLatest(db: Database): Promise<void> {
  await db.knex.migrate.latest({ migrationSource: migrationSource(db.dialect) });
}

/** At start: the schema up to date, then fresh planner statistics. */
export async function prepareDatabase(db: Database): Promise<void> {
  await migrateLatest(db);
  await refreshStatistics(db.knex, db.dialect);
}

/** No migration of this code is waiting to run: an instance of newer code than its schema is not ready. */
export async function migrationsCurrent(db: Database): Promise<boolean> {
  const [, pending] = (await db.knex.migrate.list({ migrationSource: migrationSource(db.dialect) })) as [unknown[], unknown[]];
  return pending.length === 0;
}

export interface PoolStats {
  used: number;
  free: number;
  /** Requests waiting for a connection. */
  pending: number;
}

/** knex's connection pools (tarn) as they are now, both together; all zero before the first query made one. */
export function poolStats(db: Database): PoolStats {
  const stats = { used: 0, free: 0, pending: 0 };
  for (const knex of db.openPools()) {
    const pool = (knex.client as { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number } }).pool;
    if (!pool) continue;
    stats.used += pool.numUsed();
    stats.free += pool.numFree();
    stats.pending += pool.numPendingAcquires();
  }
  return stats;
}
