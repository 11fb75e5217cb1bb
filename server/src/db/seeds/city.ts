/**
 * A city in the database (issue 15): thousands of units of skewed sizes, a million insured persons, 12
 * months of assessed and partly collected payment details, pending and decided submissions spread over
 * the units, and their audit trail. PostgreSQL only: every table is loaded with COPY (pg-copy-streams)
 * into the migrated schema, indexes and constraints in place, in one transaction, so a failed seed leaves
 * nothing behind. It goes on top of the demo data, which stays as it is.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { addMonths, currentFeePeriod, type FeePeriod } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES, INSURANCE_TYPES, contributionBaseFen, contributionFen } from '@common/insurance';
import { creditCodeCheckChar } from '@common/validators/credit-code';
import { idNumberCheckChar } from '@common/validators/id-number';
import { hashPassword } from '../../auth/password';
import { refreshPeriodTotals } from '../../payments/period-totals.store';
import { DEMO_LIMITS, DEMO_PASSWORDS } from './demo';
import { seededRandom } from './people';

export interface CitySize {
  units: number;
  persons: number;
  /** The largest unit's persons at most. */
  largest: number;
}

export const CITY: CitySize = { units: 5_000, persons: 1_000_000, largest: 100_000 };
/** The smallest unit's persons. */
const SMALLEST = 20;
/** Credit codes of the city's units: `91350100MC` and a 7-digit number (never a demo unit's). */
const CREDIT_CODE_PREFIX = '91350100MC';
/** County codes no other seed draws ID numbers from, so the city's ID numbers collide with nobody's. */
export const CITY_AREAS = ['350122', '350123', '350124', '350125', '350126'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚俊婷宇鹏颖琳斌凯辉蕾倩瑶璐桂英华建国文';
/** Birth dates drawn from: 40 years of 12 months of 28 days. */
const BIRTH_DATES = 40 * 12 * 28;

/** The credit code of the city's unit number `seq` (1-based); its administrator signs in with it. */
export function cityCreditCode(seq: number): string {
  const first17 = `${CREDIT_CODE_PREFIX}${String(seq).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/**
 * Persons per unit, largest first: a power law (the r-th unit's share of what is above the minimum goes
 * as 1/r), so most units are small and a few are very large, summing to exactly `persons`.
 */
export function unitSizes(size: CitySize): number[] {
  const above = size.persons - SMALLEST * size.units;
  if (above < 0) throw new Error(`${size.persons} persons cannot fill ${size.units} units of at least ${SMALLEST}`);
  const weights = Array.from({ length: size.units }, (_, r) => 1 / (r + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.min(size.largest, SMALLEST + Math.floor((above * w) / total)));
  let left = size.persons - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % sizes.length) {
    const add = Math.min(left, size.largest - sizes[i]);
    sizes[i] += add;
    left -= add;
  }
  return sizes;
}

/** One COPY text-format line; null is `\N`. No seeded value holds a tab, newline or backslash. */
const line = (values: readonly (string | number | boolean | null)[]) => values.map((v) => (v === null ? '\\N' : String(v))).join('\t') + '\n';

/** Streams the lines a generator yields (in chunks of about 1 MB) into `COPY table (columns) FROM STDIN`. */
async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], lines: () => Iterable<string>): Promise<void> {
  const chunks = function* () {
    let chunk = '';
    for (const l of lines()) {
      chunk += l;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/** Reserves `count` ids of the table's sequence for explicit use; answers the first. */
async function reserveIds(client: pg.PoolClient, table: string, count: number): Promise<number> {
  const { rows } = await client.query<{ last: string }>(
    `SELECT setval(pg_get_serial_sequence($1, 'id'), greatest((SELECT coalesce(max(id), 0) FROM ${table}), nextval(pg_get_serial_sequence($1, 'id'))) + $2) AS last`,
    [table, count],
  );
  return Number(rows[0].last) - count + 1;
}

/**
 * Loads a large table with its unique and foreign key constraints and secondary indexes dropped, then
 * recreates each from its own definition as the catalog printed it (same name, same columns, same
 * predicate): one sorted build and one validating join instead of a check and five index inserts per row.
 */
async function withoutSecondaryIndexes(client: pg.PoolClient, table: string, load: () => Promise<void>): Promise<void> {
  const { rows: constraints } = await client.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('u', 'f') ORDER BY contype DESC`,
    [table],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index i
     WHERE indrelid = $1::regclass AND NOT indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype = 'u')`,
    [table],
  );
  for (const c of constraints) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  await load();
  for (const i of indexes) await client.query(i.definition);
  // Unique constraints first: ORDER BY contype DESC puts 'u' before 'f'.
  for (const c of constraints) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT "${c.name}" ${c.definition}`);
}

/** Knex's pool, typed as far as the seed uses it: a raw pg connection for COPY. */
export interface KnexPool {
  config: { client: unknown };
  acquireConnection(): Promise<pg.PoolClient>;
  releaseConnection(connection: pg.PoolClient): Promise<unknown>;
}

interface CityUnit {
  id: number;
  seq: number;
  adminId: number;
  firstPerson: number;
  persons: number;
}

interface CityPerson {
  id: number;
  idNumber: string;
  name: string;
  startMonth: FeePeriod;
  endMonth: FeePeriod | null;
  wageFen: number;
}

/** Seeds the city on PostgreSQL; the demo data (its reviewer, rates and limits) must be there. */
export async function seedCity(knex: Knex, now: Date, size: CitySize = CITY, log: (line: string) => void = () => {}): Promise<void> {
  const pool = knex.client as KnexPool;
  if (pool.config.client !== 'pg') throw new Error('seed:city needs PostgreSQL: COPY loads the city.');
  const at = now.toISOString();
  const current = currentFeePeriod(now);
  const first = addMonths(current, -11);
  const periods: FeePeriod[] = Array.from({ length: 12 }, (_, i) => addMonths(first, i));
  const lastMonth = addMonths(current, -1);
  const reviewer = await knex('users').where({ role: 'reviewer' }).orderBy('id').first<{ id: number } | undefined>('id');
  if (!reviewer) throw new Error('seed:city goes on top of the demo data: seed it first (its reviewer records the collections).');
  const adminHash = await hashPassword(DEMO_PASSWORDS.unitAdmin);
  const random = seededRandom(15_000_000);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const sizes = unitSizes(size);
  // Sizes in a shuffled order of unit numbers, so the large units are not the first ids.
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = int(0, i);
    [sizes[i], sizes[j]] = [sizes[j], sizes[i]];
  }

  const client = await pool.acquireConnection();
  const cityUnits: number[] = [];
  const started = Date.now();
  const progress = (what: string) => log(`  ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    const unitStart = await reserveIds(client, 'units', size.units);
    const userStart = await reserveIds(client, 'users', size.units);
    const personStart = await reserveIds(client, 'insured_persons', size.persons);
    const units: CityUnit[] = [];
    let nextPerson = personStart;
    sizes.forEach((persons, i) => {
      units.push({ id: unitStart + i, seq: i + 1, adminId: userStart + i, firstPerson: nextPerson, persons });
      nextPerson += persons;
      cityUnits.push(unitStart + i);
    });

    await copyInto(
      client,
      'units',
      ['id', 'credit_code', 'name', 'unit_number', 'unit_type', 'collection_mode', 'registration_date', 'created_at', 'updated_at'],
      function* () {
        for (const u of units) {
          const number = String(u.seq).padStart(7, '0');
          yield line([u.id, cityCreditCode(u.seq), `福州城区第${number}号单位有限公司`, `3598${number}`, 'enterprise', 'tax', '2019-01-15', at, at]);
        }
      },
    );
    await copyInto(client, 'unit_insurance_types', ['unit_id', 'insurance_type', 'start_month'], function* () {
      for (const u of units) for (const type of EMPLOYEE_INSURANCE_TYPES) yield line([u.id, type, '201901']);
    });
    await copyInto(
      client,
      'users',
      ['id', 'role', 'login', 'name', 'password_hash', 'disabled', 'unit_id', 'created_at', 'updated_at'],
      function* () {
        for (const u of units) yield line([u.adminId, 'unit_admin', cityCreditCode(u.seq), `单位${u.seq}管理员`, adminHash, false, u.id, at, at]);
      },
    );
    progress(`${size.units.toLocaleString('en')} units and their administrators`);

    // Each unit's persons, generated again (deterministically) for every table that needs them.
    const personsOf = function* (u: CityUnit): Generator<CityPerson> {
      const r = seededRandom(u.seq);
      for (let k = 0; k < u.persons; k++) {
        const i = u.firstPerson - personStart + k;
        const d = i % BIRTH_DATES;
        const birth = `${1966 + Math.floor(d / 336)}${String(1 + (Math.floor(d / 28) % 12)).padStart(2, '0')}${String(1 + (d % 28)).padStart(2, '0')}`;
        const first17 = `${CITY_AREAS[Math.floor(i / BIRTH_DATES) % CITY_AREAS.length]}${birth}${String(Math.floor(i / (BIRTH_DATES * CITY_AREAS.length))).padStart(3, '0')}`;
        const joinedThisYear = r() < 0.15;
        const left = r() < 0.05;
        const startMonth = joinedThisYear ? addMonths(current, -Math.floor(r() * 12)) : '202001';
        const endMonth = left ? addMonths(current, -1 - Math.floor(r() * 6)) : null;
        yield {
          id: u.firstPerson + k,
          idNumber: first17 + idNumberCheckChar(first17),
          name:
            SURNAMES[Math.floor(r() * SURNAMES.length)] +
            GIVEN[Math.floor(r() * GIVEN.length)] +
            (r() < 0.7 ? GIVEN[Math.floor(r() * GIVEN.length)] : ''),
          startMonth,
          endMonth: endMonth !== null && endMonth >= startMonth ? endMonth : null,
          wageFen: (30 + Math.floor(r() * 320)) * 10_000,
        };
      }
    };

    await withoutSecondaryIndexes(client, 'insured_persons', () =>
      copyInto(
        client,
        'insured_persons',
        ['id', 'id_type', 'id_number', 'name', 'sex', 'birth_date', 'hukou_type', 'created_at', 'updated_at'],
        function* () {
          for (const u of units) {
            for (const p of personsOf(u)) {
              const birth = p.idNumber.slice(6, 14);
              const sex = Number(p.idNumber[16]) % 2 === 1 ? 'male' : 'female';
              yield line([p.id, '01', p.idNumber, p.name, sex, `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`, 'urban', at, at]);
            }
          }
        },
      ),
    );
    progress(`${size.persons.toLocaleString('en')} insured persons`);

    await withoutSecondaryIndexes(client, 'employments', () =>
      copyInto(
        client,
        'employments',
        [
          'unit_id',
          'person_id',
          'id_number',
          'person_name',
          'wage_fen',
          'personnel_category',
          'employment_form',
          'status',
          'start_month',
          'end_month',
          'hukou_type',
          'created_at',
          'updated_at',
        ],
        function* () {
          for (const u of units) {
            for (const p of personsOf(u)) {
              yield line([
                u.id,
                p.id,
                p.idNumber,
                p.name,
                p.wageFen,
                'in_service',
                'contract',
                p.endMonth ? 'suspended' : 'active',
                p.startMonth,
                p.endMonth,
                'urban',
                at,
                at,
              ]);
            }
          }
        },
      ),
    );
    await withoutSecondaryIndexes(client, 'enrollments', () =>
      copyInto(
        client,
        'enrollments',
        ['person_id', 'unit_id', 'insurance_type', 'start_month', 'end_month', 'status', 'created_at', 'updated_at'],
        function* () {
          for (const u of units) {
            for (const p of personsOf(u)) {
              for (const type of EMPLOYEE_INSURANCE_TYPES)
                yield line([p.id, u.id, type, p.startMonth, p.endMonth, p.endMonth ? 'suspended' : 'active', at, at]);
            }
          }
        },
      ),
    );
    progress('employments and enrollments');

    // Every period before last month is collected; last month in two units of three; the current one is due.
    const collected = (u: CityUnit, period: FeePeriod) => period < lastMonth || (period === lastMonth && u.seq % 3 !== 0);
    const collections = new Map<number, Map<FeePeriod, number>>();
    let details = 0;
    await withoutSecondaryIndexes(client, 'payment_details', () =>
      copyInto(
        client,
        'payment_details',
        [
          'unit_id',
          'person_id',
          'insurance_type',
          'fee_period',
          'base_fen',
          'unit_rate_bp',
          'person_rate_bp',
          'unit_amount_fen',
          'person_amount_fen',
          'paid_at',
          'collection_serial',
          'assessed_at',
        ],
        // Period by period, each unit's in turn, as the monthly assessment writes them: a unit's details of
        // one period lie together on disk, as in a hall that has assessed a year, and a period's export reads
        // them so (written person by person, a period of the largest unit spread over 68,000 pages).
        function* () {
          for (const period of periods) {
            for (const u of units) {
              let amounts = collections.get(u.id);
              if (!amounts) collections.set(u.id, (amounts = new Map<FeePeriod, number>()));
              const paid = collected(u, period);
              for (const p of personsOf(u)) {
                if (period < p.startMonth || (p.endMonth !== null && period > p.endMonth)) continue;
                const base = contributionBaseFen(p.wageFen, DEMO_LIMITS.floorFen, DEMO_LIMITS.ceilingFen);
                for (const type of EMPLOYEE_INSURANCE_TYPES) {
                  const rate = INSURANCE_TYPES[type];
                  const unitFen = contributionFen(base, rate.unitRateBp);
                  const personFen = contributionFen(base, rate.personRateBp);
                  if (paid) amounts.set(period, (amounts.get(period) ?? 0) + unitFen + personFen);
                  details++;
                  yield line([
                    u.id,
                    p.id,
                    type,
                    period,
                    base,
                    rate.unitRateBp,
                    rate.personRateBp,
                    unitFen,
                    personFen,
                    paid ? `${period.slice(0, 4)}-${period.slice(4)}-15` : null,
                    paid ? `ZS${period}C${u.seq}` : null,
                    at,
                  ]);
                }
              }
            }
            progress(`payment details: ${period} of every unit, ${details.toLocaleString('en')} rows`);
          }
        },
      ),
    );
    progress(`${details.toLocaleString('en')} payment details`);

    await copyInto(
      client,
      'collections',
      ['unit_id', 'fee_period', 'collected_on', 'serial', 'amount_fen', 'recorded_by', 'recorded_at'],
      function* () {
        for (const [unitId, amounts] of collections) {
          const seq = unitId - unitStart + 1;
          for (const [period, fen] of amounts)
            yield line([unitId, period, `${period.slice(0, 4)}-${period.slice(4)}-15`, `ZS${period}C${seq}`, fen, reviewer.id, at]);
        }
      },
    );
    await copyInto(client, 'assessments', ['unit_id', 'fee_period', 'assessed_at', 'assessed_by'], function* () {
      for (const u of units) for (const period of periods) yield line([u.id, period, at, null]);
    });
    progress('collections and assessments');

    // Submissions: 2 % of each unit's persons (at least one) with a pending reduction, 3 % (at least one)
    // with a rejected one, submitted over the year; each in the audit trail.
    const submissionsOf = (u: CityUnit) => ({
      pending: Math.max(1, Math.round(u.persons * 0.02)),
      rejected: Math.max(1, Math.round(u.persons * 0.03)),
    });
    const submissionCount = units.reduce((n, u) => n + submissionsOf(u).pending + submissionsOf(u).rejected, 0);
    const declarationStart = await reserveIds(client, 'declarations', submissionCount);
    const dayMs = 86_400_000;
    const yearAgo = now.getTime() - 365 * dayMs;
    interface SeededSubmission {
      id: number;
      unit: CityUnit;
      person: CityPerson;
      pending: boolean;
      submittedAt: string;
      reviewedAt: string | null;
    }
    const submissions = function* (): Generator<SeededSubmission> {
      let id = declarationStart;
      for (const u of units) {
        const { pending, rejected } = submissionsOf(u);
        const r = seededRandom(u.seq + 7);
        let k = 0;
        for (const person of personsOf(u)) {
          if (k >= pending + rejected) break;
          const isPending = k < pending;
          const submitted = isPending ? now.getTime() - Math.floor(r() * 30 * dayMs) : yearAgo + Math.floor(r() * 330 * dayMs);
          yield {
            id: id++,
            unit: u,
            person,
            pending: isPending,
            submittedAt: new Date(submitted).toISOString(),
            reviewedAt: isPending ? null : new Date(submitted + 2 * dayMs).toISOString(),
          };
          k++;
        }
      }
    };
    await copyInto(
      client,
      'declarations',
      [
        'id',
        'unit_id',
        'type',
        'status',
        'person_id',
        'id_number',
        'person_name',
        'payload',
        'effective_month',
        'submitted_by',
        'submitted_at',
        'reviewed_by',
        'reviewed_at',
        'review_reason',
      ],
      function* () {
        for (const s of submissions()) {
          const payload = JSON.stringify({ idNumber: s.person.idNumber, name: s.person.name, reason: 'resigned' });
          yield line([
            s.id,
            s.unit.id,
            'reduction',
            s.pending ? 'pending' : 'rejected',
            s.person.id,
            s.person.idNumber,
            s.person.name,
            payload,
            s.pending ? current : currentFeePeriod(new Date(s.submittedAt)),
            s.unit.adminId,
            s.submittedAt,
            s.pending ? null : reviewer.id,
            s.reviewedAt,
            s.pending ? null : '离职证明未上传',
          ]);
        }
      },
    );
    progress(`${submissionCount.toLocaleString('en')} submissions`);

    await copyInto(client, 'audit_log', ['at', 'user_id', 'unit_id', 'action', 'entity_type', 'entity_id', 'before', 'after'], function* () {
      for (const s of submissions()) {
        yield line([
          s.submittedAt,
          s.unit.adminId,
          s.unit.id,
          'submission_submitted',
          'submission',
          s.id,
          null,
          JSON.stringify({ kind: 'reduction' }),
        ]);
        if (!s.pending) {
          yield line([
            s.reviewedAt,
            reviewer.id,
            s.unit.id,
            'submission_rejected',
            'submission',
            s.id,
            null,
            JSON.stringify({ reason: '离职证明未上传' }),
          ]);
        }
      }
      for (const u of units) {
        for (const period of periods) {
          yield line([
            `${period.slice(0, 4)}-${period.slice(4)}-01T01:00:00.000Z`,
            null,
            u.id,
            'assessment',
            'fee_period',
            period,
            null,
            JSON.stringify({ feePeriod: period }),
          ]);
        }
      }
    });
    progress('audit trail');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await pool.releaseConnection(client);
  }
  // The summaries the payment lists read, aggregated from the loaded details once they are committed.
  await knex.transaction((trx) => refreshPeriodTotals(trx, { unitIds: cityUnits }));
  log(`  payment period totals (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
