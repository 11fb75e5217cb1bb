/** Debian's Chromium as the e2e suite and the first-load benchmark drive it. */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROME_BIN ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}
