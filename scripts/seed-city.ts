/**
 * `npm run seed:city`: a city (5,000 units, 1,000,000 insured persons, 12 months) on the PostgreSQL database
 * of DATABASE_URL, on top of the demo data (seeded first into an empty database). Loaded with COPY.
 */
import { systemClock } from '../server/src/clock';
import { loadConfig } from '../server/src/config';
import { migrateLatest, openDatabase } from '../server/src/db/database';
import { refreshStatistics } from '../server/src/db/dialect';
import { CITY, cityCreditCode, seedCity } from '../server/src/db/seeds/city';
import { seedDemo } from '../server/src/db/seeds/demo';

const config = loadConfig();
const db = openDatabase(config.databaseUrl);
if (db.dialect !== 'postgres') {
  process.stderr.write(
    'seed:city needs PostgreSQL: set DATABASE_URL=postgres://user@host:port/db (a city does not fit the embedded SQLite database).\n',
  );
  process.exit(1);
}
const say = (line: string) => process.stdout.write(line + '\n');
await migrateLatest(db);
if (
  await db
    .knex('units')
    .where({ credit_code: cityCreditCode(1) })
    .first('id')
) {
  say(`The city is already there (sign in with ${cityCreditCode(1)}).`);
} else {
  const started = Date.now();
  if (!(await db.knex('users').where({ role: 'reviewer' }).first('id'))) {
    say('Seeding the demo data first…');
    await seedDemo(db.knex, { personsPerUnit: 300, residents: 12, now: systemClock.now() });
  }
  say(`Seeding ${CITY.units.toLocaleString('en')} units, ${CITY.persons.toLocaleString('en')} insured persons, 12 months (COPY, one transaction)…`);
  await seedCity(db.knex, systemClock.now(), CITY, say);
  say('VACUUM ANALYZE (planner statistics and the visibility map for index-only scans)…');
  await db.knex.raw('VACUUM ANALYZE');
  await refreshStatistics(db.knex, db.dialect);
  say(
    `Done in ${((Date.now() - started) / 1000).toFixed(0)} s. Unit administrators sign in with ${cityCreditCode(1)} … ${cityCreditCode(CITY.units)}.`,
  );
}
await db.knex.destroy();
