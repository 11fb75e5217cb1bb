/** The real hall, as `npm start` runs it: the hall and the sandbox acquirer, on a fresh SQLite file with the demo data and free ports. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, ROOT, spawnHall } from '../../server/test/hall-process';

export interface HallServer {
  baseUrl: string;
  /** The sandbox acquirer the hall pays through (its test controls are on: NODE_ENV=test). */
  sandboxUrl: string;
  /** The hall's database, for a spec that sets regional configuration the hall has no screen for. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/** The secret both processes sign with; a test value, as NODE_ENV=test allows. */
const NOTIFY_SECRET = 'e2e-sandbox-notify-secret';

/** `env` is added to both processes' (TEST_CLOCK_START, for a spec that needs a fixed date). */
export async function startHallServer(options: { env?: Record<string, string> } = {}): Promise<HallServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-e2e-'));
  const databaseUrl = `sqlite:${path.join(dir, 'hall.sqlite')}`;
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const shared = { NODE_ENV: 'test', PAYMENT_NOTIFY_SECRET: NOTIFY_SECRET, ...options.env };
  const sandbox = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'server/src/payment-channel/sandbox/sandbox-main.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'), ...shared, SANDBOX_ACQUIRER_PORT: String(sandboxPort) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const sandboxExited = once(sandbox, 'exit');
  const server = await spawnHall({
    // The production build of the client, but not NODE_ENV=production: that refuses the demo accounts' published passwords,
    // and the registration CAPTCHA's answer handed out for registration.e2e.ts (CAPTCHA_TEST_HOOK needs NODE_ENV=test).
    env: {
      ...shared,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      CAPTCHA_TEST_HOOK: 'true',
      PAYMENT_SANDBOX_URL: sandboxUrl,
      HALL_PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
  });
  const stop = async () => {
    await server.stop();
    if (sandbox.exitCode === null && sandbox.signalCode === null) sandbox.kill('SIGTERM');
    await sandboxExited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.answering(60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: server.baseUrl, sandboxUrl, databaseUrl, stop };
}
