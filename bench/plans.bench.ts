/**
 * `npm run bench -- plans`: EXPLAIN (ANALYZE, BUFFERS) of every query each list runs at city scale, written
 * to docs/plans.md (refresh it by running this again). The lists run through their services with the
 * page cache off, as a request would, once for a unit of about 300 persons and once for the largest unit;
 * every query they send is captured and explained. Each query is checked for reading other units' rows: a
 * sequential scan of a table that holds every unit's rows, or more insured persons than the unit employs.
 */
import { writeFileSync } from 'node:fs';
import type { QueryResultRow } from 'pg';
import path from 'node:path';
import { auditQuery } from '../common/api/audit';
import { insuredQuery } from '../common/api/declarations';
import { paymentDetailQuery, unitPaymentQuery } from '../common/api/payments';
import { reviewQuery, submissionQuery } from '../common/api/submissions';
import { currentFeePeriod } from '../common/fee-period';
import { createServices } from '../server/src/app';
import { systemClock } from '../server/src/clock';
import { openDatabase } from '../server/src/db/database';
import type { KnexPool } from '../server/src/db/seeds/city';
import { createLogger } from '../server/src/logger';
import { CITY_DATABASE_URL } from './city.bench';
import { cityUnit, ROOT } from './support';

/** Tables holding every unit's rows: a sequential scan of one reads other units'. */
const CITY_TABLES = [
  'payment_details',
  'unit_period_totals',
  'unit_period_persons',
  'employments',
  'enrollments',
  'insured_persons',
  'declarations',
  'audit_log',
  'collections',
  'assessments',
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodes(child);
}

/** What in the plan reads beyond the unit: sequential scans of city tables, and more persons read than the unit has. */
function otherUnitsRead(plan: PlanNode, unitPersons: number | null): string[] {
  const problems: string[] = [];
  let persons = 0;
  for (const n of nodes(plan)) {
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] && CITY_TABLES.includes(n['Relation Name']))
      problems.push(`Seq Scan on ${n['Relation Name']}`);
    if (n['Relation Name'] === 'insured_persons') persons += (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0)) * n['Actual Loops'];
  }
  if (unitPersons !== null && persons > unitPersons) problems.push(`reads ${persons} insured persons, the unit has ${unitPersons}`);
  return problems;
}

interface Captured {
  sql: string;
  bindings: unknown[];
  /** Sent through Database.pages, whose connections keep one generic plan per statement: that plan is explained. */
  generic: boolean;
}

export async function run(): Promise<void> {
  console.log('\n== query plans of the lists at city scale → docs/plans.md ==');
  const db = openDatabase(CITY_DATABASE_URL);
  const captured: Captured[] = [];
  for (const [knex, generic] of [
    [db.knex, false],
    [db.pages, true],
  ] as const)
    knex.on('query', (q: { sql: string; bindings?: unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [], generic }));
  const services = createServices({
    db,
    clock: systemClock,
    logger: createLogger('warn'),
    i18nDir: path.join(ROOT, 'client', 'public', 'i18n'),
    secureCookies: false,
    listCache: false,
  });
  const sizeOf = async (unitId: number) => Number((await db.knex('employments').where({ unit_id: unitId }).count({ n: '*' }).first())!.n);
  // A unit of about 300 persons (the issue's case) and the largest.
  const [typical] = await db
    .knex('employments')
    .groupBy('unit_id')
    .havingRaw('count(*) between 280 and 320')
    .orderBy('unit_id', 'desc')
    .limit(1)
    .pluck('unit_id');
  const largest = (await cityUnit(db.knex))?.id;
  if (typical === undefined || largest === undefined) {
    console.log(`no unit of about 300 persons in ${CITY_DATABASE_URL}: seed the city first (npm run seed:city)`);
    await db.knex.destroy();
    return;
  }
  const period = currentFeePeriod(new Date());
  const idNumberOf = async (unitId: number) =>
    (
      await db
        .knex('employments as e')
        .join('insured_persons as p', 'p.id', 'e.person_id')
        .where('e.unit_id', unitId)
        .orderBy('e.id', 'desc')
        .first('p.id_number')
    ).id_number as string;

  const unitLists = async (unitId: number): Promise<[string, () => Promise<unknown>][]> => {
    const idNumber = await idNumberOf(unitId);
    const persons = await sizeOf(unitId);
    const lastPage = Math.max(0, Math.floor(persons / 20) - 1);
    return [
      ['insured list, by name, last page', () => services.insured.list(unitId, insuredQuery.parse({ sort: 'name', page: lastPage, pageSize: 20 }))],
      ['insured list, search by name 王', () => services.insured.list(unitId, insuredQuery.parse({ q: '王', pageSize: 20 }))],
      ['insured list, search by ID number', () => services.insured.list(unitId, insuredQuery.parse({ q: idNumber.slice(0, 14), pageSize: 20 }))],
      ['payment details of a person', () => services.payments.details(unitId, paymentDetailQuery.parse({ q: idNumber, pageSize: 20 }))],
      [
        'payment details of a period, last page',
        () =>
          services.payments.details(
            unitId,
            paymentDetailQuery.parse({ from: period, to: period, page: Math.max(0, Math.floor((persons * 3) / 20) - 1), pageSize: 20 }),
          ),
      ],
      ['unit payments (periods)', () => services.payments.periods(unitId, unitPaymentQuery.parse({ pageSize: 12 }))],
      [
        'insured list, by start month descending, middle page',
        () =>
          services.insured.list(unitId, insuredQuery.parse({ sort: 'startMonth', direction: 'desc', page: Math.floor(lastPage / 2), pageSize: 20 })),
      ],
      ['queue: pending', () => services.submissions.list(unitId, 'unit_admin', submissionQuery.parse({ queue: 'pending' }))],
      [
        'queue: audited, last page',
        () =>
          services.submissions.list(
            unitId,
            'unit_admin',
            submissionQuery.parse({ queue: 'audited', page: Math.max(0, Math.ceil((persons * 0.03) / 20) - 1) }),
          ),
      ],
      ['audit trail, page 2', () => services.audit.page(unitId, auditQuery.parse({ page: 2, pageSize: 20 }))],
      [
        'audit trail, last page',
        () => services.audit.page(unitId, auditQuery.parse({ page: Math.max(0, Math.ceil((persons * 0.05 + 12) / 20) - 1), pageSize: 20 })),
      ],
    ];
  };
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const reviewerLists: [string, () => Promise<unknown>][] = [
    ['reviewer console: pending, all units', () => services.review.list(reviewQuery.parse({ status: 'pending' }))],
    ['reviewer console: pending, page 50', () => services.review.list(reviewQuery.parse({ status: 'pending', page: 50 }))],
    ['reviewer console: one unit', () => services.review.list(reviewQuery.parse({ status: 'pending', unitId: typical }))],
    ['reviewer console: rejected reductions', () => services.review.list(reviewQuery.parse({ status: 'rejected', kind: 'reduction' }))],
    ['reviewer console: rejected in a month', () => services.review.list(reviewQuery.parse({ status: 'rejected', from: day(120), to: day(90) }))],
    [
      'reviewer console: pending in a month none was submitted, page 5',
      () => services.review.list(reviewQuery.parse({ status: 'pending', from: day(200), to: day(170), page: 5 })),
    ],
  ];

  const pool = db.knex.client as KnexPool;
  const client = await pool.acquireConnection();
  const out: string[] = [
    '# Query plans at city scale',
    '',
    `Generated by \`npm run bench -- plans\` on ${new Date().toISOString().slice(0, 10)} from ${CITY_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`,
    '(`npm run seed:city`). Each list ran once through its service, page cache off, as a request runs it; below is',
    'every query it sent, with `EXPLAIN (ANALYZE, BUFFERS)`. "Other units" lists what would read beyond the unit: a',
    "sequential scan of a table holding every unit's rows, or more insured persons read than the unit employs.",
    "A list page's statements run on connections that keep one generic plan per statement (`Database.pages`): that plan",
    'is the one explained, prepared and executed with the same values.',
    '',
  ];
  let flagged = 0;
  const explainAll = async (title: string, unitPersons: number | null, lists: [string, () => Promise<unknown>][]) => {
    out.push(`## ${title}`, '');
    for (const [name, call] of lists) {
      await call(); // warm: the current period assessed, caches of the database filled
      captured.length = 0;
      await call();
      const queries = captured.filter((q) => /^\s*select/i.test(q.sql) && !/data_version/.test(q.sql));
      out.push(`### ${name}`, '');
      for (const q of queries) {
        // A statement of the pages' pool runs its generic plan: prepared, and explained as it is executed.
        const explain = async <T extends QueryResultRow>(options: string): Promise<T[]> => {
          if (!q.generic) return (await client.query<T>(`EXPLAIN (${options}) ${q.sql}`, q.bindings)).rows;
          await client.query('SET plan_cache_mode = force_generic_plan');
          await client.query(`PREPARE listed AS ${q.sql}`);
          try {
            // EXECUTE's values are written out: a utility statement takes no bound parameters.
            const args = q.bindings
              .map((v) =>
                v === null ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : client.escapeLiteral(String(v as string)),
              )
              .join(', ');
            return (await client.query<T>(`EXPLAIN (${options}) EXECUTE listed${args ? `(${args})` : ''}`)).rows;
          } finally {
            await client.query('DEALLOCATE listed');
            await client.query('RESET plan_cache_mode');
          }
        };
        const rows = await explain<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>('ANALYZE, BUFFERS, FORMAT JSON');
        const [{ Plan: plan, 'Execution Time': ms }] = rows[0]['QUERY PLAN'];
        const text = { rows: await explain<{ 'QUERY PLAN': string }>('ANALYZE, BUFFERS') };
        const problems = otherUnitsRead(plan, unitPersons);
        flagged += problems.length;
        console.log(`${title} / ${name}: ${ms.toFixed(1)} ms${problems.length ? ' — OTHER UNITS: ' + problems.join('; ') : ''}`);
        out.push(
          `${ms.toFixed(1)} ms${q.generic ? ' (its generic plan)' : ''}; other units: ${problems.length ? '**' + problems.join('; ') + '**' : 'none'}`,
          '',
          '```sql',
          q.sql.replace(/\s+/g, ' ').trim(),
          '```',
          '',
          '```',
          ...text.rows.map((r) => r['QUERY PLAN']),
          '```',
          '',
        );
      }
    }
  };
  try {
    await explainAll(`A unit of ${await sizeOf(typical)} persons (unit ${typical})`, await sizeOf(typical), await unitLists(typical));
    await explainAll(`The largest unit, ${await sizeOf(largest)} persons (unit ${largest})`, await sizeOf(largest), await unitLists(largest));
    await explainAll('The reviewer across all units', null, reviewerLists);
  } finally {
    await pool.releaseConnection(client);
    await db.close();
  }
  writeFileSync(path.join(ROOT, 'docs', 'plans.md'), out.join('\n'));
  console.log(`docs/plans.md written; ${flagged === 0 ? 'no list query reads other units' : `${flagged} reads of other units flagged`}`);
}
