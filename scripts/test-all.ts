/**
 * The one test command: lint (ESLint, Prettier), server suite on SQLite and on PostgreSQL, client unit tests,
 * then the end-to-end suite against a production build. Ends with one line `N passed, N failed`.
 *
 * The server suites spend much of their time waiting for the database, so two lanes run side by side: the SQLite
 * suite then lint, and the PostgreSQL suite (whose other half of the work is PostgreSQL's own process). They share
 * nothing: each hall has its own SQLite file or PostgreSQL schema, servers take free ports, temporary folders are
 * made with mkdtemp. Then the client suite, the build and the e2e suite run one after another and alone: Chromium's
 * waits are the most sensitive to a busy machine, and the machine has two cores. Each suite's output is held back
 * and printed whole when it ends, so suites never interleave.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  skipped: boolean;
  exitCode: number;
}

const CI = process.env.CI === 'true' || process.env.CI === '1';
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const JASMINE = ['--import', 'tsx', 'node_modules/jasmine/bin/jasmine.js'];

/** Runs a command to its end; its output (stdout and stderr as they came) is returned, not printed. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;

const startedAt = new Map<string, number>();

/** One suite's output, whole, under its name; a short line when it starts so a long wait is explained. */
function announce(name: string): void {
  startedAt.set(name, Date.now());
  process.stdout.write(`[${elapsed()}] started: ${name}\n`);
}
function report(name: string, output: string): void {
  const took = Math.round((Date.now() - (startedAt.get(name) ?? started)) / 1000);
  process.stdout.write(`\n=== ${name} (${took} s, done at ${elapsed()}) ===\n${output}${output.endsWith('\n') ? '' : '\n'}`);
}

/** `12 specs, 1 failure, 2 pending specs` → counts; pending specs are neither passed nor failed. */
function jasmineCounts(output: string): { passed: number; failed: number } | null {
  const matches = [...output.matchAll(/(\d+) specs?, (\d+) failures?(?:, (\d+) pending specs?)?/g)];
  const last = matches.at(-1);
  if (!last) return null;
  const [total, failed, pending] = [Number(last[1]), Number(last[2]), Number(last[3] ?? 0)];
  return { passed: total - failed - pending, failed };
}

/** Karma's final `Executed 40 of 40 (2 FAILED)` / `Executed 40 of 40 SUCCESS`. */
function karmaCounts(output: string): { passed: number; failed: number } | null {
  const matches = [...output.matchAll(/Executed (\d+) of (\d+)(?: \((\d+) FAILED\))?/g)];
  const last = matches.at(-1);
  if (!last) return null;
  const executed = Number(last[1]);
  const failed = Number(last[3] ?? 0);
  return { passed: executed - failed, failed };
}

function postgresAnswers(): Promise<boolean> {
  const url = new URL(POSTGRES_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 5432) });
    socket.setTimeout(2000);
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function suite(
  name: string,
  command: string,
  args: string[],
  parse: (output: string) => { passed: number; failed: number } | null,
  env: NodeJS.ProcessEnv = {},
): Promise<SuiteResult> {
  announce(name);
  const { code, output } = await run(command, args, env);
  report(name, output);
  const counts = parse(output);
  // A suite that crashed before reporting counts as one failure, so the total can never read green.
  const result = counts ?? { passed: 0, failed: 1 };
  if (code !== 0 && result.failed === 0) result.failed = 1;
  return { name, ...result, skipped: false, exitCode: code };
}

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);
const serverJasmine = JASMINE.concat('--config=server/jasmine.json');

async function lint(): Promise<SuiteResult[]> {
  // `npm run lint` is the one definition of the check (ESLint, then Prettier); it counts as one test.
  const name = 'lint (ESLint, Prettier)';
  announce(name);
  const lint = await run('npm', ['run', '--silent', 'lint']);
  report(name, lint.output);
  const clean = lint.code === 0;
  return [{ name, passed: clean ? 1 : 0, failed: clean ? 0 : 1, skipped: false, exitCode: lint.code }];
}

async function postgresSuite(): Promise<SuiteResult[]> {
  const name = 'server (PostgreSQL)';
  if (await postgresAnswers())
    return [await suite(name, process.execPath, serverJasmine, jasmineCounts, { TEST_DB: 'postgres', TEST_POSTGRES_URL: POSTGRES_URL })];
  if (CI) {
    process.stdout.write(`\nPostgreSQL does not answer at ${POSTGRES_URL}; CI requires the PostgreSQL suite.\n`);
    return [{ name, passed: 0, failed: 1, skipped: false, exitCode: 1 }];
  }
  process.stdout.write(`\nNOTICE: PostgreSQL suite SKIPPED: nothing answers at ${POSTGRES_URL} (set TEST_POSTGRES_URL).\n`);
  return [{ name, passed: 0, failed: 0, skipped: true, exitCode: 0 }];
}

async function build(): Promise<SuiteResult[]> {
  const name = 'building the client for e2e';
  announce(name);
  const built = await run(process.execPath, ['--import', 'tsx', 'scripts/build-client.ts']);
  report(name, built.output);
  return built.code === 0 ? [] : [{ name: 'e2e (build)', passed: 0, failed: 1, skipped: false, exitCode: built.code }];
}

/** Steps one after another; a failed build ends its lane (no e2e against a stale client). */
async function lane(steps: (() => Promise<SuiteResult[]>)[]): Promise<SuiteResult[]> {
  const results: SuiteResult[] = [];
  for (const step of steps) results.push(...(await step()));
  return results;
}

const sqliteSuite = async () => [await suite('server (SQLite)', process.execPath, serverJasmine, jasmineCounts, { TEST_DB: 'sqlite' })];
const clientSuite = async () => [
  await suite('client (Karma, headless Chromium)', process.execPath, ['node_modules/@angular/cli/bin/ng.js', 'test', '--watch=false'], karmaCounts),
];
const e2eSuite = () => suite('e2e (Playwright, Chromium)', process.execPath, JASMINE.concat('--config=e2e/jasmine.json'), jasmineCounts);

const lanes = [[...(wanted('server') ? [sqliteSuite] : []), ...(wanted('lint') ? [lint] : [])], wanted('server') ? [postgresSuite] : []];
// Results in the fixed order of the lanes, whichever finished first.
const results = (await Promise.all(lanes.map(lane))).flat();
results.push(...(await lane([...(wanted('client') ? [clientSuite] : []), ...(wanted('e2e') ? [build] : [])])));
if (wanted('e2e') && !results.some((r) => r.name === 'e2e (build)')) {
  results.push(await e2eSuite());
}

process.stdout.write('\n=== summary ===\n');
for (const r of results) {
  process.stdout.write(`${r.name}: ${r.skipped ? 'SKIPPED' : `${r.passed} passed, ${r.failed} failed`}\n`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`(${elapsed()} in all)\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
