import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import {
  ORDER_OPEN_MINUTES,
  type PaymentOrder,
  type PaymentReceipt,
  type PaymentReceiptVerification,
  type PayStart,
  type Reconciliation,
  type ReconciliationDifference,
  type ResidentPaymentPage,
  type ResidentPaymentQuery,
  type ReviewResidentPaymentPage,
  type ReviewResidentPaymentQuery,
} from '@common/api/payment-orders';
import type { quoteRequest, ResidentQuote } from '@common/api/residents';
import type { z } from 'zod';
import { shanghaiDateTime } from '@common/fee-period';
import { maskIdNumber } from '@common/validators/id-number';
import { AuditService } from '../audit/audit.service';
import type { Clock } from '../clock';
import { toBoolean, type Dialect } from '../db/dialect';
import { AppError, notFound } from '../http/errors';
import { ProviderUnavailable, type PaymentProvider, type ProviderNotification } from '../payment-channel/provider';
import { CodeVerifier, maskName, newVerificationCode } from '../verification/verification';
import {
  OpenOrderExists,
  PaymentOrderStore,
  type NotificationOutcome,
  type PaymentOrderRow,
  type PaymentOrderWithPersons,
} from './payment-orders.store';

type QuoteRequest = z.output<typeof quoteRequest>;

/** The residents feature's quote, on the order's transaction: the amount an order stores is the quote's. */
export interface ResidentQuotes {
  quote(payerPersonId: number, request: QuoteRequest): Promise<ResidentQuote>;
}

export interface PaymentOrderDeps {
  clock: Clock;
  dialect: Dialect;
  provider: PaymentProvider;
  /** The hall as the channel and the payer's browser reach it: the notification and return URLs. */
  hallPublicUrl: string;
  /** The residents feature's quote service built on a knex handle (the order's transaction). */
  quotesOn(db: Knex): ResidentQuotes;
}

/** The API path the channel posts its notifications to (public; the signature is checked). */
export const NOTIFICATION_PATH = '/payment-channel/notifications';

const shanghaiDay = (iso: string) => shanghaiDateTime(new Date(iso)).slice(0, 10);

/**
 * Payment orders: made from the residents' quote, paid through the payment channel, marked paid only on a
 * verified notification or the channel's answer to a query (never on the browser's return), each
 * notification handled once; the payment record and receipt of a paid order; the day's reconciliation.
 */
export class PaymentOrderService {
  private readonly store: PaymentOrderStore;
  private readonly audit: AuditService;
  private readonly codes: CodeVerifier;

  /** The feature's wiring on a knex handle: the database, or a transaction. */
  constructor(
    private readonly db: Knex,
    private readonly deps: PaymentOrderDeps,
  ) {
    this.store = new PaymentOrderStore(db);
    this.audit = new AuditService(db);
    this.codes = new CodeVerifier(db, deps.dialect);
  }

  private on(trx: Knex.Transaction): PaymentOrderService {
    return new PaymentOrderService(trx, this.deps);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * A new order for the quote's person and year, at the quote's amount. An open one of the same person and
   * year (any payer's) refuses it, by the index, whatever races; so does a year already paid.
   */
  async create(payerPersonId: number, request: QuoteRequest): Promise<PaymentOrder> {
    const now = this.now();
    let id: number;
    try {
      id = await this.db.transaction(async (trx) => {
        const quote = await this.deps.quotesOn(trx).quote(payerPersonId, request);
        const { store } = this.on(trx);
        // An order past its time no longer holds the person's year.
        await store.closeExpired(now, { person_id: quote.personId, year: quote.year });
        if (await store.isPaid(quote.personId, quote.year)) throw new AppError(409, 'RESIDENT_YEAR_PAID', { year: quote.year });
        return store.insert({
          order_no: newOrderNo(this.deps.clock.now()),
          payer_person_id: payerPersonId,
          person_id: quote.personId,
          year: quote.year,
          mode: quote.mode,
          standard_fen: quote.standardFen,
          amount_fen: quote.amountFen,
          assisted_category: quote.assistedCategory,
          benefit_start: quote.benefitStart,
          waiting_months: quote.waitingMonths,
          in_collection_period: quote.inCollectionPeriod,
          region: await store.registeredRegion(quote.personId),
          created_at: now,
          expires_at: new Date(Date.parse(now) + ORDER_OPEN_MINUTES * 60_000).toISOString(),
        });
      });
    } catch (error) {
      if (error instanceof OpenOrderExists) throw new AppError(409, 'PAYMENT_ORDER_OPEN', { minutes: ORDER_OPEN_MINUTES });
      throw error;
    }
    return this.get(payerPersonId, id);
  }

  /**
   * The payer's order as it stands. An open order past its time closes here; a paying one asks the channel,
   * so a payment whose notification is late or lost still shows (the browser's return itself proves nothing).
   */
  async get(payerPersonId: number, id: number): Promise<PaymentOrder> {
    let order = await this.ownOrder(payerPersonId, id);
    if (order.status === 'paying') {
      await this.queryChannel(order.order_no);
      order = await this.ownOrder(payerPersonId, id);
    }
    return toPaymentOrder(order, payerPersonId);
  }

  /** The channel's pay page for an open order: registered with the channel once (created → paying). */
  async pay(payerPersonId: number, id: number): Promise<PayStart> {
    const order = await this.ownOrder(payerPersonId, id);
    if (order.status === 'paying' && order.pay_url) return { payUrl: order.pay_url };
    if (order.status !== 'created') throw new AppError(409, 'PAYMENT_ORDER_NOT_OPEN');
    const { payUrl } = await this.channel(() =>
      this.deps.provider.createPayment({
        orderNo: order.order_no,
        amountFen: order.amount_fen,
        description: `城乡居民基本医疗保险 ${order.year}`,
        notifyUrl: `${this.deps.hallPublicUrl}/api${NOTIFICATION_PATH}`,
        returnUrl: `${this.deps.hallPublicUrl}/me/pay/orders/${order.id}`,
        expiresAt: order.expires_at,
      }),
    );
    // Of two clicks at once, both registered the same order number with the channel: the same page.
    await this.store.markPaying(order.id, payUrl);
    const now = await this.ownOrder(payerPersonId, id);
    if (now.status !== 'paying' || !now.pay_url) throw new AppError(409, 'PAYMENT_ORDER_NOT_OPEN');
    return { payUrl: now.pay_url };
  }

  /** A notification whose signature verified: recorded once by its id, acted on only by the one that recorded it. */
  handleNotification(n: ProviderNotification): Promise<NotificationOutcome | 'duplicate'> {
    return this.db.transaction(async (trx) => {
      const { store } = this.on(trx);
      const notificationId = await store.insertNotification({
        notification_id: n.notificationId,
        order_no: n.orderNo,
        event: n.event,
        transaction_id: n.transactionId,
        amount_fen: n.amountFen,
        event_at: n.at,
        received_at: this.now(),
      });
      if (notificationId === undefined) return 'duplicate';
      const outcome = await this.on(trx).settle(n);
      await store.setOutcome(notificationId, outcome);
      return outcome;
    });
  }

  /**
   * Asks the channel about an open order and acts on a final answer as on a notification: the answer is
   * recorded under an id of its own (`query:` and the transaction), so it too is handled once.
   */
  private async queryChannel(orderNo: string): Promise<void> {
    let answer;
    try {
      answer = await this.deps.provider.queryPayment(orderNo);
    } catch (error) {
      // The channel is away: the order stays as it is, and the next read asks again.
      if (error instanceof ProviderUnavailable) return;
      throw error;
    }
    if (answer.status === 'paid') {
      await this.handleNotification({
        notificationId: `query:${answer.transactionId}`,
        orderNo,
        event: 'paid',
        transactionId: answer.transactionId,
        amountFen: answer.amountFen,
        at: answer.paidAt,
      });
    } else if (answer.status === 'failed') {
      await this.handleNotification({
        notificationId: `query:failed:${orderNo}`,
        orderNo,
        event: 'failed',
        transactionId: null,
        amountFen: 0,
        at: this.now(),
      });
    }
  }

  /**
   * What an event does to its order, in the notification's transaction. Paid: only an open order, at its own
   * amount, paid before its time ran out; an order the hall has already closed is never paid (the payment
   * stays a difference for the day's reconciliation). Failed: only an open order. Anything else changes nothing.
   */
  private async settle(n: ProviderNotification): Promise<NotificationOutcome> {
    const now = this.now();
    if (n.event === 'paid' && n.transactionId) {
      const paid = await this.store.markPaid(n.orderNo, {
        transactionId: n.transactionId,
        amountFen: n.amountFen,
        paidAt: n.at,
        paidOn: shanghaiDay(n.at),
      });
      if (paid) {
        const order = (await this.store.byOrderNo(n.orderNo))!;
        await this.store.insertResidentPayment(order, n.at);
        await this.audit.record({
          at: now,
          userId: null,
          unitId: null,
          action: 'resident-payment.paid',
          entityType: 'payment-order',
          entityId: order.id,
          after: {
            orderNo: order.order_no,
            personId: order.person_id,
            year: order.year,
            amountFen: order.amount_fen,
            transactionId: n.transactionId,
          },
        });
        return 'paid';
      }
    } else if (n.event === 'failed' && (await this.store.markFailed(n.orderNo, now))) {
      return 'failed';
    }
    const order = await this.store.byOrderNo(n.orderNo);
    if (!order) return 'unknown-order';
    await this.store.closeExpired(now, { id: order.id });
    const current = (await this.store.byOrderNo(n.orderNo))!;
    if (current.status === 'closed') return 'order-closed';
    if (n.event === 'paid' && current.status !== 'paid' && n.amountFen !== current.amount_fen) return 'amount-differs';
    return 'already-final';
  }

  /** The sweep: open orders past their time close (main.ts runs it now and then; reads close lazily too). */
  closeExpired(): Promise<number> {
    return this.store.closeExpired(this.now());
  }

  async residentPayments(personId: number, query: ResidentPaymentQuery): Promise<ResidentPaymentPage> {
    const { total, rows } = await this.store.residentPayments(personId, { year: query.year }, query.page, query.pageSize);
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((r) => ({
        orderId: r.id,
        year: r.year,
        self: r.person_id === personId,
        personName: personNameFor(r, personId),
        idNumberMasked: maskIdNumber(r.person_id_number),
        mode: r.mode,
        amountFen: r.amount_fen,
        paidAt: r.paid_at!,
        benefitStart: r.benefit_start,
        waitingMonths: r.waiting_months,
      })),
    };
  }

  /** The paid order's electronic payment receipt, its code issued on the first print. */
  async receipt(payerPersonId: number, id: number): Promise<PaymentReceipt> {
    let order = await this.ownOrder(payerPersonId, id);
    if (order.status !== 'paid') throw new AppError(409, 'PAYMENT_ORDER_NOT_PAID');
    if (!order.receipt_code) {
      await this.store.issueReceiptCode(order.id, newVerificationCode());
      order = await this.ownOrder(payerPersonId, id);
    }
    return {
      code: order.receipt_code!,
      orderNo: order.order_no,
      transactionId: order.transaction_id!,
      payerName: order.payer_name,
      personName: personNameFor(order, payerPersonId),
      idNumberMasked: maskIdNumber(order.person_id_number),
      year: order.year,
      mode: order.mode,
      insuranceType: '390',
      amountFen: order.amount_fen,
      paidAt: order.paid_at!,
      benefitStart: order.benefit_start,
      waitingMonths: order.waiting_months,
    };
  }

  /** Anyone holding the receipt checks its code; misses count with the certificates' and receipts' (CodeVerifier). */
  async verifyReceipt(rawCode: string, caller: string): Promise<PaymentReceiptVerification> {
    const order = await this.codes.verify(rawCode, caller, (code) => this.store.byReceiptCode(code));
    return {
      genuine: true,
      nameMasked: maskName(order.person_name),
      idNumberMasked: maskIdNumber(order.person_id_number),
      year: order.year,
      insuranceType: '390',
      amountFen: order.amount_fen,
      paidAt: order.paid_at!,
    };
  }

  async reviewPayments(query: ReviewResidentPaymentQuery): Promise<ReviewResidentPaymentPage> {
    const { total, totalFen, rows } = await this.store.paidOfYear({ year: query.year, region: query.region }, query.page, query.pageSize);
    return {
      total,
      totalFen,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((r) => ({
        orderNo: r.order_no,
        nameMasked: maskName(r.person_name),
        idNumberMasked: maskIdNumber(r.person_id_number),
        region: r.region,
        mode: r.mode,
        amountFen: r.amount_fen,
        paidAt: r.paid_at!,
      })),
    };
  }

  /** The hall's paid orders of the day against the channel's statement of that day: every difference. */
  async reconcile(day: string): Promise<Reconciliation> {
    const statement = await this.channel(() => this.deps.provider.statement(day));
    const hall = await this.store.paidOn(day);
    const hallByNo = new Map(hall.map((o) => [o.order_no, o]));
    const stated = new Set(statement.map((l) => l.orderNo));
    const others = new Map(
      (await this.store.byOrderNos(statement.filter((l) => !hallByNo.has(l.orderNo)).map((l) => l.orderNo))).map((o) => [o.order_no, o]),
    );
    const differences: ReconciliationDifference[] = [];
    for (const line of statement) {
      const paid = hallByNo.get(line.orderNo);
      if (paid && paid.amount_fen !== line.amountFen) {
        differences.push(
          difference('amount-differs', paid, { transactionId: line.transactionId, statementAmountFen: line.amountFen, paidAt: line.paidAt }),
        );
      } else if (!paid) {
        const order = others.get(line.orderNo);
        differences.push({
          kind: 'not-paid-in-hall',
          orderNo: line.orderNo,
          transactionId: line.transactionId,
          orderStatus: order?.status ?? null,
          hallAmountFen: order?.amount_fen ?? null,
          statementAmountFen: line.amountFen,
          paidAt: line.paidAt,
        });
      }
    }
    for (const order of hall) {
      if (!stated.has(order.order_no))
        differences.push(
          difference('missing-in-statement', order, { transactionId: order.transaction_id, statementAmountFen: null, paidAt: order.paid_at }),
        );
    }
    return {
      day,
      hallPaidCount: hall.length,
      hallPaidFen: hall.reduce((sum, o) => sum + o.amount_fen, 0),
      statementCount: statement.length,
      statementFen: statement.reduce((sum, l) => sum + l.amountFen, 0),
      differences,
    };
  }

  private async ownOrder(payerPersonId: number, id: number): Promise<PaymentOrderWithPersons> {
    await this.store.closeExpired(this.now(), { id });
    const order = await this.store.ofPayer(payerPersonId, id);
    if (!order) throw notFound();
    return order;
  }

  private async channel<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ProviderUnavailable) throw new AppError(503, 'PAYMENT_CHANNEL_UNAVAILABLE');
      throw error;
    }
  }
}

/** 24 characters, sortable by time: `RP` + yyyymmddhhmmss (Shanghai) + 8 random hex. */
function newOrderNo(at: Date): string {
  return `RP${shanghaiDateTime(at).replace(/\D/g, '')}${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** The payer sees their own name in full; someone they pay for, masked. */
function personNameFor(order: PaymentOrderWithPersons, viewerPersonId: number): string {
  return order.person_id === viewerPersonId ? order.person_name : maskName(order.person_name);
}

function difference(
  kind: ReconciliationDifference['kind'],
  order: PaymentOrderRow,
  line: { transactionId: string | null; statementAmountFen: number | null; paidAt: string | null },
): ReconciliationDifference {
  return { kind, orderNo: order.order_no, orderStatus: order.status, hallAmountFen: order.amount_fen, ...line };
}

function toPaymentOrder(order: PaymentOrderWithPersons, payerPersonId: number): PaymentOrder {
  return {
    id: order.id,
    orderNo: order.order_no,
    status: order.status,
    self: order.person_id === payerPersonId,
    personName: personNameFor(order, payerPersonId),
    idNumberMasked: maskIdNumber(order.person_id_number),
    year: order.year,
    mode: order.mode,
    standardFen: order.standard_fen,
    amountFen: order.amount_fen,
    assistedCategory: order.assisted_category,
    benefitStart: order.benefit_start,
    waitingMonths: order.waiting_months,
    inCollectionPeriod: toBoolean(order.in_collection_period),
    createdAt: order.created_at,
    expiresAt: order.expires_at,
    paidAt: order.paid_at,
    closedAt: order.closed_at,
    transactionId: order.transaction_id,
  };
}
