import type { Knex } from 'knex';
import type {
  CollectionRequest,
  CollectionResult,
  PaymentDetail,
  PaymentDetailPage,
  PaymentDetailQuery,
  PaymentStatement,
  UnitPaymentPage,
  UnitPaymentQuery,
} from '@common/api/payments';
import { currentFeePeriod, type FeePeriod } from '@common/fee-period';
import { formatFen } from '@common/insurance';
import type { Clock } from '../clock';
import { AuditService } from '../audit/audit.service';
import { ListCache } from '../cache/list-cache';
import { AppError, invalidFields, notFound } from '../http/errors';
import type { Actor } from '../http/route';
import { UnitService } from '../unit/unit.service';
import { AssessmentService } from './assessment.service';
import { PaymentStore, type PaymentPage } from './payments.store';

/** The unit's payment queries, and the agency's recording of collections. */
export class PaymentService {
  private readonly units: UnitService;
  private readonly audit: AuditService;

  /** The feature's wiring on a knex handle: the payment queries assess the current period before they answer. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly assessments: AssessmentService,
    private readonly lists = new ListCache(db),
    /** Where list pages are read (Database.pages); `db` unless given (a transaction reads its own writes). */
    private readonly pages: Knex = db,
  ) {
    this.units = new UnitService(db, clock);
    this.audit = new AuditService(db);
  }

  private on(trx: Knex.Transaction): PaymentService {
    return new PaymentService(trx, this.clock, this.assessments.on(trx), this.lists);
  }

  /** The store as of now, on `db` unless told: a detail's status (due or overdue) turns with the fee period. */
  private store(db: Knex = this.db): PaymentStore {
    return new PaymentStore(db, currentFeePeriod(this.clock.now()));
  }

  /**
   * A page as of now: a detail's status (due or overdue) turns with the fee period. The page tells whether
   * the current period was assessed when it was read; if not (or it has no rows to tell), the period is
   * assessed and the page read again. A cached page was, and un-assessing a period changes the unit's data
   * version, so a cached page needs no second look.
   */
  private cachedPage<T>(
    unitId: number,
    list: string,
    query: object,
    compute: (store: PaymentStore) => Promise<PaymentPage<T>>,
  ): Promise<{ items: T[]; total: number }> {
    const store = this.store(this.pages);
    return this.lists.page(unitId, list, { current: store.current, ...query }, async () => {
      let found = await compute(store);
      if (!found.currentAssessed) {
        await this.assessments.ensureCurrentAssessed(unitId);
        found = await compute(store);
      }
      return { items: found.items, total: found.total };
    });
  }

  async details(unitId: number, query: PaymentDetailQuery & { page: number; pageSize: number }): Promise<PaymentDetailPage> {
    const { page, pageSize, ...filters } = query;
    const found = await this.cachedPage(unitId, 'payment-details', query, (store) => store.page(unitId, filters, page, pageSize));
    return { ...found, page, pageSize };
  }

  async detail(unitId: number, id: number): Promise<PaymentDetail> {
    const found = await this.store().find(unitId, id);
    if (!found) throw notFound();
    return found;
  }

  async detailExport(unitId: number, query: PaymentDetailQuery) {
    await this.assessments.ensureCurrentAssessed(unitId);
    const store = this.store();
    return { total: await store.count(unitId, query), pages: store.keysetPages(unitId, query) };
  }

  async periods(unitId: number, query: UnitPaymentQuery & { page: number; pageSize: number }): Promise<UnitPaymentPage> {
    const { page, pageSize, ...filters } = query;
    const found = await this.cachedPage(unitId, 'payment-periods', query, (store) => store.periodPage(unitId, filters, page, pageSize));
    return { ...found, page, pageSize };
  }

  async allPeriods(unitId: number, query: UnitPaymentQuery) {
    await this.assessments.ensureCurrentAssessed(unitId);
    return this.store().allPeriods(unitId, query);
  }

  /** The unit's statement for one fee period: due and paid per insurance type and side. */
  async statement(unitId: number, period: FeePeriod): Promise<PaymentStatement> {
    await this.assessments.ensureCurrentAssessed(unitId);
    const store = this.store();
    const [unit, lines, collection] = await Promise.all([
      this.units.nameOf(unitId),
      store.statementLines(unitId, period),
      store.collection(unitId, period),
    ]);
    const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((n, l) => n + f(l), 0);
    return {
      feePeriod: period,
      unitName: unit.name,
      unitCreditCode: unit.creditCode,
      lines,
      dueFen: sum((l) => l.unitDueFen + l.personDueFen),
      paidFen: sum((l) => l.unitPaidFen + l.personPaidFen),
      collectedOn: collection?.collectedOn ?? null,
      collectionSerial: collection?.serial ?? null,
    };
  }

  /**
   * Records the unit's collection for a period: every unpaid detail of it becomes paid. The amount received
   * must be what those details come to; the unit's row is locked, so an assessment or another collection
   * cannot change them between the check and the write.
   */
  async recordCollection(actor: Actor, input: CollectionRequest & { feePeriod: FeePeriod }, requestId: string): Promise<CollectionResult> {
    if (input.feePeriod > currentFeePeriod(this.clock.now())) {
      throw new AppError(400, 'VALIDATION_FAILED', {}, [{ field: 'feePeriod', code: 'INVALID' }]);
    }
    return this.db.transaction(async (trx) => {
      const payments = this.on(trx);
      await payments.units.lock(input.unitId);
      const unpaidFen = await payments.store().unpaidFen(input.unitId, input.feePeriod);
      if (input.amountFen !== unpaidFen) {
        throw invalidFields([{ field: 'amountFen', code: 'COLLECTION_AMOUNT_MISMATCH', params: { due: formatFen(unpaidFen) } }]);
      }
      const at = this.clock.now().toISOString();
      const { paidDetails, amountFen } = await payments.store().recordCollection(input.unitId, input.feePeriod, {
        collectedOn: input.collectedOn,
        serial: input.serial,
        recordedBy: actor.userId,
        recordedAt: at,
      });
      await payments.audit.record({
        at,
        userId: actor.userId,
        unitId: input.unitId,
        action: 'collection_recorded',
        entityType: 'fee_period',
        entityId: input.feePeriod,
        after: { ...input, paidDetails, amountFen },
        requestId,
      });
      return { feePeriod: input.feePeriod, paidDetails, amountFen };
    });
  }
}

/**
 * The payments feature's wiring on a knex handle: the assessments and the payment queries, which assess
 * the current period before they answer. `lists` is the instance's cache of list pages.
 */
export function createPaymentServices(
  db: Knex,
  clock: Clock,
  lists: ListCache,
  pages: Knex = db,
): { assessments: AssessmentService; payments: PaymentService } {
  const assessments = new AssessmentService(db, clock);
  return { assessments, payments: new PaymentService(db, clock, assessments, lists, pages) };
}
