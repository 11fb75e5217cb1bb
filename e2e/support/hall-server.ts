/** The real hall, as `npm start` runs it, on a fresh SQLite file with the demo data and a free port. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnHall } from '../../server/test/hall-process';

export interface HallServer {
  baseUrl: string;
  /** The hall's database, for a spec that sets regional configuration the hall has no screen for. */
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startHallServer(): Promise<HallServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-e2e-'));
  const databaseUrl = `sqlite:${path.join(dir, 'hall.sqlite')}`;
  const server = await spawnHall({
    // The production build of the client, but not NODE_ENV=production: that refuses the demo accounts' published passwords,
    // and the registration CAPTCHA's answer handed out for registration.e2e.ts (CAPTCHA_TEST_HOOK needs NODE_ENV=test).
    env: { NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', CAPTCHA_TEST_HOOK: 'true' },
  });
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.answering(60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: server.baseUrl, databaseUrl, stop };
}
