import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import { createApp } from './app';
import { runningClock, systemClock } from './clock';
import { loadConfig, StartupError } from './config';
import { openDatabase, ping, prepareDatabase, type Database } from './db/database';
import { maskedUrl } from './db/dialect';
import { refuseDemoPasswordsInProduction } from './auth/demo-passwords';
import { demoCredentials, seedDemo } from './db/seeds/demo';
import { createLogger, type Logger } from './logger';
import { sheetProcesses } from './batches/sheet-workers';
import { workbookWorkers } from './workers/workbook-workers';
import { UnitService } from './unit/unit.service';
import { shutDownOnSignals } from './shutdown';
import { SandboxProvider } from './payment-channel/sandbox/sandbox-provider';

/** Listens on `port`; a port that is taken or not allowed ends the start with PORT named. */
function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, (error) => {
      if (!error) return resolve(server);
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'EADDRINUSE'
          ? 'the port is already in use by another process; stop that process or set PORT to a free port'
          : code === 'EACCES'
            ? 'not allowed to listen on this port; set PORT to a port above 1023'
            : error.message;
      reject(new StartupError(`PORT=${port}: ${reason}`));
    });
  });
}

/** The database, answering; one that cannot be reached ends the start with DATABASE_URL named, its password masked. */
async function connect(url: string, logger: Logger): Promise<Database> {
  try {
    const db = openDatabase(url, logger);
    await ping(db);
    return db;
  } catch (error) {
    throw new StartupError(`cannot connect to the database at DATABASE_URL=${maskedUrl(url)} (${reasonOf(error)})`);
  }
}

/** A connection refused on every address of a host is an AggregateError without a message of its own. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(reasonOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}

const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
/** Payment orders close 15 minutes after they are made; reads close them too, the sweep catches the rest. */
const ORDER_SWEEP_INTERVAL_MS = 60 * 1000;

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const clock = config.testClockStart ? runningClock(config.testClockStart) : systemClock;
  const db = await connect(config.databaseUrl, logger);
  await prepareDatabase(db);

  if (config.seedDemo) {
    if ((await new UnitService(db.knex, systemClock).count()) === 0) {
      logger.info('empty database: seeding the demo units, users and insured persons');
      await seedDemo(db.knex, { personsPerUnit: 300, residents: 12, now: clock.now() });
    }
  }
  await refuseDemoPasswordsInProduction(db.knex, config.env);

  const app = createApp({
    db,
    clock,
    logger,
    i18nDir: path.join(config.rootDir, 'client', 'public', 'i18n'),
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    clientDist: config.clientDist,
    captchaTestHook: config.captchaTestHook,
    listCache: config.listCache,
    paymentChannel: {
      provider: new SandboxProvider(config.payment.sandboxUrl, config.payment.notifySecret),
      hallPublicUrl: config.payment.hallPublicUrl,
    },
    metricsToken: config.metricsToken,
  });

  // Ended sessions and expired sign-in counters, swept by every instance now and then (a second delete finds nothing).
  setInterval(() => {
    app.locals.services.auth.purgeExpired().catch((error: unknown) => logger.warn({ err: error }, 'sweeping expired sessions failed'));
  }, SWEEP_INTERVAL_MS).unref();

  setInterval(() => {
    app.locals.services.paymentOrders.closeExpired().catch((error: unknown) => logger.warn({ err: error }, 'closing expired payment orders failed'));
  }, ORDER_SWEEP_INTERVAL_MS).unref();

  const server = await listen(app, config.port);
  const { port } = server.address() as AddressInfo;
  const lines = [
    `Unit Hall on http://localhost:${port} (${db.dialect})`,
    'Demo sign-ins:',
    ...(config.seedDemo ? demoCredentials().map((l) => '  ' + l) : []),
  ];
  process.stdout.write(lines.join('\n') + '\n');

  shutDownOnSignals({
    server,
    workers: [workbookWorkers, sheetProcesses],
    db,
    logger,
    graceMs: config.shutdownGraceMs,
    readiness: app.locals.services.readiness,
  });
}

try {
  await start();
} catch (error) {
  // What the operator must change is said in one line; anything unforeseen keeps its stack.
  if (!(error instanceof StartupError)) throw error;
  process.stderr.write(`Unit Hall cannot start: ${error.message}\n`);
  process.exit(1);
}
