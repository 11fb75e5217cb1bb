import type { Knex } from 'knex';
import type { PaymentDetail, PaymentDetailQuery, PaymentStatementLine, UnitPaymentPeriod, UnitPaymentQuery } from '@common/api/payments';
import type { FeePeriod } from '@common/fee-period';
import type { EMPLOYEE_INSURANCE_TYPES } from '@common/insurance';
import { maskIdNumber } from '@common/validators/id-number';
import { EXPORT_PAGE_ROWS, PAGE_SIZE_LITERAL, pageTotal, toBoolean } from '../db/dialect';
import { unitPersonsMatching } from '../db/person-search';
import { refreshPeriodTotals } from './period-totals.store';

export type DetailFilters = Omit<Required<PaymentDetailQuery>, 'page' | 'pageSize' | 'sort' | 'direction'> &
  Pick<PaymentDetailQuery, 'sort' | 'direction'>;

const SORT_COLUMNS = { feePeriod: 'd.fee_period', name: 'p.name', idNumber: 'p.id_number', baseFen: 'd.base_fen' } as const;
/** The index's own order (unit, period, type, id): lists page along it without sorting. */
const INDEX_ORDER = ['d.fee_period', 'd.insurance_type', 'd.id'] as const;

/** Payment details exist for the employee insurance types only. */
type EmployeeInsuranceType = (typeof EMPLOYEE_INSURANCE_TYPES)[number];

/** A payment detail beside its person's ID number and name. */
interface DetailWithPersonRow {
  id: number;
  person_id: number;
  id_number: string;
  name: string;
  fee_period: FeePeriod;
  insurance_type: EmployeeInsuranceType;
  base_fen: number;
  unit_rate_bp: number;
  person_rate_bp: number;
  unit_amount_fen: number;
  person_amount_fen: number;
  paid_at: string | null;
  collection_serial: string | null;
}

/** Sums and counts of a group of details; PostgreSQL gives bigint and numeric aggregates as strings. */
type Aggregate = number | string | null;

interface StatementLineRow {
  insurance_type: EmployeeInsuranceType;
  persons: Aggregate;
  unit: Aggregate;
  person: Aggregate;
  unit_paid: Aggregate;
  person_paid: Aggregate;
}

interface PeriodRow {
  fee_period: FeePeriod;
  collected_on: string | null;
  serial: string | null;
  persons: Aggregate;
  unit: Aggregate;
  person: Aggregate;
  paid: Aggregate;
}

/** A collection recorded for a unit's fee period. */
export interface Collection {
  collectedOn: string;
  serial: string;
}

const toDetail = (row: DetailWithPersonRow, current: FeePeriod): PaymentDetail => ({
  id: row.id,
  personId: row.person_id,
  idNumber: row.id_number,
  idNumberMasked: maskIdNumber(row.id_number),
  name: row.name,
  feePeriod: row.fee_period,
  insuranceType: row.insurance_type,
  baseFen: row.base_fen,
  unitRateBp: row.unit_rate_bp,
  personRateBp: row.person_rate_bp,
  unitAmountFen: row.unit_amount_fen,
  personAmountFen: row.person_amount_fen,
  status: row.paid_at ? 'paid' : row.fee_period < current ? 'overdue' : 'due',
  paidAt: row.paid_at ?? null,
  collectionSerial: row.collection_serial ?? null,
});

/** What a page's statement answers beside its rows: the filters' total, and whether the current period is assessed. */
interface PageColumns {
  total: Aggregate;
  current_assessed: unknown;
}

/**
 * A page of a payment list: its rows, the filters' total, and whether the current period was assessed when
 * the statement read them (the service assesses it and asks again if not). A page without rows cannot tell.
 */
export interface PaymentPage<T> {
  items: T[];
  total: number;
  currentAssessed: boolean;
}

async function paymentPage<R, T>(
  rows: (R & PageColumns)[],
  page: number,
  countApart: () => Promise<number>,
  toItem: (row: R) => T,
): Promise<PaymentPage<T>> {
  return {
    items: rows.map(toItem),
    total: await pageTotal(rows, page, countApart),
    currentAssessed: rows.length > 0 && toBoolean(rows[0].current_assessed),
  };
}

/** The person's ID number and name beside each detail row. */
async function withPerson<T = DetailWithPersonRow>(query: Knex.QueryBuilder, ...columns: Knex.Raw[]): Promise<T[]> {
  return (await query.join('insured_persons as p', 'p.id', 'd.person_id').select('d.*', 'p.id_number', 'p.name', ...columns)) as T[];
}

/** Payment details of one unit; every query starts from the unit, so no other unit's row can appear. */
export class PaymentStore {
  constructor(
    private readonly db: Knex,
    readonly current: FeePeriod,
  ) {}

  private details(unitId: number, f: Partial<DetailFilters>) {
    const query = this.db('payment_details as d').where('d.unit_id', unitId);
    if (f.q) query.whereIn('d.person_id', unitPersonsMatching(this.db, unitId, f.q));
    if (f.from) query.where('d.fee_period', '>=', f.from);
    if (f.to) query.where('d.fee_period', '<=', f.to);
    if (f.insuranceType) query.where('d.insurance_type', f.insuranceType);
    if (f.status === 'paid') query.whereNotNull('d.paid_at');
    if (f.status === 'overdue') query.whereNull('d.paid_at').where('d.fee_period', '<', this.current);
    if (f.status === 'due') query.whereNull('d.paid_at').where('d.fee_period', '>=', this.current);
    return query;
  }

  /**
   * The page's total and whether the current period is assessed, as columns of its statement: a page is one
   * round trip to the database.
   */
  private pageColumns(unitId: number, counted: Knex.QueryBuilder): Knex.Raw[] {
    return [
      this.db.raw('(?) as total', [counted]),
      this.db.raw('exists (select 1 from assessments where unit_id = ? and fee_period = ?) as current_assessed', [unitId, this.current]),
    ];
  }

  async page(unitId: number, f: Partial<DetailFilters>, page: number, pageSize: number): Promise<PaymentPage<PaymentDetail>> {
    const direction = f.direction ?? 'desc';
    const sort = f.sort ?? 'feePeriod';
    const rows = this.details(unitId, f);
    const columns = this.pageColumns(unitId, this.counted(unitId, f));
    let items: Promise<(DetailWithPersonRow & PageColumns)[]>;
    if (sort === 'feePeriod') {
      // The page first, along the index, then the person of each of its rows: joined before the limit, a
      // planner expecting many rows hash-joins every insured person of the city to a unit's page.
      // Only the ids in the inner query: an index-only scan skips the offset's rows without reading their heap.
      for (const column of INDEX_ORDER) rows.orderBy(column, direction);
      const pageIds = rows
        .select('d.id')
        .limit(pageSize, PAGE_SIZE_LITERAL)
        .offset(page * pageSize)
        .as('page');
      items = withPerson(
        this.db
          .from(pageIds)
          .join('payment_details as d', 'd.id', 'page.id')
          .orderBy(INDEX_ORDER.map((column) => ({ column, order: direction }))),
        ...columns,
      );
    } else {
      // Sorting by name or ID number relies on the person join that withPerson adds.
      rows.orderBy(SORT_COLUMNS[sort], direction);
      for (const column of INDEX_ORDER) rows.orderBy(column, direction);
      items = withPerson(rows.limit(pageSize, PAGE_SIZE_LITERAL).offset(page * pageSize), ...columns);
    }
    return paymentPage(
      await items,
      page,
      () => this.count(unitId, f),
      (r) => toDetail(r, this.current),
    );
  }

  /**
   * How many details the filters match: the list's total and an export's row count. Filters of period
   * and type alone are summed from the unit's period totals; others count the matching rows.
   */
  async count(unitId: number, f: Partial<DetailFilters>): Promise<number> {
    const row = await this.counted(unitId, f).first<{ n: Aggregate } | undefined>();
    return Number(row?.n ?? 0);
  }

  private counted(unitId: number, f: Partial<DetailFilters>): Knex.QueryBuilder {
    return f.q || f.status ? this.details(unitId, f).count({ n: '*' }) : this.totals(unitId, f).sum({ n: 't.details' });
  }

  /** The unit's summary rows per period and insurance type (unit_period_totals) within the filters. */
  private totals(unitId: number, f: Partial<UnitPaymentQuery>) {
    const query = this.db('unit_period_totals as t').where('t.unit_id', unitId);
    if (f.from) query.where('t.fee_period', '>=', f.from);
    if (f.to) query.where('t.fee_period', '<=', f.to);
    if (f.insuranceType) query.where('t.insurance_type', f.insuranceType);
    return query;
  }

  async find(unitId: number, id: number): Promise<PaymentDetail | null> {
    const [row] = await withPerson(this.details(unitId, {}).where('d.id', id));
    return row ? toDetail(row, this.current) : null;
  }

  /**
   * Keyset pages for exports: period by period and type by type, `id > last` within each, so every
   * read is an index range on (unit, period, type, id) and memory stays flat however many rows match.
   */
  async *keysetPages(unitId: number, f: Partial<DetailFilters>, size = EXPORT_PAGE_ROWS): AsyncGenerator<PaymentDetail[]> {
    const slices = await this.details(unitId, f)
      .distinct<{ fee_period: FeePeriod; insurance_type: string }[]>('d.fee_period', 'd.insurance_type')
      .orderBy(['d.fee_period', 'd.insurance_type']);
    const within = { ...f, from: undefined, to: undefined, insuranceType: undefined };
    for (const slice of slices) {
      let after = 0;
      for (;;) {
        const rows = await withPerson(
          this.details(unitId, within)
            .where({ 'd.fee_period': slice.fee_period, 'd.insurance_type': slice.insurance_type })
            .where('d.id', '>', after)
            .orderBy('d.id')
            .limit(size),
        );
        if (rows.length === 0) break;
        after = rows[rows.length - 1].id;
        yield rows.map((r) => toDetail(r, this.current));
      }
    }
  }

  async periodPage(unitId: number, f: Partial<UnitPaymentQuery>, page: number, pageSize: number): Promise<PaymentPage<UnitPaymentPeriod>> {
    // How many periods the unit's details span within the filters.
    const periods = () => this.totals(unitId, f).countDistinct({ n: 't.fee_period' });
    const rows = (await this.periodRows(unitId, f)
      .select(this.pageColumns(unitId, periods()))
      .orderBy('t.fee_period', f.direction ?? 'desc')
      .limit(pageSize, PAGE_SIZE_LITERAL)
      .offset(page * pageSize)) as (PeriodRow & PageColumns)[];
    const countApart = async () => Number((await periods().first<{ n: Aggregate } | undefined>())?.n ?? 0);
    return paymentPage(rows, page, countApart, (r) => this.toPeriod(r));
  }

  async allPeriods(unitId: number, f: Partial<UnitPaymentQuery>): Promise<UnitPaymentPeriod[]> {
    const rows = await this.periodRows(unitId, f).orderBy('t.fee_period', f.direction ?? 'desc');
    return rows.map((r) => this.toPeriod(r));
  }

  /** One period's due and paid per insurance type and side. */
  async statementLines(unitId: number, period: FeePeriod): Promise<PaymentStatementLine[]> {
    const rows = await this.totals(unitId, { from: period, to: period }).orderBy('t.insurance_type').select<StatementLineRow[]>('t.insurance_type', {
      persons: 't.details',
      unit: 't.unit_amount_fen',
      person: 't.person_amount_fen',
      unit_paid: 't.unit_paid_fen',
      person_paid: 't.person_paid_fen',
    });
    return rows.map((r) => ({
      insuranceType: r.insurance_type,
      persons: Number(r.persons),
      unitDueFen: Number(r.unit ?? 0),
      personDueFen: Number(r.person ?? 0),
      unitPaidFen: Number(r.unit_paid ?? 0),
      personPaidFen: Number(r.person_paid ?? 0),
    }));
  }

  /**
   * Per period: persons, amounts due and paid, and its collection, from the unit's period totals. A person
   * has a detail per insurance type: of one type, the persons are its details; of all, the period's
   * distinct persons (unit_period_persons).
   */
  private periodRows(unitId: number, f: Partial<UnitPaymentQuery>) {
    const query = this.totals(unitId, f)
      .leftJoin('collections as c', (on) => on.onVal('c.unit_id', unitId).andOn('c.fee_period', '=', 't.fee_period'))
      .select({ fee_period: 't.fee_period' }, 'c.collected_on', 'c.serial')
      .sum({ unit: 't.unit_amount_fen', person: 't.person_amount_fen' })
      .select(this.db.raw('sum(t.unit_paid_fen + t.person_paid_fen) as paid'));
    if (f.insuranceType) return query.groupBy('t.fee_period', 'c.collected_on', 'c.serial').sum<PeriodRow[]>({ persons: 't.details' });
    return query
      .join('unit_period_persons as pp', (on) => on.onVal('pp.unit_id', unitId).andOn('pp.fee_period', '=', 't.fee_period'))
      .groupBy('t.fee_period', 'c.collected_on', 'c.serial', 'pp.persons')
      .select<PeriodRow[]>({ persons: 'pp.persons' });
  }

  private toPeriod(r: PeriodRow): UnitPaymentPeriod {
    const unitAmountFen = Number(r.unit ?? 0);
    const personAmountFen = Number(r.person ?? 0);
    const dueFen = unitAmountFen + personAmountFen;
    const paidFen = Number(r.paid ?? 0);
    return {
      feePeriod: r.fee_period,
      persons: Number(r.persons),
      unitAmountFen,
      personAmountFen,
      dueFen,
      paidFen,
      overdueFen: r.fee_period < this.current ? dueFen - paidFen : 0,
      collectedOn: r.collected_on ?? null,
      collectionSerial: r.serial ?? null,
    };
  }

  async collection(unitId: number, period: FeePeriod): Promise<Collection | undefined> {
    const row = await this.db('collections')
      .where({ unit_id: unitId, fee_period: period })
      .first<{ collected_on: string; serial: string } | undefined>('collected_on', 'serial');
    return row && { collectedOn: row.collected_on, serial: row.serial };
  }

  /** What the period's unpaid details come to, unit and person sides together: due less paid, from the period totals. */
  async unpaidFen(unitId: number, period: FeePeriod): Promise<number> {
    const sums = await this.totals(unitId, { from: period, to: period })
      .select(this.db.raw('sum(t.unit_amount_fen + t.person_amount_fen - t.unit_paid_fen - t.person_paid_fen) as unpaid'))
      .first<{ unpaid: Aggregate } | undefined>();
    return Number(sums?.unpaid ?? 0);
  }

  /**
   * Marks the period's unpaid details as paid by the collection and records it (again, when one was
   * recorded before); how many details it paid and their amount.
   */
  async recordCollection(
    unitId: number,
    period: FeePeriod,
    collection: Collection & { recordedBy: number; recordedAt: string },
  ): Promise<{ paidDetails: number; amountFen: number }> {
    const unpaid = this.db('payment_details').where({ unit_id: unitId, fee_period: period }).whereNull('paid_at');
    const amountFen = await this.unpaidFen(unitId, period);
    const paidDetails = await unpaid.update({ paid_at: collection.collectedOn, collection_serial: collection.serial });
    await refreshPeriodTotals(this.db, { unitIds: [unitId], period });
    await this.db('collections')
      .insert({
        unit_id: unitId,
        fee_period: period,
        collected_on: collection.collectedOn,
        serial: collection.serial,
        amount_fen: amountFen,
        recorded_by: collection.recordedBy,
        recorded_at: collection.recordedAt,
      })
      .onConflict(['unit_id', 'fee_period'])
      .merge();
    return { paidDetails, amountFen };
  }
}
