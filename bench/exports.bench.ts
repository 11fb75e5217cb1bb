/**
 * Export speed and memory (issue: streaming Excel exports), and list latency under 20 concurrent
 * clients, on the large seed (`npm run seed:large`: 100,000 insured persons, 12 months), or with
 * BENCH_DATABASE_URL at a copy of the city (issue 15) on its largest unit, also 100,000 persons.
 */
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { currentFeePeriod } from '../common/fee-period';
import { migrateLatest, openDatabase } from '../server/src/db/database';
import { maskedUrl } from '../server/src/db/dialect';
import { LARGE_UNIT, seedLarge } from '../server/src/db/seeds/large';
import { DEMO_PASSWORDS } from '../server/src/db/seeds/demo';
import { exportTexts } from '../server/src/exports/list-export';
import { writeWorkbook } from '../server/src/exports/xlsx-stream';
import { Messages } from '../server/src/http/i18n';
import { paymentDetailColumns } from '../server/src/payments/payment-columns';
import { PaymentStore } from '../server/src/payments/payments.store';
import { Caller, cityUnit, fmt, peakRssMb, percentile, ROOT, startServer } from './support';
import path from 'node:path';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(ROOT, 'data', 'bench-large.sqlite')}`;
const period = currentFeePeriod(new Date());
const ALL = `from=${period}&to=${period}&insuranceType=310`;

/** The unit benched: the city's largest where the database holds the city, otherwise the large seed's. */
interface BenchUnit {
  id: number;
  creditCode: string;
  /** An ID area that a fifth of its persons have, for the export of a fifth. */
  markedArea: string;
}

async function ensureLargeSeed(): Promise<BenchUnit> {
  const db = openDatabase(DATABASE_URL);
  try {
    await migrateLatest(db);
    const city = await cityUnit(db.knex);
    if (city) return city;
    let unit = await db.knex('units').where({ credit_code: LARGE_UNIT.creditCode }).first('id');
    if (!unit) {
      console.log(`seeding the large unit into ${DATABASE_URL} (once; takes a minute or two)…`);
      await seedLarge(db.knex, new Date(), (l) => console.log(l));
      await db.knex.raw('ANALYZE');
      unit = await db.knex('units').where({ credit_code: LARGE_UNIT.creditCode }).first('id');
    }
    return { id: unit.id, creditCode: LARGE_UNIT.creditCode, markedArea: LARGE_UNIT.markedArea };
  } finally {
    await db.knex.destroy();
  }
}

/** Downloads an export through HTTP on a fresh server process; its peak RSS is the export's. */
async function exportOverHttp(unit: BenchUnit, query: string): Promise<{ ms: number; rows: number; bytes: number; peakMb: number }> {
  const server = await startServer(DATABASE_URL);
  try {
    const caller = new Caller(server.baseUrl);
    await caller.signInUnitAdmin(unit.creditCode, DEMO_PASSWORDS.unitAdmin);
    await caller.fetch(`/api/payments/details?${query}&pageSize=1`);
    const started = performance.now();
    const res = await caller.fetch(`/api/payments/details/export?${query}`);
    let bytes = 0;
    for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
    const ms = performance.now() - started;
    return { ms, rows: Number(res.headers.get('x-total-rows')), bytes, peakMb: peakRssMb(server.pid) };
  } finally {
    await server.stop();
  }
}

/** The baseline: the same rows, already in memory, through exceljs's streaming writer, no HTTP. */
async function exportFromMemory(unitId: number): Promise<{ ms: number; rows: number }> {
  const db = openDatabase(DATABASE_URL);
  const store = new PaymentStore(db.knex, period);
  const rows = [];
  for await (const page of store.keysetPages(unitId, { from: period, to: period, insuranceType: '310' })) rows.push(...page);
  await db.knex.destroy();
  const messages = new Messages(path.join(ROOT, 'client', 'public', 'i18n'));
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const started = performance.now();
  const pages = (async function* () {
    for (let i = 0; i < rows.length; i += 2000) yield rows.slice(i, i + 2000);
  })();
  await writeWorkbook(sink, {
    sheetName: 'payments',
    title: ['unit', 'filters', 'exported at'],
    columns: paymentDetailColumns(exportTexts(messages, 'zh-CN')),
    pages,
  });
  return { ms: performance.now() - started, rows: rows.length };
}

async function latencyUnderLoad(caller: Caller, url: string): Promise<{ p50: number; p95: number; p99: number; requests: number; errors: number }> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: caller.baseUrl + url, connections: 20, duration: 10, headers: { cookie: caller.cookieHeader } }, (err, res) =>
      err ? reject(err as Error) : resolve(res),
    );
    // Every response's own latency, for exact percentiles (autocannon's summary has no p95).
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    errors: result.errors + result.non2xx,
  };
}

export async function run(): Promise<void> {
  const unit = await ensureLargeSeed();
  const where = unit.creditCode === LARGE_UNIT.creditCode ? 'the large seed' : `the city's largest unit, ${maskedUrl(DATABASE_URL)}`;
  console.log(`\n== exports of payment details (issue 4), ${where} ==`);

  const baseline = await exportFromMemory(unit.id);
  const full = await exportOverHttp(unit, ALL);
  const fifth = await exportOverHttp(unit, `${ALL}&q=${unit.markedArea}`);
  console.log(`baseline (memory → exceljs stream): ${baseline.rows} rows in ${fmt(baseline.ms, 0)} ms`);
  console.log(
    `HTTP export:                        ${full.rows} rows in ${fmt(full.ms, 0)} ms, ${fmt(full.bytes / 1e6)} MB, server peak RSS ${fmt(full.peakMb)} MB`,
  );
  console.log(`HTTP export of a fifth:             ${fifth.rows} rows in ${fmt(fifth.ms, 0)} ms, server peak RSS ${fmt(fifth.peakMb)} MB`);
  console.log(`ratio HTTP / baseline: ${fmt(full.ms / baseline.ms, 2)} (target <= 1.3)`);
  console.log(`peak RSS at 100,000 rows: ${fmt(full.peakMb)} MB (target < 250 MB)`);
  console.log(`peak RSS 100,000 / 20,000 rows: ${fmt(full.peakMb / fifth.peakMb, 2)} (target <= 1.2)`);

  console.log('\n== list queries, 20 concurrent clients for 10 s each ==');
  const server = await startServer(DATABASE_URL);
  try {
    const caller = new Caller(server.baseUrl);
    await caller.signInUnitAdmin(unit.creditCode, DEMO_PASSWORDS.unitAdmin);
    const lists = {
      'payment details (a person, a year)': `/api/payments/details?q=${unit.markedArea}19660101&pageSize=20`,
      'payment details (a period, page 100)': `/api/payments/details?from=${period}&to=${period}&page=100&pageSize=20`,
      'insured list (search by name, page 0)': '/api/insured-persons?q=王&pageSize=20',
      'insured list (page 1000)': '/api/insured-persons?page=1000&pageSize=20',
    };
    for (const [name, url] of Object.entries(lists)) {
      const probe = await caller.fetch(url);
      if (probe.status === 404) {
        console.log(`${name}: endpoint not available`);
        continue;
      }
      const r = await latencyUnderLoad(caller, url);
      console.log(
        `${name}: p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, p99 ${fmt(r.p99)} ms (${r.requests} requests, ${r.errors} errors; target p95 < 30 ms)`,
      );
    }
  } finally {
    await server.stop();
  }
}
