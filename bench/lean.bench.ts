/**
 * Lean processes (issue #15): the compiled server (dist/server/main.js, as `npm start` runs it) on a migrated
 * SQLite database: how long it takes to answer, its resident memory once idle, and its peak while a 20,000-row
 * upload in which every row has errors is checked and its annotated copy downloaded.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { idNumberCheckChar } from '../common/validators/id-number';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { batchRow, filledTemplate, XLSX_TYPE } from '../server/test/batch-files';
import { SERVER_NODE_FLAGS, spawnHall } from '../server/test/hall-process';
import { Caller, fmt, peakRssMb, ROOT } from './support';

const ROWS = 20_000;
const IDLE_MS = 10_000;
const WORK_DIR = path.join(ROOT, 'data', `bench-lean-${randomBytes(4).toString('hex')}`);

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** The process's children (the sheet processes it forked). */
function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
}

/** CPU time the process has used (user + system), in ms: a start's cost that other load on the machine does not stretch. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime, the 14th and 15th fields, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** An ID number whose check character is wrong, so that every row has that error at least. */
function wrongIdNumber(sequence: number): string {
  const first17 = `35010219620101${String(sequence % 1000).padStart(3, '0')}`;
  const right = idNumberCheckChar(first17);
  return first17 + (right === '1' ? '2' : '1');
}

const hall = (databaseUrl: string, seed: boolean) =>
  spawnHall({
    // Not NODE_ENV=production: the demo accounts keep their published passwords, which production refuses.
    env: { NODE_ENV: 'test', DATABASE_URL: databaseUrl, SEED_DEMO: String(seed), LOG_LEVEL: 'warn' },
    nodeFlags: SERVER_NODE_FLAGS,
    echoStderr: true,
  });

export async function run(): Promise<void> {
  console.log('\n== lean processes: the compiled server ==');
  mkdirSync(WORK_DIR, { recursive: true });
  const databaseUrl = `sqlite:${path.join(WORK_DIR, 'hall.sqlite')}`;
  try {
    // The first start builds the server, migrates and seeds; what is measured is a start on that database.
    const seeding = await hall(databaseUrl, true);
    await seeding.answering(300_000);
    await seeding.stop();

    const spawned = performance.now();
    const server = await hall(databaseUrl, false);
    await server.answering(60_000);
    const startMs = performance.now() - spawned;
    const startCpuMs = cpuMs(server.pid);
    try {
      await delay(IDLE_MS);
      const idleMb = rssMb(server.pid);

      const rows = Array.from({ length: ROWS }, (_, i) =>
        batchRow(wrongIdNumber(i), { name: `测试员${i}`, mobile: '12345', effectiveMonth: '2001-01', wageFen: 'abc' }),
      );
      const file = await filledTemplate('addition', rows);
      const caller = new Caller(server.baseUrl);
      await caller.signInUnitAdmin(DEMO_UNITS[0].creditCode, DEMO_PASSWORDS.unitAdmin);
      const validation = await (
        await caller.fetch('/api/batches/validate?kind=addition', {
          method: 'POST',
          headers: { 'Content-Type': XLSX_TYPE, 'X-File-Name': encodeURIComponent('增员.xlsx') },
          body: new Uint8Array(file),
        })
      ).json();
      if (validation.invalidRows !== ROWS) throw new Error(`expected ${ROWS} rows with errors: ${JSON.stringify(validation).slice(0, 300)}`);
      const afterCheckMb = peakRssMb(server.pid);
      const started = performance.now();
      const annotated = await caller.fetch(`/api/batches/validations/${validation.token}/annotated`);
      const bytes = (await annotated.arrayBuffer()).byteLength;
      if (annotated.status !== 200) throw new Error(`annotated download: ${annotated.status}`);
      const annotatedMs = performance.now() - started;
      const peakMb = peakRssMb(server.pid);
      // The sheet jobs run in child processes (kept idle for a while after a job): their memory is the upload's too.
      const sheetPeaksMb = childPids(server.pid).map(peakRssMb);

      console.log(`start on a migrated database, spawn to /api/health 200: ${fmt(startMs, 0)} ms (target < 2000 ms)`);
      console.log(`  of which CPU time of the server process: ${fmt(startCpuMs, 0)} ms (the wall time above stretches with the machine's load)`);
      console.log(`idle RSS after ${IDLE_MS / 1000} s: ${fmt(idleMb)} MB (target < 120 MB)`);
      console.log(
        `${ROWS}-row upload, errors on every row (${validation.errorCount} in all): ${fmt(file.length / 1e6, 2)} MB; annotated copy ${fmt(bytes / 1e6, 2)} MB in ${fmt(annotatedMs, 0)} ms`,
      );
      console.log(`server peak RSS: ${fmt(afterCheckMb)} MB after the check, ${fmt(peakMb)} MB after the annotated download (target < 300 MB)`);
      console.log(`sheet processes' peak RSS: ${sheetPeaksMb.map((mb) => `${fmt(mb)} MB`).join(', ') || 'none alive'} (each under 300 MB too)`);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(WORK_DIR, { recursive: true, force: true });
  }
}
