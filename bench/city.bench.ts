/**
 * City scale (issue 15) on the PostgreSQL database `npm run seed:city` fills (CITY_DATABASE_URL, default
 * the local `city`): list latency under 20 concurrent clients with the page cache off (LIST_CACHE=off, so
 * every page runs its plan), each request a random unit's random page or search; the reviewer's console
 * across all units; and the monthly assessment of one period for every unit. Each figure is printed with
 * its target.
 */
import autocannon from 'autocannon';
import { addMonths, currentFeePeriod } from '../common/fee-period';
import { systemClock } from '../server/src/clock';
import { openDatabase } from '../server/src/db/database';
import { AssessmentService } from '../server/src/payments/assessment.service';
import { CITY, cityCreditCode } from '../server/src/db/seeds/city';
import { DEMO_PASSWORDS, DEMO_REVIEWER } from '../server/src/db/seeds/demo';
import { seededRandom } from '../server/src/db/seeds/people';
import { Caller, fmt, percentile, startServer } from './support';

export const CITY_DATABASE_URL = process.env.CITY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/city';
const CLIENTS = 20;
/** Stateless instances on the one database, the clients spread over them as a load balancer would. */
const INSTANCES = Number(process.env.CITY_INSTANCES ?? 2);
const SECONDS = Number(process.env.CITY_BENCH_SECONDS ?? 10);
/**
 * Each list first runs this long unmeasured, as on instances that have been up a while: their code compiled by the
 * JIT, their pools' connections open with the list's statements prepared. The cold start is `bench lean`'s figure.
 */
const WARM_SECONDS = Number(process.env.CITY_BENCH_WARM_SECONDS ?? 2);
/** Units signed in for the run, drawn uniformly from the city's units (most are small, a few very large). */
const SIGNED_IN_UNITS = 40;
const SURNAMES = '王李张刘陈杨黄赵吴周';
/**
 * `CITY_BENCH_ONLY`: `lists` runs the lists without the monthly assessment, `payments` only the payment lists,
 * `assessment` only the monthly assessment; unset, everything.
 */
const ONLY = process.env.CITY_BENCH_ONLY as 'lists' | 'payments' | 'assessment' | undefined;

interface BenchUnit {
  id: number;
  creditCode: string;
  persons: number;
  idNumbers: string[];
  caller: Caller;
}

/** What one request asks: a path and whose session. */
type NextRequest = () => { path: string; cookie: string };

const random = seededRandom(2026_15);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const pageOf = (rows: number) => Math.floor(random() * Math.max(1, Math.ceil(rows / 20)));

/** The city's units to sign in to, with their persons and a few of their ID numbers; null when the city is not seeded. */
export async function benchUnits(databaseUrl: string, count: number): Promise<Omit<BenchUnit, 'caller'>[] | null> {
  const db = openDatabase(databaseUrl);
  try {
    if (
      !(await db
        .knex('units')
        .where({ credit_code: cityCreditCode(CITY.units) })
        .first('id'))
    )
      return null;
    const units = [];
    for (let i = 0; i < count; i++) {
      const creditCode = cityCreditCode(1 + Math.floor(random() * CITY.units));
      const unit = await db.knex('units').where({ credit_code: creditCode }).first<{ id: number }>('id');
      const persons = Number((await db.knex('employments').where({ unit_id: unit.id }).count({ n: '*' }).first())!.n);
      const idNumbers = await db
        .knex('employments as e')
        .join('insured_persons as p', 'p.id', 'e.person_id')
        .where('e.unit_id', unit.id)
        .orderBy('e.id')
        .offset(Math.floor(random() * Math.max(1, persons - 10)))
        .limit(10)
        .pluck('p.id_number');
      units.push({ id: unit.id, creditCode, persons, idNumbers });
    }
    return units;
  } finally {
    await db.knex.destroy();
  }
}

async function latency(baseUrls: string[], next: NextRequest): Promise<{ p50: number; p95: number; requests: number; errors: number }> {
  if (WARM_SECONDS > 0) await load(baseUrls, next, WARM_SECONDS, []);
  const latencies: number[] = [];
  const result = await load(baseUrls, next, SECONDS, latencies);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), requests: latencies.length, errors: result.errors + result.non2xx };
}

/** CLIENTS concurrent clients for `seconds`, each response's time pushed to `latencies`. */
function load(baseUrls: string[], next: NextRequest, seconds: number, latencies: number[]): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        // autocannon spreads the connections over an array of URLs (lib/url.js); its types only say string.
        url: baseUrls as unknown as string,
        connections: CLIENTS,
        duration: seconds,
        requests: [
          {
            setupRequest: (req) => {
              const { path, cookie } = next();
              return { ...req, path, headers: { ...req.headers, cookie } };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err as Error) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

const results: { name: string; value: number; target: number; unit: string; pass: boolean }[] = [];
function report(name: string, value: number, target: number, unit: string, detail = ''): void {
  const pass = value <= target;
  results.push({ name, value, target, unit, pass });
  console.log(`${name}: ${fmt(value)} ${unit} (target < ${target} ${unit}) ${pass ? 'PASS' : 'FAIL'}${detail ? `  [${detail}]` : ''}`);
}

/**
 * Every unit's monthly assessment of the period after the seeded ones, timed, through the service the
 * reviewer's `POST /api/review/assessments/all` calls (in this process: on a loaded machine it can outlast an
 * HTTP client's timeouts). A run a crash cut short is completed first (and reported), then the period is
 * removed and assessed again from nothing; its rows are removed afterwards.
 */
async function monthlyAssessment(): Promise<void> {
  const period = addMonths(currentFeePeriod(new Date()), 1);
  const db = openDatabase(CITY_DATABASE_URL);
  const assessments = new AssessmentService(db.knex, systemClock);
  const reviewerId = (await db.knex('users').where({ role: 'reviewer' }).orderBy('id').first<{ id: number }>('id')).id;
  const forget = async () => {
    await db.knex('payment_details').where('fee_period', period).delete();
    for (const totals of ['unit_period_totals', 'unit_period_persons']) await db.knex(totals).where('fee_period', period).delete();
    await db.knex('assessments').where('fee_period', period).delete();
  };
  try {
    const leftOver = Number((await db.knex('assessments').where('fee_period', period).count({ n: '*' }).first())!.n);
    if (leftOver > 0) {
      const resumed = await assessments.assessAll(period, reviewerId);
      console.log(
        `a run cut short had assessed ${leftOver} units; running it again assessed the other ${resumed.units} and skipped ${resumed.skipped}`,
      );
    }
    await forget();
    const started = performance.now();
    const result = await assessments.assessAll(period, reviewerId);
    const seconds = (performance.now() - started) / 1000;
    report(
      `monthly assessment of ${period} for every unit`,
      seconds,
      60,
      's',
      `${result.units.toLocaleString('en')} units, ${result.inserted.toLocaleString('en')} payment details`,
    );
    await forget();
    // Some 3,000,000 rows removed: the next run's lists would otherwise step over their dead index entries, and
    // the planner would count them until autovacuum came round.
    await db.knex.raw('VACUUM (ANALYZE) payment_details, unit_period_totals, unit_period_persons, assessments');
  } finally {
    await db.knex.destroy();
  }
}

export async function run(): Promise<void> {
  if (ONLY === 'assessment') {
    await monthlyAssessment();
    return summary();
  }
  console.log(
    `\n== city scale: ${CLIENTS} concurrent clients over ${INSTANCES} instances, ${SECONDS} s a list after ${WARM_SECONDS} s unmeasured, page cache off, random units of the city ==`,
  );
  const seeded = await benchUnits(CITY_DATABASE_URL, SIGNED_IN_UNITS);
  if (!seeded) {
    console.log(`the city is not seeded in ${CITY_DATABASE_URL}: run DATABASE_URL=${CITY_DATABASE_URL} npm run seed:city first`);
    return;
  }
  const servers = await Promise.all(Array.from({ length: INSTANCES }, () => startServer(CITY_DATABASE_URL, { LIST_CACHE: 'off' })));
  const [server] = servers;
  const baseUrls = servers.map((s) => s.baseUrl);
  try {
    const units: BenchUnit[] = [];
    for (const u of seeded) {
      const caller = new Caller(server.baseUrl);
      await caller.signInUnitAdmin(u.creditCode, DEMO_PASSWORDS.unitAdmin);
      units.push({ ...u, caller });
    }
    const reviewer = new Caller(server.baseUrl);
    await reviewer.signInReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    const sizes = units.map((u) => u.persons).sort((a, b) => a - b);
    console.log(`signed in to ${units.length} units of ${sizes[0]}–${sizes.at(-1)} persons (median ${sizes[Math.floor(sizes.length / 2)]})`);

    const period = currentFeePeriod(new Date());
    const months = Array.from({ length: 12 }, (_, i) => addMonths(period, -i));
    const asUnit =
      (path: (u: BenchUnit) => string): NextRequest =>
      () => {
        const u = pick(units);
        return { path: path(u), cookie: u.caller.cookieHeader };
      };
    const lists: Record<string, NextRequest> = {
      'insured list (random page, sort, or a search by name or ID number)': asUnit((u) => {
        const choice = random();
        if (choice < 0.25) return `/api/insured-persons?q=${encodeURIComponent(pick([...SURNAMES]))}&pageSize=20`;
        if (choice < 0.4) return `/api/insured-persons?q=${pick(u.idNumbers).slice(0, 14)}&pageSize=20`;
        const sort = pick(['name', 'idNumber', 'startMonth']);
        return `/api/insured-persons?sort=${sort}&direction=${pick(['asc', 'desc'])}&page=${pageOf(u.persons)}&pageSize=20`;
      }),
      'payment details of a person (a year)': asUnit((u) => `/api/payments/details?q=${pick(u.idNumbers)}&pageSize=20`),
      'payment details of a period (random page)': asUnit((u) => {
        const month = pick(months);
        return `/api/payments/details?from=${month}&to=${month}&page=${pageOf(u.persons * 3)}&pageSize=20`;
      }),
      'unit payments (periods)': asUnit(() => `/api/payments/periods?page=0&pageSize=12`),
      'queues (pending, audited)': asUnit(
        (u) => `/api/submissions?queue=${pick(['pending', 'audited'])}&page=${pageOf(u.persons * 0.02)}&pageSize=20`,
      ),
      'audit trail (random page)': asUnit((u) => `/api/audit?page=${pageOf(u.persons * 0.05 + 12)}&pageSize=20`),
    };
    const payments = (name: string) => name.startsWith('payment') || name.startsWith('unit payments');
    for (const [name, next] of Object.entries(lists).filter(([name]) => ONLY !== 'payments' || payments(name))) {
      const r = await latency(baseUrls, next);
      report(`${name} p95`, r.p95, 30, 'ms', `p50 ${fmt(r.p50)} ms, ${r.requests} requests, ${r.errors} errors`);
    }
    if (ONLY !== 'payments') {
      const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      const console_ = await latency(baseUrls, () => {
        const filters = new URLSearchParams({ status: pick(['pending', 'pending', 'rejected']), pageSize: '20' });
        const choice = random();
        if (choice < 0.4) filters.set('unitId', String(pick(units).id));
        else if (choice < 0.7) filters.set('kind', pick(['reduction', 'addition']));
        else {
          const from = Math.floor(random() * 300);
          filters.set('from', day(from + 30));
          filters.set('to', day(from));
        }
        if (random() < 0.3) filters.set('page', String(Math.floor(random() * 20)));
        return { path: `/api/review/submissions?${filters}`, cookie: reviewer.cookieHeader };
      });
      report(
        'reviewer console across all units (by unit, kind or date) p95',
        console_.p95,
        50,
        'ms',
        `p50 ${fmt(console_.p50)} ms, ${console_.requests} requests, ${console_.errors} errors`,
      );
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  if (ONLY !== 'payments' && ONLY !== 'lists') await monthlyAssessment();
  summary();
}

function summary(): void {
  const failed = results.filter((r) => !r.pass);
  console.log(failed.length === 0 ? 'city: every figure within target' : `city: ${failed.length} of ${results.length} figures over target`);
}
