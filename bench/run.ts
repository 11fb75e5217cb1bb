/**
 * `npm run bench [-- names]`: every benchmark, each printing its figures and the ratio against a
 * baseline measured in the same run. Each runs in a process of its own, so one benchmark's heap and
 * JIT state cannot slow down (or flatter) the next one's baseline.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const [mode, ...names] = process.argv.slice(2);

if (mode === '--one') {
  const bench = (await import(`./${names[0]}`)) as { run(): Promise<void> };
  await bench.run();
} else {
  const only = [mode, ...names].filter(Boolean);
  const files = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  for (const file of files) {
    const run = spawnSync(process.execPath, [...process.execArgv, path.join(import.meta.dirname, 'run.ts'), '--one', file], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
