import type { Locator } from 'playwright-core';

/** Waits until the locator matches exactly `count` elements (lists reload from the server after a filter). */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await locator.count();
    if (n === count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} elements, found ${n}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
