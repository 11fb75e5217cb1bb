/** The server process itself: a start that cannot work ends at once, saying why, instead of half-running. */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import knexFactory from 'knex';
import { LANGUAGES } from '@common/i18n';
import { ENGINE, POSTGRES_URL } from './harness';
import { freePort, spawnHall } from './hall-process';

interface Outcome {
  /** The exit code, or 'running' for a process that had not ended on its own. */
  code: number | null | 'running';
  stdout: string;
  stderr: string;
}

const STACK_LINE = /^\s+at /m;

describe('starting the server process', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Starts the server in its own empty working directory and waits for it to end; one still running after 30 s is
   * stopped (a start that fails takes a second or two, but more than 10 on a loaded machine).
   */
  async function startUntilExit(env: Record<string, string>): Promise<Outcome> {
    const server = await spawnHall({ env: { SEED_DEMO: 'false', LOG_LEVEL: 'info', ...env }, cwd: dir });
    const code = await Promise.race([server.exited, delay(30_000, 'running' as const, { ref: false })]);
    await server.stop();
    return { code, stdout: server.stdout, stderr: server.stderr };
  }

  it('refuses a DATABASE_URL that is neither sqlite: nor postgres://, and creates no database', async () => {
    const outcome = await startUntilExit({ DATABASE_URL: 'postgres//typo' });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('DATABASE_URL');
    expect(outcome.stderr).toContain('postgres://');
    expect(outcome.stderr).not.toMatch(STACK_LINE);
    expect(outcome.stdout).not.toContain('Unit Hall on');
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('ends naming the port and PORT when the port is already in use', async () => {
    const holder = net.createServer().listen(0);
    await once(holder, 'listening');
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const outcome = await startUntilExit({ PORT: String(port), DATABASE_URL: 'sqlite:hall.sqlite' });
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toContain(`PORT=${port}`);
      expect(outcome.stderr).toContain('in use');
      expect(outcome.stderr).not.toMatch(STACK_LINE);
      expect(outcome.stdout).not.toContain('Unit Hall on');
    } finally {
      holder.close();
    }
  }, 60_000);

  it('ends with one line naming DATABASE_URL, its password masked, when the database cannot be reached', async () => {
    const port = await freePort();
    // Nothing listens on a port just found free; and a folder is no SQLite database.
    const url = ENGINE === 'postgres' ? `postgresql://hall:s3cret@127.0.0.1:${port}/test` : `sqlite:${dir}`;
    const outcome = await startUntilExit({ DATABASE_URL: url });
    expect(outcome.code).toBe(1);
    const output = (outcome.stdout + outcome.stderr).trim();
    expect(output.split('\n')).toEqual([jasmine.stringContaining('DATABASE_URL')]);
    expect(outcome.stderr).toContain(ENGINE === 'postgres' ? `postgresql://hall:***@127.0.0.1:${port}/test` : url);
    expect(output).not.toContain('s3cret');
  }, 60_000);
});

/** A TCP link to PostgreSQL that can be cut and restored on the same port, as a network fault or a database restart would. */
class DatabaseLink {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async restore(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => [client, upstream].forEach((s) => s.destroy()));
      }
      client.pipe(upstream).pipe(client);
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = once(server, 'close');
    server.close();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

// SQLite is a file of the process's own; a database lost under a running server is PostgreSQL's case.
if (ENGINE === 'postgres') {
  describe('a running server whose database is lost', () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } });
    let link: DatabaseLink;
    let server: Awaited<ReturnType<typeof spawnHall>>;

    beforeAll(async () => {
      await admin.raw(`CREATE SCHEMA ${schema}`);
      const postgres = new URL(POSTGRES_URL);
      link = new DatabaseLink(await freePort(), { host: postgres.hostname, port: Number(postgres.port || 5432) });
      await link.restore();
      const throughLink = new URL(POSTGRES_URL);
      throughLink.host = `127.0.0.1:${link.port}`;
      throughLink.searchParams.set('schema', schema);
      server = await spawnHall({ env: { DATABASE_URL: throughLink.toString(), SEED_DEMO: 'false', LOG_LEVEL: 'warn' } });
      await server.answering(20_000);
      // The first hall of a test process may build the server first (hall-process.ts).
    }, 90_000);
    afterAll(async () => {
      await server?.stop();
      await link?.cut();
      await admin.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.destroy();
    });

    const get = (url: string, headers: Record<string, string> = {}) =>
      fetch(server.baseUrl + url, { headers: { 'Accept-Language': 'en', ...headers } });
    // An unknown session token is looked up in the database before the route answers.
    const withSession = { Cookie: 'uh_session=not-a-session' };

    it('answers 503 with Retry-After on health and the API while it is gone, and recovers by itself', async () => {
      await link.cut();

      const messages: string[] = [];
      for (const lang of LANGUAGES) {
        const res = await get('/api/health', { 'Accept-Language': lang });
        expect(res.status).withContext(lang).toBe(503);
        expect(Number(res.headers.get('retry-after')))
          .withContext(lang)
          .toBeGreaterThan(0);
        const body = await res.json();
        expect(body.code).toBe('DATABASE_UNAVAILABLE');
        messages.push(body.message);
      }
      expect(new Set(messages).size).withContext('a message of its own in each language').toBe(3);
      expect(messages).not.toContain('errors.DATABASE_UNAVAILABLE');

      const api = await get('/api/auth/me', withSession);
      expect(api.status).toBe(503);
      expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await api.json()).code).toBe('DATABASE_UNAVAILABLE');

      await link.restore();
      expect((await get('/api/health')).status).toBe(200);
      expect((await get('/api/auth/me', withSession)).status).toBe(401);
    });
  });
}
