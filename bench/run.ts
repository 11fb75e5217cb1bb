/** `npm run bench`: every benchmark, each printing its figures and the ratio against a baseline measured in the same run. */
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
for (const file of files) {
  const bench = (await import(`./${file}`)) as { run(): Promise<void> };
  await bench.run();
}
