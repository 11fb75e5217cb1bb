/** `npm run seed:large`: the benchmark unit (100,000 insured persons, 12 months) on the configured database. */
import { systemClock } from '../server/src/clock';
import { loadConfig } from '../server/src/config';
import { migrateLatest, openDatabase } from '../server/src/db/database';
import { LARGE_UNIT, seedLarge } from '../server/src/db/seeds/large';

const config = loadConfig();
const db = openDatabase(config.databaseUrl);
await migrateLatest(db);
if (await db.knex('units').where({ credit_code: LARGE_UNIT.creditCode }).first()) {
  process.stdout.write(`${LARGE_UNIT.name} is already there.\n`);
} else {
  const started = Date.now();
  process.stdout.write(`Seeding ${LARGE_UNIT.name} into ${db.dialect}…\n`);
  await seedLarge(db.knex, systemClock.now(), (line) => process.stdout.write(line + '\n'));
  await db.knex.raw('ANALYZE');
  process.stdout.write(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in with ${LARGE_UNIT.creditCode}.\n`);
}
await db.knex.destroy();
