/** One hall server and one Chromium for the whole run; each spec opens its own browser context. */
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startHallServer, type HallServer } from './hall-server';

export const world: { server: HallServer; browser: Browser } = {} as never;

jasmine.DEFAULT_TIMEOUT_INTERVAL = 60_000;

beforeAll(async () => {
  world.server = await startHallServer();
  world.browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await world.browser?.close();
  await world.server?.stop();
});
