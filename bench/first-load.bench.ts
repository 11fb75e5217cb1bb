/**
 * The login page's first load (issue #12, "First load"): bytes transferred and first contentful paint in
 * Chromium throttled to a 4 Mbit/s line with 60 ms latency, against the production build (`npm run build`;
 * built here when missing) served by the real server. Each cold load in a fresh browser context, so nothing
 * is cached; then one repeat visit in the same context, which the year-long cache of hashed files serves.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../e2e/support/chromium';
import { fmt, percentile, ROOT, startServer } from './support';

const LINE = { downloadMbit: 4, uploadMbit: 4, latencyMs: 60 };
const TARGET = { kB: 250, fcpMs: 1000 };
const COLD_LOADS = 5;

interface Load {
  bytes: number;
  fcpMs: number;
  byType: Map<string, number>;
}

/** One visit of /login with the line throttled; bytes as Chromium counts them on the wire (headers included). */
async function visit(context: BrowserContext, baseUrl: string): Promise<Load> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LINE.latencyMs,
    downloadThroughput: (LINE.downloadMbit * 1_000_000) / 8,
    uploadThroughput: (LINE.uploadMbit * 1_000_000) / 8,
  });
  const types = new Map<string, string>();
  const byType = new Map<string, number>();
  let bytes = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    const type = types.get(e.requestId) ?? 'Other';
    byType.set(type, (byType.get(type) ?? 0) + e.encodedDataLength);
  });
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
  await page.waitForSelector('mat-icon, input', { timeout: 30_000 });
  const fcpMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  await page.close();
  return { bytes, fcpMs, byType };
}

const kB = (bytes: number) => bytes / 1000;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

export async function run(): Promise<void> {
  const dist = path.join(ROOT, 'dist', 'client', 'browser');
  if (!existsSync(path.join(dist, 'index.html'))) {
    console.log('no production build yet: npm run build…');
    const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'build-client.ts')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-first-load-'));
  const server = await startServer(`sqlite:${path.join(dir, 'hall.sqlite')}`);
  const browser = await launchChromium();
  try {
    const cold: Load[] = [];
    let repeat: Load | undefined;
    for (let i = 0; i < COLD_LOADS; i++) {
      const context = await browser.newContext();
      cold.push(await visit(context, server.baseUrl));
      if (i === 0) repeat = await visit(context, server.baseUrl);
      await context.close();
    }
    const bytes = cold.map((l) => l.bytes).sort((a, b) => a - b);
    const fcps = cold.map((l) => l.fcpMs).sort((a, b) => a - b);
    const medianBytes = percentile(bytes, 50);
    const medianFcp = percentile(fcps, 50);
    const typical = cold.find((l) => l.bytes === medianBytes)!;

    console.log(`\nfirst load of /login, ${LINE.downloadMbit} Mbit/s down and up, ${LINE.latencyMs} ms latency, ${COLD_LOADS} cold loads (median):`);
    console.log(`  transferred               ${fmt(kB(medianBytes))} kB   target ≤ ${TARGET.kB} kB: ${verdict(kB(medianBytes) <= TARGET.kB)}`);
    console.log(
      `  first contentful paint    ${fmt(medianFcp, 0)} ms   target < ${TARGET.fcpMs} ms: ${verdict(medianFcp < TARGET.fcpMs)}  (range ${fmt(fcps[0], 0)}–${fmt(fcps.at(-1)!, 0)} ms)`,
    );
    console.log(
      `  by kind                   ${[...typical.byType]
        .sort(([, a], [, b]) => b - a)
        .map(([type, n]) => `${type} ${fmt(kB(n))} kB`)
        .join(', ')}`,
    );
    console.log(`  repeat visit              ${fmt(kB(repeat!.bytes))} kB, first contentful paint ${fmt(repeat!.fcpMs, 0)} ms`);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
