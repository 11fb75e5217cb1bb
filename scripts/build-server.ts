/**
 * The server as `npm start` runs it: each entry point bundled by esbuild into one ES module in dist/server, so no
 * TypeScript loader runs in the server or its worker threads. Bundling resolves the `@common/*` alias, and the
 * packages go in too: one file reads in a quarter less time than the thousand files of node_modules it replaces.
 *
 * A new process or worker thread is one more line in SERVER_ENTRIES; its file is dist/server/<out>.js, beside main.js,
 * which is where `entryUrl()` (server/src/entry-url.ts) finds it from the running code.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
export const SERVER_DIST = path.join(ROOT, 'dist', 'server');
export const SERVER_MAIN = path.join(SERVER_DIST, 'main.js');
/** What the last build read, for `serverBuilt()`: the source and package files, and the files it wrote. */
const MANIFEST = path.join(SERVER_DIST, 'inputs.json');

/**
 * Left in node_modules: the database drivers (sqlite3 is native; knex requires its dialect's driver by name, and the
 * dialects the hall never uses have no driver installed), and what the code loads only when first needed (exceljs,
 * svg-captcha), which would otherwise be read and compiled at every start.
 */
const EXTERNAL = [
  'sqlite3',
  'pg',
  'pg-native',
  'pg-query-stream',
  'better-sqlite3',
  'mysql',
  'mysql2',
  'mariadb',
  'oracledb',
  'tedious',
  'exceljs',
  'svg-captcha',
];

/** Every file the server starts: the process itself and each `new Worker(...)`. */
export const SERVER_ENTRIES = [
  { in: 'server/src/main.ts', out: 'main' },
  { in: 'server/src/workers/workbook.worker.ts', out: 'workbook.worker' },
  { in: 'server/src/batches/sheet.process.ts', out: 'sheet.process' },
  // `npm start`: the launcher of the hall and the sandbox acquirer, and the sandbox itself.
  { in: 'server/src/start.ts', out: 'start' },
  { in: 'server/src/payment-channel/sandbox/sandbox-main.ts', out: 'sandbox' },
];

/**
 * Builds every entry. Files are written beside their final names and renamed over them, so a server starting while
 * another test process rebuilds reads a whole file, old or new, never half of one.
 */
export async function buildServer(): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: SERVER_ENTRIES,
    outdir: SERVER_DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    external: EXTERNAL,
    // The bundled CommonJS packages require Node's modules and the external ones; an ES module has no `require` of its own.
    banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
    tsconfig: path.join(ROOT, 'server', 'tsconfig.json'),
    // One copy of a module shared by two entries would be a chunk file; each entry stands alone instead.
    splitting: false,
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  mkdirSync(SERVER_DIST, { recursive: true });
  for (const file of result.outputFiles) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  const manifest = { inputs: Object.keys(result.metafile.inputs), outputs: result.outputFiles.map((f) => f.path) };
  writeFileSync(`${MANIFEST}.${process.pid}.tmp`, JSON.stringify(manifest));
  renameSync(`${MANIFEST}.${process.pid}.tmp`, MANIFEST);
}

/** Whether dist/server is newer than every file the last build read (a changed import changes its importer too). */
function serverBuilt(): boolean {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { inputs: string[]; outputs: string[] };
    const built = Math.min(...manifest.outputs.map((file) => statSync(file).mtimeMs));
    return manifest.inputs.every((file) => statSync(path.resolve(ROOT, file)).mtimeMs < built);
  } catch {
    return false;
  }
}

/** Builds the server unless the build in dist/server is up to date: what the tests and benchmarks start. */
export async function ensureServerBuilt(): Promise<void> {
  if (!serverBuilt()) await buildServer();
}

if (import.meta.main) {
  const started = performance.now();
  await buildServer();
  process.stdout.write(`built the server into ${path.relative(ROOT, SERVER_DIST)} in ${Math.round(performance.now() - started)} ms\n`);
}
