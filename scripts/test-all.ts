/**
 * The one test command: lint (ESLint, Prettier), server suite on SQLite and on PostgreSQL, client unit tests,
 * then the end-to-end suite against a production build. Ends with one line `N passed, N failed`.
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

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => forward(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => forward(c, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
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
  process.stdout.write(`\n=== ${name} ===\n`);
  const { code, output } = await run(command, args, env);
  const counts = parse(output);
  // A suite that crashed before reporting counts as one failure, so the total can never read green.
  const result = counts ?? { passed: 0, failed: 1 };
  if (code !== 0 && result.failed === 0) result.failed = 1;
  return { name, ...result, skipped: false, exitCode: code };
}

const results: SuiteResult[] = [];
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

if (wanted('lint')) {
  // `npm run lint` is the one definition of the check (ESLint, then Prettier); it counts as one test.
  process.stdout.write('\n=== lint (ESLint, Prettier) ===\n');
  const lint = await run('npm', ['run', '--silent', 'lint']);
  const clean = lint.code === 0;
  results.push({ name: 'lint (ESLint, Prettier)', passed: clean ? 1 : 0, failed: clean ? 0 : 1, skipped: false, exitCode: lint.code });
}
if (wanted('server')) {
  results.push(
    await suite('server (SQLite)', process.execPath, JASMINE.concat('--config=server/jasmine.json'), jasmineCounts, { TEST_DB: 'sqlite' }),
  );
  if (await postgresAnswers()) {
    results.push(
      await suite('server (PostgreSQL)', process.execPath, JASMINE.concat('--config=server/jasmine.json'), jasmineCounts, {
        TEST_DB: 'postgres',
        TEST_POSTGRES_URL: POSTGRES_URL,
      }),
    );
  } else if (CI) {
    process.stdout.write(`\nPostgreSQL does not answer at ${POSTGRES_URL}; CI requires the PostgreSQL suite.\n`);
    results.push({ name: 'server (PostgreSQL)', passed: 0, failed: 1, skipped: false, exitCode: 1 });
  } else {
    process.stdout.write(`\nNOTICE: PostgreSQL suite SKIPPED: nothing answers at ${POSTGRES_URL} (set TEST_POSTGRES_URL).\n`);
    results.push({ name: 'server (PostgreSQL)', passed: 0, failed: 0, skipped: true, exitCode: 0 });
  }
}
if (wanted('client')) {
  results.push(
    await suite('client (Karma, headless Chromium)', process.execPath, ['node_modules/@angular/cli/bin/ng.js', 'test', '--watch=false'], karmaCounts),
  );
}
if (wanted('e2e')) {
  process.stdout.write('\n=== building the client for e2e ===\n');
  const build = await run(process.execPath, ['--import', 'tsx', 'scripts/build-client.ts']);
  if (build.code !== 0) results.push({ name: 'e2e (build)', passed: 0, failed: 1, skipped: false, exitCode: build.code });
  else results.push(await suite('e2e (Playwright, Chromium)', process.execPath, JASMINE.concat('--config=e2e/jasmine.json'), jasmineCounts));
}

process.stdout.write('\n=== summary ===\n');
for (const r of results) {
  process.stdout.write(`${r.name}: ${r.skipped ? 'SKIPPED' : `${r.passed} passed, ${r.failed} failed`}\n`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
