import path from 'node:path';
import { createApp } from './app';
import { systemClock } from './clock';
import { loadConfig } from './config';
import { prepareDatabase, openDatabase } from './db/database';
import { refuseDemoPasswordsInProduction } from './auth/demo-passwords';
import { demoCredentials, seedDemo } from './db/seeds/demo';
import { createLogger } from './logger';
import { workbookWorkers } from './workers/workbook-workers';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = openDatabase(config.databaseUrl);
await prepareDatabase(db);

if (config.seedDemo) {
  const units = await db.knex('units').count({ n: '*' }).first();
  if (Number(units?.n ?? 0) === 0) {
    logger.info('empty database: seeding the demo units, users and insured persons');
    await seedDemo(db.knex, { personsPerUnit: 300, residents: 12, now: systemClock.now() });
  }
}

try {
  await refuseDemoPasswordsInProduction(db.knex, config.env);
} catch (error) {
  logger.fatal((error as Error).message);
  await db.knex.destroy();
  process.exit(1);
}

const app = createApp({
  db,
  clock: systemClock,
  logger,
  i18nDir: path.join(config.rootDir, 'client', 'public', 'i18n'),
  secureCookies: config.secureCookies,
  trustProxy: config.trustProxy,
  clientDist: config.clientDist,
});

// Ended sessions and expired sign-in counters, swept by every instance now and then (a second delete finds nothing).
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
setInterval(() => {
  app.locals.services.auth.purgeExpired().catch((error: unknown) => logger.warn({ err: error }, 'sweeping expired sessions failed'));
}, SWEEP_INTERVAL_MS).unref();

// The first upload or export should not wait the second it takes to start a workbook worker.
workbookWorkers.prewarm();

const server = app.listen(config.port, () => {
  const lines = [
    `Unit Hall on http://localhost:${config.port} (${db.dialect})`,
    'Demo sign-ins:',
    ...(config.seedDemo ? demoCredentials().map((l) => '  ' + l) : []),
  ];
  process.stdout.write(lines.join('\n') + '\n');
});

const shutdown = () => {
  server.close(() => void db.knex.destroy().then(() => process.exit(0)));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
