/**
 * The server process at SIGTERM: it stops accepting, lets a download in flight finish within its grace or aborts
 * it (never a short file ended as if whole), exits 0, and leaves no spool folder behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import knexFactory from 'knex';
import { ENGINE, POSTGRES_URL } from './harness';
import { spawnHall, type HallProcess } from './hall-process';

/** The demo unit's administrator (server/src/db/seeds/demo.ts). */
const ADMIN = { creditCode: '91350100M000100Y43', password: 'Admin2026' };
/** Every payment detail of the demo unit: two years of fee periods around its twelve months. */
const EXPORT = '/api/payments/details/export?from=202501&to=202712';

/** The rows under the export's header: the first row of more than one cell, below the title's lines of one cell each. */
async function dataRows(file: Buffer): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  let header = 0;
  sheet.eachRow((row, number) => {
    if (header === 0 && row.cellCount > 1) header = number;
  });
  return sheet.actualRowCount - header;
}

/** What reading the rest of a response came to: all of it, or an error on the way. */
async function readRest(reader: ReadableStreamDefaultReader<Uint8Array>, first: Uint8Array): Promise<Buffer | Error> {
  const chunks = [first];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      chunks.push(value);
    }
  } catch (error) {
    return error as Error;
  }
}

describe('shutting the server process down on SIGTERM', () => {
  let dir: string;
  let server: HallProcess;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = ENGINE === 'postgres' ? knexFactory({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } }) : null;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-shutdown-'));
    await admin?.raw(`CREATE SCHEMA ${schema}`);
  });
  afterEach(async () => {
    await server?.stop();
    await admin?.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(async () => await admin?.destroy());

  /** The hall with the demo data, its spool folders (os.tmpdir() is TMPDIR) in the test's folder. */
  async function start(graceMs: number): Promise<void> {
    const databaseUrl = ENGINE === 'postgres' ? `${POSTGRES_URL}?schema=${schema}` : `sqlite:${path.join(dir, 'hall.sqlite')}`;
    server = await spawnHall({
      env: { NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', TMPDIR: dir, SHUTDOWN_GRACE_MS: String(graceMs) },
      cwd: dir,
    });
    await server.answering(120_000);
  }

  /** An export under way: signed in as the unit's administrator, its first bytes read. */
  async function downloadStarted(): Promise<{ total: number; reader: ReadableStreamDefaultReader<Uint8Array>; first: Uint8Array }> {
    const cookies = new Map<string, string>();
    const call = async (url: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('Cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      headers.set('X-XSRF-TOKEN', decodeURIComponent(cookies.get('XSRF-TOKEN') ?? ''));
      const res = await fetch(server.baseUrl + url, { ...init, headers });
      for (const cookie of res.headers.getSetCookie()) {
        const [name, ...value] = cookie.split(';')[0].split('=');
        cookies.set(name, value.join('='));
      }
      return res;
    };
    await (await call('/api/auth/me')).text();
    const login = await call('/api/auth/login/unit', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    await login.text();
    const res = await call(EXPORT);
    expect(res.status).toBe(200);
    const total = Number(res.headers.get('x-total-rows'));
    // The demo unit's 300 persons over twelve months: thousands of rows, a second or more of work.
    expect(total).toBeGreaterThan(3000);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBeFalse();
    // A workbook worker is writing it, with a spool folder of its own in the process's.
    expect(spoolFolders()).toContain(jasmine.stringMatching(/^\d+\/worker-/));
    return { total, reader, first: first.value! };
  }

  const spoolFolders = () => readdirSync(path.join(dir, 'unit-hall-workbooks'), { recursive: true }).map(String);

  it('lets a download in flight finish whole within the grace, refusing new connections meanwhile, then exits 0', async () => {
    await start(60_000);
    const { total, reader, first } = await downloadStarted();

    process.kill(server.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectAsync(fetch(`${server.baseUrl}/api/health`)).toBeRejected();

    const file = await readRest(reader, first);
    expect(file).toBeInstanceOf(Buffer);
    expect(await dataRows(file as Buffer)).toBe(total);
    expect(await server.exited).toBe(0);
    expect(server.stdout).toContain('"msg":"shut down"');
    expect(spoolFolders()).toEqual([]);
  }, 180_000);

  it('aborts a download still running when the grace ends, rather than end a short file, then exits 0', async () => {
    await start(0);
    const { reader, first } = await downloadStarted();

    process.kill(server.pid, 'SIGTERM');
    const outcome = await readRest(reader, first);

    expect(outcome).toBeInstanceOf(Error);
    expect(await server.exited).toBe(0);
    expect(server.stdout).toContain('aborting them');
    expect(spoolFolders()).toEqual([]);
  }, 180_000);
});
