/** One hall server and one Chromium for the whole run; each spec opens its own browser context. */
import { chromium, type Browser } from 'playwright-core';
import { startHallServer, type HallServer } from './hall-server';

export const CHROMIUM = process.env.CHROME_BIN ?? '/usr/bin/chromium';

export const world: { server: HallServer; browser: Browser } = {} as never;

jasmine.DEFAULT_TIMEOUT_INTERVAL = 60_000;

beforeAll(async () => {
  world.server = await startHallServer();
  world.browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await world.browser?.close();
  await world.server?.stop();
});
