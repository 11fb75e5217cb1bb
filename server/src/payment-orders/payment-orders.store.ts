import type { Knex } from 'knex';
import { OPEN_ORDER_STATUSES, type PaymentOrderStatus } from '@common/api/payment-orders';
import { RESIDENT_REGISTRATION_KIND, residentRegistrationPayload, type PaymentMode } from '@common/api/residents';
import { isUniqueViolation } from '../db/dialect';

export interface PaymentOrderRow {
  id: number;
  order_no: string;
  payer_person_id: number;
  person_id: number;
  year: number;
  mode: PaymentMode;
  standard_fen: number;
  amount_fen: number;
  assisted_category: string | null;
  benefit_start: string;
  waiting_months: number;
  in_collection_period: boolean | number;
  region: string | null;
  status: PaymentOrderStatus;
  pay_url: string | null;
  created_at: string;
  expires_at: string;
  paid_at: string | null;
  paid_on: string | null;
  closed_at: string | null;
  transaction_id: string | null;
  receipt_code: string | null;
}

/** An order with its insured person's and payer's names and ID numbers. */
export interface PaymentOrderWithPersons extends PaymentOrderRow {
  person_name: string;
  person_id_number: string;
  payer_name: string;
}

export type NewPaymentOrder = Omit<
  PaymentOrderRow,
  'id' | 'status' | 'pay_url' | 'paid_at' | 'paid_on' | 'closed_at' | 'transaction_id' | 'receipt_code'
>;

export interface NotificationRow {
  notification_id: string;
  order_no: string;
  event: 'paid' | 'failed';
  transaction_id: string | null;
  amount_fen: number;
  event_at: string;
  received_at: string;
}

/** What the hall did with a notification (or with an order query's answer). */
export type NotificationOutcome = 'paid' | 'failed' | 'order-closed' | 'already-final' | 'amount-differs' | 'unknown-order';

/** The insert of an order met the index of one open order per person and year. */
export class OpenOrderExists extends Error {}

const OPEN = [...OPEN_ORDER_STATUSES];

/** Payment orders, the payment records they make, and the channel's notifications. */
export class PaymentOrderStore {
  constructor(private readonly db: Knex) {}

  private withPersons() {
    return this.db('payment_orders as o')
      .join('insured_persons as p', 'p.id', 'o.person_id')
      .join('insured_persons as payer', 'payer.id', 'o.payer_person_id')
      .select<PaymentOrderWithPersons[]>('o.*', 'p.name as person_name', 'p.id_number as person_id_number', 'payer.name as payer_name');
  }

  async insert(order: NewPaymentOrder): Promise<number> {
    try {
      const [{ id }] = await this.db('payment_orders')
        .insert({ ...order, status: 'created' })
        .returning<{ id: number }[]>('id');
      return id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new OpenOrderExists();
      throw error;
    }
  }

  /** The payer's order; another payer's is not found. */
  async ofPayer(payerPersonId: number, id: number): Promise<PaymentOrderWithPersons | undefined> {
    return this.withPersons().where({ 'o.id': id, 'o.payer_person_id': payerPersonId }).first();
  }

  async byOrderNo(orderNo: string): Promise<PaymentOrderRow | undefined> {
    return this.db('payment_orders').where({ order_no: orderNo }).first<PaymentOrderRow | undefined>();
  }

  async byReceiptCode(code: string): Promise<PaymentOrderWithPersons | undefined> {
    return this.withPersons().where({ 'o.receipt_code': code, 'o.status': 'paid' }).first();
  }

  /** The open order of a person and year, if the payer is the one who made it. */
  async openOf(payerPersonId: number, personId: number, year: number): Promise<{ id: number } | undefined> {
    return this.db('payment_orders')
      .where({ payer_person_id: payerPersonId, person_id: personId, year })
      .whereIn('status', OPEN)
      .first<{ id: number } | undefined>('id');
  }

  /**
   * The region of the person's latest approved resident registration (a submission of the residents feature),
   * frozen on the order for the agency's views; null for a resident registered before the personal hall.
   */
  async registeredRegion(personId: number): Promise<string | null> {
    const row = await this.db('declarations as d')
      .join('insured_persons as p', 'p.id_number', 'd.id_number')
      .where({ 'p.id': personId, 'd.type': RESIDENT_REGISTRATION_KIND, 'd.status': 'approved' })
      .orderBy('d.id', 'desc')
      .first<{ payload: string } | undefined>('d.payload');
    return row ? residentRegistrationPayload.parse(JSON.parse(row.payload)).region : null;
  }

  async isPaid(personId: number, year: number): Promise<boolean> {
    return (await this.db('resident_payments').where({ person_id: personId, year }).first<{ id: number } | undefined>('id')) !== undefined;
  }

  /** Open orders past their time close; `where` narrows to one order or one person-year. Returns how many closed. */
  closeExpired(now: string, where: { id?: number; person_id?: number; year?: number } = {}): Promise<number> {
    return this.db('payment_orders').where(where).whereIn('status', OPEN).where('expires_at', '<=', now).update({ status: 'closed', closed_at: now });
  }

  async markPaying(id: number, payUrl: string): Promise<boolean> {
    return (await this.db('payment_orders').where({ id, status: 'created' }).update({ status: 'paying', pay_url: payUrl })) === 1;
  }

  /**
   * Paid, if the order is still open, the amount is the order's, and the channel took the money before the
   * order's time ran out: the conditional update is what makes the notification and the query race safely.
   */
  async markPaid(orderNo: string, paid: { transactionId: string; amountFen: number; paidAt: string; paidOn: string }): Promise<boolean> {
    const updated = await this.db('payment_orders')
      .where({ order_no: orderNo, amount_fen: paid.amountFen })
      .whereIn('status', OPEN)
      .where('expires_at', '>', paid.paidAt)
      .update({ status: 'paid', paid_at: paid.paidAt, paid_on: paid.paidOn, transaction_id: paid.transactionId });
    return updated === 1;
  }

  async markFailed(orderNo: string, at: string): Promise<boolean> {
    return (await this.db('payment_orders').where({ order_no: orderNo }).whereIn('status', OPEN).update({ status: 'failed', closed_at: at })) === 1;
  }

  async insertResidentPayment(order: PaymentOrderRow, paidAt: string): Promise<void> {
    await this.db('resident_payments').insert({
      person_id: order.person_id,
      year: order.year,
      order_id: order.id,
      amount_fen: order.amount_fen,
      paid_at: paidAt,
      benefit_start: order.benefit_start,
    });
  }

  /** Inserted unless a notification with this id was: then false, and the caller does nothing. */
  async insertNotification(row: NotificationRow): Promise<number | undefined> {
    const inserted = await this.db('payment_notifications')
      .insert({ ...row, outcome: 'received' })
      .onConflict('notification_id')
      .ignore()
      .returning<{ id: number }[]>('id');
    return inserted[0]?.id;
  }

  async setOutcome(id: number, outcome: NotificationOutcome): Promise<void> {
    await this.db('payment_notifications').where({ id }).update({ outcome });
  }

  /** Issues the receipt's code unless it has one: of two prints at once, the first code stays. */
  async issueReceiptCode(id: number, code: string): Promise<void> {
    await this.db('payment_orders').where({ id, status: 'paid' }).whereNull('receipt_code').update({ receipt_code: code });
  }

  /** Paid orders the person paid, or that were paid for them, newest year first. */
  async residentPayments(personId: number, filter: { year?: number }, page: number, pageSize: number) {
    const base = () => {
      const q = this.db('payment_orders as o')
        .where('o.status', 'paid')
        .where((w) => void w.where('o.payer_person_id', personId).orWhere('o.person_id', personId));
      if (filter.year !== undefined) q.where('o.year', filter.year);
      return q;
    };
    const total = await base().count<{ n: number | string }[]>({ n: '*' });
    const rows = await base()
      .join('insured_persons as p', 'p.id', 'o.person_id')
      .join('insured_persons as payer', 'payer.id', 'o.payer_person_id')
      .orderBy([
        { column: 'o.year', order: 'desc' },
        { column: 'o.id', order: 'desc' },
      ])
      .limit(pageSize)
      .offset(page * pageSize)
      .select<PaymentOrderWithPersons[]>('o.*', 'p.name as person_name', 'p.id_number as person_id_number', 'payer.name as payer_name');
    return { total: Number(total[0].n), rows };
  }

  /** Every paid order of a year (and region), for the agency: a page and the totals. */
  async paidOfYear(filter: { year: number; region?: string }, page: number, pageSize: number) {
    const base = () => {
      const q = this.db('payment_orders as o').where({ 'o.status': 'paid', 'o.year': filter.year });
      if (filter.region) q.where('o.region', filter.region);
      return q;
    };
    const [totals] = await base().select<{ n: number | string; fen: number | string | null }[]>(
      this.db.raw('count(*) as n'),
      this.db.raw('sum(o.amount_fen) as fen'),
    );
    const rows = await base()
      .join('insured_persons as p', 'p.id', 'o.person_id')
      .orderBy([
        { column: 'o.paid_at', order: 'desc' },
        { column: 'o.id', order: 'desc' },
      ])
      .limit(pageSize)
      .offset(page * pageSize)
      .select<(PaymentOrderRow & { person_name: string; person_id_number: string })[]>(
        'o.*',
        'p.name as person_name',
        'p.id_number as person_id_number',
      );
    return { total: Number(totals.n), totalFen: Number(totals.fen ?? 0), rows };
  }

  async paidOn(day: string): Promise<PaymentOrderRow[]> {
    return this.db('payment_orders').where({ status: 'paid', paid_on: day }).orderBy('id').select<PaymentOrderRow[]>('*');
  }

  async byOrderNos(orderNos: string[]): Promise<PaymentOrderRow[]> {
    if (orderNos.length === 0) return [];
    return this.db('payment_orders').whereIn('order_no', orderNos).select<PaymentOrderRow[]>('*');
  }
}
