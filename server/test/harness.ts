/**
 * A real hall per test file: createApp() on a real database, SQLite (a migrated, seeded template
 * copied per hall) or PostgreSQL (a fresh schema per hall), chosen by TEST_DB.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import request from 'supertest';
import { createApp, type AppDeps } from '../src/app';
import { ManualClock } from '../src/clock';
import { migrateLatest, openDatabase, type Database } from '../src/db/database';
import { tableNames } from '../src/db/dialect';
import { DEMO_PASSWORDS, DEMO_PERSONS, DEMO_REVIEWER, DEMO_UNITS, seedDemo } from '../src/db/seeds/demo';
import { createLogger, type Logger } from '../src/logger';

export const ENGINE = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The instant the seeded data was made at: 10 Nov 2026, 10:00 in Shanghai. */
export const SEED_INSTANT = '2026-11-10T02:00:00.000Z';
export const SEED_OPTIONS = { personsPerUnit: 12, residents: 3, now: new Date(SEED_INSTANT) };

const ROOT = path.resolve(import.meta.dirname, '../..');
const I18N_DIR = path.join(ROOT, 'client', 'public', 'i18n');
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export function announceEngine(): void {
  process.stdout.write(`\nServer tests on ${ENGINE === 'postgres' ? `PostgreSQL (${POSTGRES_URL})` : 'SQLite'}\n`);
}

let sqliteTemplate: Promise<string> | undefined;
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-test-'));
process.on('exit', () => rmSync(tempDir, { recursive: true, force: true }));

function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const file = path.join(tempDir, 'template.sqlite');
    const db = openDatabase(`sqlite:${file}`);
    await migrateLatest(db);
    await seedDemo(db.knex, SEED_OPTIONS);
    // Fold the WAL into the main file so a plain copy carries everything.
    await db.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.knex.destroy();
    return file;
  })();
  return sqliteTemplate;
}

async function freshDatabase(): Promise<{ db: Database; dispose(): Promise<void> }> {
  if (ENGINE === 'sqlite') {
    const file = path.join(tempDir, `hall-${randomBytes(6).toString('hex')}.sqlite`);
    copyFileSync(await migratedSqliteTemplate(), file);
    const db = openDatabase(`sqlite:${file}`);
    return { db, dispose: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE SCHEMA ${schema}`);
  const db = openDatabase(`${POSTGRES_URL}?schema=${schema}`);
  await migrateLatest(db);
  await seedDemo(db.knex, SEED_OPTIONS);
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin.raw(`DROP SCHEMA ${schema} CASCADE`);
      await admin.destroy();
    },
  };
}

/** Every row of every table, each row as JSON, to tell whether a request changed anything at all. */
export async function databaseSnapshot(db: Database): Promise<Map<string, string[]>> {
  const snapshot = new Map<string, string[]>();
  for (const table of await tableNames(db.knex, db.dialect)) {
    snapshot.set(table, (await db.knex(table).select('*')).map((row) => JSON.stringify(row)).sort());
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
  const tables = new Set([...before.keys(), ...after.keys()]);
  return [...tables].filter((t) => JSON.stringify(before.get(t)) !== JSON.stringify(after.get(t))).sort();
}

export interface TestHall {
  app: ReturnType<typeof createApp>;
  db: Database;
  clock: ManualClock;
  client(lang?: string): Promise<HallClient>;
  /** A client of another server instance on the same database, as behind a load balancer. */
  otherInstanceClient(lang?: string): Promise<HallClient>;
  /** That other instance itself, for a request that carries its own cookies. */
  otherApp(): TestHall['app'];
  close(): Promise<void>;
}

export interface TestHallOptions {
  /** The server's log, for a test that reads it; silent unless given. */
  logger?: Logger;
  /** Express `trust proxy`: with `loopback`, supertest's requests may name their source in X-Forwarded-For. */
  trustProxy?: AppDeps['trustProxy'];
  /** A built client to serve beside the API. */
  clientDist?: string;
  /** Registration CAPTCHAs carry their answer (as the e2e's server started with CAPTCHA_TEST_HOOK). */
  captchaTestHook?: boolean;
  /** The payment channel (a sandbox acquirer the spec started) and where it reaches this hall. */
  paymentChannel?: AppDeps['paymentChannel'];
  /** GET /metrics answers the bearer of this token (config METRICS_TOKEN). */
  metricsToken?: string;
}

export async function createTestHall(options: TestHallOptions = {}): Promise<TestHall> {
  const { db, dispose } = await freshDatabase();
  const clock = new ManualClock(SEED_INSTANT);
  const newApp = () =>
    createApp({
      db,
      clock,
      logger: options.logger ?? logger,
      i18nDir: I18N_DIR,
      secureCookies: false,
      trustProxy: options.trustProxy ?? false,
      clientDist: options.clientDist,
      captchaTestHook: options.captchaTestHook,
      paymentChannel: options.paymentChannel,
      metricsToken: options.metricsToken,
    });
  const app = newApp();
  // Its sessions are reused from the first request on, as on an instance that has been up a while.
  await listening(db);
  let otherApp: TestHall['app'] | undefined;
  const clientOf = async (instance: TestHall['app'], lang: string) => {
    const client = new HallClient(instance, lang);
    await client.get('/api/auth/me');
    return client;
  };
  return {
    app,
    db,
    clock,
    client: (lang = 'zh-CN') => clientOf(app, lang),
    otherInstanceClient: (lang = 'zh-CN') => clientOf((otherApp ??= newApp()), lang),
    otherApp: () => (otherApp ??= newApp()),
    close: dispose,
  };
}

/** Until the database's feed of session changes is live: PostgreSQL's LISTEN has answered (SQLite's always is). */
async function listening(db: Database): Promise<void> {
  const feed = db.sessionChanges;
  for (const deadline = Date.now() + 10_000; !feed.live;) {
    if (Date.now() > deadline) throw new Error('the session changes feed did not start listening');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A browser-like caller: keeps cookies and echoes the XSRF-TOKEN cookie in the X-XSRF-TOKEN header. */
export class HallClient {
  readonly agent: ReturnType<typeof request.agent>;
  xsrf = '';

  constructor(
    app: TestHall['app'],
    readonly lang: string,
  ) {
    this.agent = request.agent(app);
  }

  private remember(res: request.Response): request.Response {
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    for (const cookie of cookies) {
      const match = /^XSRF-TOKEN=([^;]*)/.exec(cookie);
      if (match) this.xsrf = decodeURIComponent(match[1]);
    }
    return res;
  }

  async get(url: string): Promise<request.Response> {
    return this.remember(await this.agent.get(url).set('Accept-Language', this.lang));
  }

  async send(method: 'post' | 'put' | 'patch' | 'delete', url: string, body?: unknown): Promise<request.Response> {
    const req = this.agent[method](url).set('Accept-Language', this.lang).set('X-XSRF-TOKEN', this.xsrf);
    return this.remember(await (body === undefined ? req : req.send(body as object)));
  }

  post(url: string, body?: unknown): Promise<request.Response> {
    return this.send('post', url, body);
  }

  async signInUnitAdmin(unitIndex = 0): Promise<request.Response> {
    return this.expectOk(
      await this.post('/api/auth/login/unit', { creditCode: DEMO_UNITS[unitIndex].creditCode, password: DEMO_PASSWORDS.unitAdmin }),
    );
  }

  async signInAgent(mobile: string, unitIndex?: number): Promise<request.Response> {
    const res = this.expectOk(await this.post('/api/auth/login/agent', { mobile, password: DEMO_PASSWORDS.agent }));
    if (unitIndex === undefined) return res;
    const unitId = res.body.units.find((u: { creditCode: string }) => u.creditCode === DEMO_UNITS[unitIndex].creditCode).id;
    return this.expectOk(await this.post('/api/auth/unit', { unitId }));
  }

  async signInReviewer(): Promise<request.Response> {
    return this.expectOk(await this.post('/api/auth/login/reviewer', { username: DEMO_REVIEWER.username, password: DEMO_PASSWORDS.reviewer }));
  }

  /** A demo person (0 or 1 of DEMO_PERSONS) signs in to the personal hall. */
  async signInPerson(personIndex = 0): Promise<request.Response> {
    return this.expectOk(
      await this.post('/api/auth/login/person', { idNumber: DEMO_PERSONS[personIndex].idNumber, password: DEMO_PASSWORDS.person }),
    );
  }

  private expectOk(res: request.Response): request.Response {
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}

/** Agents of the demo units, by role in the tests. */
export const AGENTS = {
  unitAOnly: DEMO_UNITS[0].agents[0].mobile,
  both: DEMO_UNITS[0].agents[1].mobile,
  unitBOnly: DEMO_UNITS[1].agents[0].mobile,
} as const;
