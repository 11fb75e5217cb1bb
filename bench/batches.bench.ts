/**
 * Batch additions from a template (issue: batch, from templates): a 10,000-row addition file through
 * the HTTP API (dry run + submit) on a real server process, against the baseline of the same rows
 * through exceljs's streaming reader, the same validation and a one-transaction insert, no HTTP.
 *
 * On a seeded SQLite file of the demo units; with BENCH_DATABASE_URL at a copy of the city (issue 15), on the city's
 * largest unit. The import writes its declarations there: each side, and each run, declares persons of its own.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { additionMonths } from '../common/month-rules';
import { idNumberCheckChar } from '../common/validators/id-number';
import { TEMPLATES } from '../templates';
import { importSheet } from '../server/src/batches/sheet-import';
import { checkXlsx } from '../server/src/batches/xlsx-guard';
import { systemClock } from '../server/src/clock';
import { migrateLatest, openDatabase } from '../server/src/db/database';
import { DEMO_PASSWORDS, DEMO_UNITS, seedDemo } from '../server/src/db/seeds/demo';
import { declarationRows } from '../server/src/declarations/declaration-rules';
import { DeclarationService } from '../server/src/declarations/declarations.service';
import { batchRow, filledTemplate, XLSX_TYPE } from '../server/test/batch-files';
import { maskedUrl } from '../server/src/db/dialect';
import { Caller, cityUnit, fmt, peakRssMb, ROOT, startServer } from './support';

const ROWS = 10_000;
const WORK_DIR = path.join(ROOT, 'data', `bench-batches-${randomBytes(4).toString('hex')}`);

const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL;

/** People nobody insures: the seeds' birth years are 1966 and later; `birthMonth` is 1962's month unless given. */
function idNumber(sequence: number, birthMonth = '196201'): string {
  const birth = `${birthMonth}${String(1 + Math.floor(sequence / 1000)).padStart(2, '0')}`;
  const first17 = `350102${birth}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * Two birth months, one a side, of 1941–1965, which none of the city's persons has and earlier runs on the same copy
 * most likely did not take (one pair in 150).
 */
function unusedBirthMonths(): [string, string] {
  const year = 1941 + Math.floor(Math.random() * 25);
  const month = 1 + 2 * Math.floor(Math.random() * 6);
  return [month, month + 1].map((m) => `${year}${String(m).padStart(2, '0')}`) as [string, string];
}

async function seededDatabase(file: string): Promise<void> {
  const db = openDatabase(`sqlite:${file}`);
  await migrateLatest(db);
  await seedDemo(db.knex, { personsPerUnit: 300, residents: 12, now: systemClock.now() });
  await db.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.knex.destroy();
}

async function overHttp(databaseUrl: string, creditCode: string, file: Buffer, warmUp: Buffer) {
  const server = await startServer(databaseUrl);
  try {
    const caller = new Caller(server.baseUrl);
    await caller.signInUnitAdmin(creditCode, DEMO_PASSWORDS.unitAdmin);
    const validate = (body: Buffer) =>
      caller.fetch('/api/batches/validate?kind=addition', {
        method: 'POST',
        headers: { 'Content-Type': XLSX_TYPE, 'X-File-Name': encodeURIComponent('增员.xlsx') },
        body: new Uint8Array(body),
      });
    // Steady state, as on a server that has been running: the sheet worker started and its code warm.
    await (await validate(warmUp)).json();

    const started = performance.now();
    const validation = await (await validate(file)).json();
    const validated = performance.now();
    const submitted = await caller.fetch('/api/batches', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomBytes(8).toString('hex') },
      body: JSON.stringify({ token: validation.token }),
    });
    const result = await submitted.json();
    const ended = performance.now();
    if (validation.validRows !== ROWS || result.declarations !== ROWS) {
      throw new Error(`HTTP import: ${validation.validRows} valid, ${JSON.stringify(result).slice(0, 300)}`);
    }
    return { validateMs: validated - started, submitMs: ended - validated, peakMb: peakRssMb(server.pid) };
  } finally {
    await server.stop();
  }
}

async function baseline(databaseUrl: string, creditCode: string, file: Buffer, warmUp: Buffer) {
  const db = openDatabase(databaseUrl);
  try {
    const unit = await db.knex('units').where({ credit_code: creditCode }).first('id');
    const admin = await db.knex('users').where({ role: 'unit_admin', unit_id: unit.id }).first();
    const actor = {
      sessionId: 'bench',
      userId: admin.id,
      role: 'unit_admin' as const,
      name: admin.name,
      login: admin.login,
      unitId: unit.id,
      personId: null,
      mustChangePassword: false,
    };
    const declarations = new DeclarationService(db.knex, systemClock);
    const rules = declarations.rules;
    const validate = async (body: Buffer) => {
      checkXlsx(body);
      const imported = await importSheet(body, TEMPLATES.addition, systemClock.now());
      const problems = await rules.check(unit.id, declarationRows('addition', imported.valid));
      return imported.valid.filter((_, i) => problems[i].length === 0);
    };
    // Warmed up exactly like the server.
    await validate(warmUp);
    const started = performance.now();
    const rows = await validate(file);
    const validated = performance.now();
    const result = await declarations.submit(unit.id, actor, declarationRows('addition', rows), { fileName: '增员.xlsx' }, 'bench');
    const ended = performance.now();
    if (result.declarationIds.length !== ROWS) throw new Error(`baseline: ${result.declarationIds.length} declarations`);
    return { validateMs: validated - started, submitMs: ended - validated };
  } finally {
    await db.knex.destroy();
  }
}

export async function run(): Promise<void> {
  mkdirSync(WORK_DIR, { recursive: true });
  try {
    const month = additionMonths(systemClock.now(), 25).at(-1)!;
    const effectiveMonth = `${month.slice(0, 4)}-${month.slice(4)}`;
    const fileOf = (birthMonth?: string) =>
      filledTemplate(
        'addition',
        Array.from({ length: ROWS }, (_, i) =>
          batchRow(idNumber(i, birthMonth), { name: `测试员${'甲乙丙丁戊己庚辛壬癸'[i % 10]}`, effectiveMonth, wageFen: `${5000 + (i % 300)}.5` }),
        ),
      );

    let sides: { base: { url: string; file: Buffer }; http: { url: string; file: Buffer }; creditCode: string };
    const city = BENCH_DATABASE_URL ? await cityOf(BENCH_DATABASE_URL) : null;
    if (BENCH_DATABASE_URL && city) {
      console.log(
        `\n== batch additions from a template: ${ROWS.toLocaleString('en')} rows, the city's largest unit, ${maskedUrl(BENCH_DATABASE_URL)} ==`,
      );
      // One database for both sides: each declares persons of its own, born in another month.
      const [baseMonth, httpMonth] = unusedBirthMonths();
      sides = {
        base: { url: BENCH_DATABASE_URL, file: await fileOf(baseMonth) },
        http: { url: BENCH_DATABASE_URL, file: await fileOf(httpMonth) },
        creditCode: city,
      };
    } else {
      if (BENCH_DATABASE_URL)
        throw new Error(
          `${maskedUrl(BENCH_DATABASE_URL)} holds no city: the batch bench runs on a copy of the city, or on SQLite without BENCH_DATABASE_URL`,
        );
      console.log(`\n== batch additions from a template: ${ROWS.toLocaleString('en')} rows ==`);
      const seeded = path.join(WORK_DIR, 'seeded.sqlite');
      await seededDatabase(seeded);
      const httpDb = path.join(WORK_DIR, 'http.sqlite');
      const baselineDb = path.join(WORK_DIR, 'baseline.sqlite');
      copyFileSync(seeded, httpDb);
      copyFileSync(seeded, baselineDb);
      const file = await fileOf();
      sides = { base: { url: `sqlite:${baselineDb}`, file }, http: { url: `sqlite:${httpDb}`, file }, creditCode: DEMO_UNITS[0].creditCode };
    }
    console.log(`file: ${ROWS} rows, ${fmt(sides.http.file.length / 1e6, 2)} MB`);

    // The warm-up is the same file, validated and never submitted, on both sides.
    const base = await baseline(sides.base.url, sides.creditCode, sides.base.file, sides.base.file);
    const http = await overHttp(sides.http.url, sides.creditCode, sides.http.file, sides.http.file);
    const baseMs = base.validateMs + base.submitMs;
    const httpMs = http.validateMs + http.submitMs;
    console.log(
      `baseline (stream read → same validation → one transaction): validate ${fmt(base.validateMs, 0)} ms + insert ${fmt(base.submitMs, 0)} ms = ${fmt(baseMs, 0)} ms`,
    );
    console.log(
      `HTTP (POST /api/batches/validate + POST /api/batches):     validate ${fmt(http.validateMs, 0)} ms + submit ${fmt(http.submitMs, 0)} ms = ${fmt(httpMs, 0)} ms`,
    );
    console.log(`ratio HTTP / baseline: ${fmt(httpMs / baseMs, 2)} (target <= 1.5)`);
    console.log(`server peak RSS: ${fmt(http.peakMb)} MB (target < 300 MB)`);
  } finally {
    rmSync(WORK_DIR, { recursive: true, force: true });
  }
}

/** The credit code of the city's largest unit, if the database holds the city. */
async function cityOf(databaseUrl: string): Promise<string | null> {
  const db = openDatabase(databaseUrl);
  try {
    return (await cityUnit(db.knex))?.creditCode ?? null;
  } finally {
    await db.knex.destroy();
  }
}
