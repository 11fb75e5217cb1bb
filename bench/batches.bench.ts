/**
 * Batch additions from a template (issue: batch, from templates): a 10,000-row addition file through
 * the HTTP API (dry run + submit) on a real server process, against the baseline of the same rows
 * through exceljs's streaming reader, the same validation and a one-transaction insert, no HTTP.
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
import { Caller, fmt, peakRssMb, ROOT, startServer } from './support';

const ROWS = 10_000;
const WORK_DIR = path.join(ROOT, 'data', `bench-batches-${randomBytes(4).toString('hex')}`);

/** People nobody insures: the seed's birth years are 1966–2004. */
function idNumber(sequence: number): string {
  const birth = `196201${String(1 + Math.floor(sequence / 1000)).padStart(2, '0')}`;
  const first17 = `350102${birth}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

async function seededDatabase(file: string): Promise<void> {
  const db = openDatabase(`sqlite:${file}`);
  await migrateLatest(db);
  await seedDemo(db.knex, { personsPerUnit: 300, residents: 12, now: systemClock.now() });
  await db.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.knex.destroy();
}

async function overHttp(databaseFile: string, file: Buffer, warmUp: Buffer) {
  const server = await startServer(`sqlite:${databaseFile}`);
  try {
    const caller = new Caller(server.baseUrl);
    await caller.signInUnitAdmin(DEMO_UNITS[0].creditCode, DEMO_PASSWORDS.unitAdmin);
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

async function baseline(databaseFile: string, file: Buffer, warmUp: Buffer) {
  const db = openDatabase(`sqlite:${databaseFile}`);
  try {
    const unit = await db.knex('units').where({ credit_code: DEMO_UNITS[0].creditCode }).first('id');
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
  console.log('\n== batch additions from a template: 10,000 rows ==');
  mkdirSync(WORK_DIR, { recursive: true });
  try {
    const seeded = path.join(WORK_DIR, 'seeded.sqlite');
    await seededDatabase(seeded);
    const month = additionMonths(systemClock.now(), 25).at(-1)!;
    const effectiveMonth = `${month.slice(0, 4)}-${month.slice(4)}`;
    const rows = Array.from({ length: ROWS }, (_, i) =>
      batchRow(idNumber(i), { name: `测试员${i}`, effectiveMonth, wageFen: `${5000 + (i % 300)}.5` }),
    );
    const file = await filledTemplate('addition', rows);
    // The warm-up is the same file, validated and never submitted, on both sides.
    const warmUp = file;
    console.log(`file: ${ROWS} rows, ${fmt(file.length / 1e6, 2)} MB`);

    const httpDb = path.join(WORK_DIR, 'http.sqlite');
    const baselineDb = path.join(WORK_DIR, 'baseline.sqlite');
    copyFileSync(seeded, httpDb);
    copyFileSync(seeded, baselineDb);

    const base = await baseline(baselineDb, file, warmUp);
    const http = await overHttp(httpDb, file, warmUp);
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
