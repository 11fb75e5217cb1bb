/**
 * `npm start`: the hall and the sandbox acquirer, each in its own process, as a real hall and a real payment
 * provider are. Both get this environment; SIGTERM or SIGINT stops both, and if either ends, the other is
 * stopped and the launcher exits with the first one's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config: { serverNodeFlags: string } };
const SERVER_NODE_FLAGS = packageJson.config.serverNodeFlags.split(' ').filter(Boolean);
// Built (dist/server/start.js), both run as their bundles without a loader; under tsx, as TypeScript.
const COMPILED = import.meta.url.endsWith('.js');
const entry = (source: string, out: string): string[] =>
  COMPILED ? [path.join(ROOT, 'dist/server', `${out}.js`)] : ['--import', import.meta.resolve('tsx'), path.join(ROOT, source)];

const children: ChildProcess[] = [
  spawn(process.execPath, entry('server/src/payment-channel/sandbox/sandbox-main.ts', 'sandbox'), { stdio: 'inherit' }),
  spawn(process.execPath, [...SERVER_NODE_FLAGS, ...entry('server/src/main.ts', 'main')], { stdio: 'inherit' }),
];

let stopping = false;
const stopAll = (signal: NodeJS.Signals) => {
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
process.on('SIGTERM', () => stopAll('SIGTERM'));
process.on('SIGINT', () => stopAll('SIGINT'));

let exitCode: number | null = null;
for (const child of children) {
  child.on('exit', (code) => {
    exitCode ??= code ?? (stopping ? 0 : 1);
    stopAll('SIGTERM');
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
  });
}
