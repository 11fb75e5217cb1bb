import path from 'node:path';
import { z } from 'zod';
import { dialectOf } from './db/dialect';
import { ROOT } from './runtime';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default(`sqlite:${path.join(ROOT, 'data', 'hall.sqlite')}`)
    .refine((url) => dialectOf(url) !== null, 'must be sqlite:<file> or postgres://user@host:port/db (postgresql:// too)'),
  /** Mark cookies Secure; on by default in production, where the hall sits behind TLS. */
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Serve the built Angular app from this folder (production: one process, one port). */
  CLIENT_DIST: z.string().default(path.join(ROOT, 'dist', 'client', 'browser')),
  /** Seed the demo data into an empty database; never in production, where its published passwords would let anyone in. */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  /** Hand each registration CAPTCHA's answer out with it, for the e2e; only with NODE_ENV=test, where nobody real registers. */
  CAPTCHA_TEST_HOOK: z.enum(['true', 'false']).optional(),
  /**
   * Proxies whose X-Forwarded-For names the client: `false` (none, the default), a number of hops, or
   * Express's list of addresses, subnets and names (`loopback`, `10.0.0.0/8, 172.16.0.1`).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(false|true|\d+|[0-9A-Za-z.:/,\s]+)$/)
    .default('false'),
  /** The per-instance cache of list pages; `off` computes every page (the city bench measures the plans so). */
  LIST_CACHE: z.enum(['on', 'off']).default('on'),
  /** At SIGTERM/SIGINT, how long requests in flight may take to finish before they are aborted. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** The sandbox acquirer's own port (started beside the hall by `npm start`). */
  SANDBOX_ACQUIRER_PORT: z.coerce.number().int().min(0).max(65535).default(3200),
  /** Where the hall reaches the sandbox acquirer; http://localhost:<SANDBOX_ACQUIRER_PORT> unless given. */
  PAYMENT_SANDBOX_URL: z.url().optional(),
  /** The secret the hall and the payment channel sign with (HMAC-SHA256); required in production. */
  PAYMENT_NOTIFY_SECRET: z.string().min(16).optional(),
  /** The hall as the payer's browser and the payment channel reach it (notifications, the return page); http://localhost:<PORT> unless given. */
  HALL_PUBLIC_URL: z.url().optional(),
  /** The clock starts at this instant and runs on, for the e2e's collection periods; only with NODE_ENV=test. */
  TEST_CLOCK_START: z.iso.datetime().optional(),
  /** Bearer token that GET /metrics asks for; unset, /metrics answers 404. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .refine((token) => token === '' || token.length >= 16, 'at least 16 characters: it is all that guards the figures')
    .optional(),
});

/** The development secret; production refuses to start with it. */
const DEVELOPMENT_NOTIFY_SECRET = 'sandbox-development-secret-not-for-production';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  secureCookies: boolean;
  logLevel: string;
  clientDist: string;
  seedDemo: boolean;
  captchaTestHook: boolean;
  trustProxy: boolean | number | string;
  listCache: boolean;
  metricsToken: string | undefined;
  rootDir: string;
  shutdownGraceMs: number;
  payment: { sandboxPort: number; sandboxUrl: string; notifySecret: string; hallPublicUrl: string };
  /** Set only with NODE_ENV=test (TEST_CLOCK_START). */
  testClockStart: string | null;
}

/** A start that cannot work, worded for whoever starts the server: its message is printed alone, without a stack. */
export class StartupError extends Error {}

/** Parsed once at start; a bad variable stops the process with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new StartupError(`invalid environment: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.SEED_DEMO === 'true') {
    throw new Error(
      'Invalid environment: SEED_DEMO=true is refused with NODE_ENV=production: the demo passwords are published. Leave SEED_DEMO unset.',
    );
  }
  if (e.CAPTCHA_TEST_HOOK === 'true' && e.NODE_ENV !== 'test') {
    throw new StartupError('invalid environment: CAPTCHA_TEST_HOOK=true is refused unless NODE_ENV=test: it hands out the CAPTCHA answers.');
  }
  if (e.NODE_ENV === 'production' && !e.PAYMENT_NOTIFY_SECRET) {
    throw new StartupError('invalid environment: PAYMENT_NOTIFY_SECRET is required with NODE_ENV=production: the development secret is published.');
  }
  if (e.TEST_CLOCK_START && e.NODE_ENV !== 'test') {
    throw new StartupError('invalid environment: TEST_CLOCK_START is refused unless NODE_ENV=test: month rules must follow the real date.');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    secureCookies: e.SECURE_COOKIES ? e.SECURE_COOKIES === 'true' : false,
    logLevel: e.LOG_LEVEL,
    clientDist: e.CLIENT_DIST,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : e.NODE_ENV !== 'production',
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    captchaTestHook: e.CAPTCHA_TEST_HOOK === 'true',
    listCache: e.LIST_CACHE === 'on',
    metricsToken: e.METRICS_TOKEN || undefined,
    rootDir: ROOT,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    payment: {
      sandboxPort: e.SANDBOX_ACQUIRER_PORT,
      sandboxUrl: e.PAYMENT_SANDBOX_URL ?? `http://localhost:${e.SANDBOX_ACQUIRER_PORT}`,
      notifySecret: e.PAYMENT_NOTIFY_SECRET ?? DEVELOPMENT_NOTIFY_SECRET,
      hallPublicUrl: (e.HALL_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    },
    testClockStart: e.TEST_CLOCK_START ?? null,
  };
}

function trustProxyOf(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
