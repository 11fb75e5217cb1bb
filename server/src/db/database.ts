import knexFactory, { type Knex } from 'knex';
import { databaseTarget, type Dialect } from './dialect';
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
