/** The server process itself: a start that cannot work ends at once, saying why, instead of half-running. */
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ENGINE } from './harness';
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

  /** Starts the server in its own empty working directory and waits for it to end; one still running after 10 s is stopped. */
  async function startUntilExit(env: Record<string, string>): Promise<Outcome> {
    const server = await spawnHall({ env: { SEED_DEMO: 'false', LOG_LEVEL: 'info', ...env }, cwd: dir });
    const code = await Promise.race([server.exited, delay(10_000, 'running' as const)]);
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
  });

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
  });

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
  });
});
