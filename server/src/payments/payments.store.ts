import type { Knex } from 'knex';
import type {
  PaymentDetail,
  PaymentDetailQuery,
  PaymentStatementLine,
  UnitPaymentPeriod,
  UnitPaymentQuery,
} from '@common/api/payments';
import type { FeePeriod } from '@common/fee-period';
import { maskIdNumber } from '@common/validators/id-number';
import { EXPORT_PAGE_ROWS } from '../db/dialect';
import { personsMatching } from '../db/person-search';

export type DetailFilters = Omit<Required<PaymentDetailQuery>, 'page' | 'pageSize' | 'sort' | 'direction'> &
  Pick<PaymentDetailQuery, 'sort' | 'direction'>;

const SORT_COLUMNS = { feePeriod: 'd.fee_period', name: 'p.name', idNumber: 'p.id_number', baseFen: 'd.base_fen' } as const;
/** The index's own order (unit, period, type, id): lists page along it without sorting. */
const INDEX_ORDER = ['d.fee_period', 'd.insurance_type', 'd.id'] as const;

const toDetail = (row: any, current: FeePeriod): PaymentDetail => ({
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

/** The person's ID number and name beside each detail row. */
function withPerson(query: Knex.QueryBuilder): Promise<any[]> {
  return query.join('insured_persons as p', 'p.id', 'd.person_id').select('d.*', 'p.id_number', 'p.name');
}

/** Payment details of one unit; every query starts from the unit, so no other unit's row can appear. */
export class PaymentStore {
  constructor(
    private readonly db: Knex,
    readonly current: FeePeriod,
  ) {}

  private details(unitId: number, f: Partial<DetailFilters>) {
    const query = this.db('payment_details as d').where('d.unit_id', unitId);
    if (f.q) query.whereIn('d.person_id', personsMatching(this.db, f.q));
    if (f.from) query.where('d.fee_period', '>=', f.from);
    if (f.to) query.where('d.fee_period', '<=', f.to);
    if (f.insuranceType) query.where('d.insurance_type', f.insuranceType);
    if (f.status === 'paid') query.whereNotNull('d.paid_at');
    if (f.status === 'overdue') query.whereNull('d.paid_at').where('d.fee_period', '<', this.current);
    if (f.status === 'due') query.whereNull('d.paid_at').where('d.fee_period', '>=', this.current);
    return query;
  }

  async page(unitId: number, f: Partial<DetailFilters>, page: number, pageSize: number) {
    const direction = f.direction ?? 'desc';
    const sort = f.sort ?? 'feePeriod';
    const rows = this.details(unitId, f);
    // Sorting by name or ID number relies on the person join that withPerson adds.
    if (sort !== 'feePeriod') rows.orderBy(SORT_COLUMNS[sort], direction);
    for (const column of INDEX_ORDER) rows.orderBy(column, direction);
    const [count, items] = await Promise.all([
      this.count(unitId, f),
      withPerson(rows.limit(pageSize).offset(page * pageSize)),
    ]);
    return { items: items.map((r) => toDetail(r, this.current)), total: count };
  }

  /** How many details the filters match: the list's total and an export's row count. */
  async count(unitId: number, f: Partial<DetailFilters>): Promise<number> {
    const row = await this.details(unitId, f).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
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
    const slices = await this.details(unitId, f).distinct('d.fee_period', 'd.insurance_type').orderBy(['d.fee_period', 'd.insurance_type']);
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

  private periods(unitId: number, f: Partial<UnitPaymentQuery>) {
    const query = this.db('payment_details as d').where('d.unit_id', unitId);
    if (f.from) query.where('d.fee_period', '>=', f.from);
    if (f.to) query.where('d.fee_period', '<=', f.to);
    if (f.insuranceType) query.where('d.insurance_type', f.insuranceType);
    return query;
  }

  async periodPage(unitId: number, f: Partial<UnitPaymentQuery>, page: number, pageSize: number) {
    const direction = f.direction ?? 'desc';
    const [count, rows] = await Promise.all([
      this.periods(unitId, f).countDistinct({ n: 'd.fee_period' }).first(),
      this.periodRows(unitId, f).orderBy('d.fee_period', direction).limit(pageSize).offset(page * pageSize),
    ]);
    return { items: rows.map((r) => this.toPeriod(r)), total: Number(count?.n ?? 0) };
  }

  async allPeriods(unitId: number, f: Partial<UnitPaymentQuery>): Promise<UnitPaymentPeriod[]> {
    const rows = await this.periodRows(unitId, f).orderBy('d.fee_period', f.direction ?? 'desc');
    return rows.map((r) => this.toPeriod(r));
  }

  /** One period's due and paid per insurance type and side. */
  async statementLines(unitId: number, period: FeePeriod): Promise<PaymentStatementLine[]> {
    const paid = (column: string) => this.db.raw(`sum(case when paid_at is not null then ${column} else 0 end)`);
    const rows = await this.db('payment_details')
      .where({ unit_id: unitId, fee_period: period })
      .groupBy('insurance_type')
      .orderBy('insurance_type')
      .select('insurance_type')
      .countDistinct({ persons: 'person_id' })
      .sum({ unit: 'unit_amount_fen', person: 'person_amount_fen' })
      .select({ unit_paid: paid('unit_amount_fen'), person_paid: paid('person_amount_fen') });
    return rows.map((r: any) => ({
      insuranceType: r.insurance_type,
      persons: Number(r.persons),
      unitDueFen: Number(r.unit ?? 0),
      personDueFen: Number(r.person ?? 0),
      unitPaidFen: Number(r.unit_paid ?? 0),
      personPaidFen: Number(r.person_paid ?? 0),
    }));
  }

  private periodRows(unitId: number, f: Partial<UnitPaymentQuery>) {
    return this.periods(unitId, f)
      .leftJoin('collections as c', function () {
        this.on('c.unit_id', '=', 'd.unit_id').andOn('c.fee_period', '=', 'd.fee_period');
      })
      .groupBy('d.fee_period', 'c.collected_on', 'c.serial')
      .select('d.fee_period', 'c.collected_on', 'c.serial')
      .countDistinct({ persons: 'd.person_id' })
      .sum({ unit: 'd.unit_amount_fen', person: 'd.person_amount_fen' })
      .select(
        this.db.raw('sum(case when d.paid_at is not null then d.unit_amount_fen + d.person_amount_fen else 0 end) as paid'),
      );
  }

  private toPeriod(r: any): UnitPaymentPeriod {
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
}
