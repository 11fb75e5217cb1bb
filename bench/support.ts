/** Shared by the benchmarks: a real server process, a signed-in HTTP caller, and memory readings. */
import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { CITY_AREAS, cityCreditCode } from '../server/src/db/seeds/city';
import { ROOT, SERVER_NODE_FLAGS, spawnHall, type HallProcess } from '../server/test/hall-process';

export { ROOT };

/** Peak resident memory of a process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

export type ServerProcess = Pick<HallProcess, 'baseUrl' | 'pid' | 'stop'>;

/** The server with `npm start`'s V8 flags, so the benchmark measures that server. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await spawnHall({
    // Not NODE_ENV=production: the benchmark's seeded accounts keep the published demo passwords, which production refuses.
    env: { NODE_ENV: 'test', DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn', ...env },
    nodeFlags: SERVER_NODE_FLAGS,
    echoStderr: true,
  });
  await server.answering(60_000);
  return server;
}

/** A caller holding the session and CSRF cookies, as a browser would. */
export class Caller {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get xsrf(): string {
    return decodeURIComponent(this.cookies.get('XSRF-TOKEN') ?? '');
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Cookie', this.cookieHeader);
    if (init.method && init.method !== 'GET') headers.set('X-XSRF-TOKEN', this.xsrf);
    const res = await fetch(this.baseUrl + url, { ...init, headers });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      this.cookies.set(name, value.join('='));
    }
    return res;
  }

  async signInUnitAdmin(creditCode: string, password: string): Promise<void> {
    await this.signIn('/api/auth/login/unit', { creditCode, password });
  }

  async signInReviewer(username: string, password: string): Promise<void> {
    await this.signIn('/api/auth/login/reviewer', { username, password });
  }

  private async signIn(url: string, body: object): Promise<void> {
    await this.fetch('/api/auth/me');
    const res = await this.fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

/**
 * The unit a bench runs on in a database that holds the city (`npm run seed:city`; BENCH_DATABASE_URL at a copy of
 * it): the city's largest, some 100,000 persons, whose administrator signs in with its credit code and the demo
 * password. Null when the database holds no city.
 */
export async function cityUnit(knex: Knex): Promise<{ id: number; creditCode: string; markedArea: string } | null> {
  if (
    !(await knex('units')
      .where({ credit_code: cityCreditCode(1) })
      .first('id'))
  )
    return null;
  // As bench plans finds it: by its employments.
  const [largest] = await knex('employments').groupBy('unit_id').orderByRaw('count(*) desc').limit(1).pluck('unit_id');
  const unit = await knex('units').where({ id: largest }).first<{ id: number; credit_code: string }>('id', 'credit_code');
  // The city spreads its persons over five areas: the first holds about a fifth of them.
  return { id: unit.id, creditCode: unit.credit_code, markedArea: CITY_AREAS[0] };
}
