import knexFactory, { type Knex } from 'knex';
import { databaseTarget, refreshStatistics, type Dialect } from './dialect';
import { migrationSource } from './migrations';

export interface Database {
  knex: Knex;
  dialect: Dialect;
}

export function openDatabase(url: string): Database {
  const target = databaseTarget(url);
  return { knex: knexFactory(target.config), dialect: target.dialect };
}

export async function migrateLatest(db: Database): Promise<void> {
  await db.knex.migrate.latest({ migrationSource: migrationSource(db.dialect) });
}

/** At start: the schema up to date, then fresh planner statistics. */
export async function prepareDatabase(db: Database): Promise<void> {
  await migrateLatest(db);
  await refreshStatistics(db.knex, db.dialect);
}
