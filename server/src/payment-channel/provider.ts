/**
 * The payment channel, seen from the hall: one interface every provider implements (WeChat Pay, Alipay and
 * UnionPay in real life; the hall ships the sandbox acquirer). Amounts are integer fen; instants ISO strings.
 */

export interface CreatePayment {
  /** The hall's order number, unique; the provider's merchant order number (out_trade_no). */
  orderNo: string;
  amountFen: number;
  description: string;
  /** Where the provider posts its signed notifications. */
  notifyUrl: string;
  /** Where the payer's browser goes back after paying or cancelling; it proves nothing. */
  returnUrl: string;
  /** The provider refuses to take the payment after this instant (WeChat's time_expire). */
  expiresAt: string;
}

/** A payment as the provider knows it: `paid` carries the provider's transaction and when it was paid. */
export type ProviderPayment =
  | { orderNo: string; status: 'paid'; transactionId: string; amountFen: number; paidAt: string }
  | { orderNo: string; status: 'unpaid' | 'failed' | 'closed' | 'unknown' };

/** A notification whose signature verified: one event of one order, identified by the provider. */
export interface ProviderNotification {
  /** Unique per notification at the provider: a retry of the same notification carries the same id. */
  notificationId: string;
  orderNo: string;
  event: 'paid' | 'failed';
  transactionId: string | null;
  amountFen: number;
  /** When the event happened at the provider (for `paid`, when the money was taken). */
  at: string;
}

/** One successful payment of the provider's daily statement. */
export interface StatementLine {
  orderNo: string;
  transactionId: string;
  amountFen: number;
  paidAt: string;
}

/** A notification that is not the provider's: its signature does not verify, or its body does not parse. */
export class InvalidNotification extends Error {}

/** The provider could not be reached or answered nonsense: the hall retries later, nothing changes. */
export class ProviderUnavailable extends Error {}

export interface PaymentProvider {
  /** Registers the payment; the payer's browser is sent to the returned page. */
  createPayment(payment: CreatePayment): Promise<{ payUrl: string }>;
  /** What the provider knows of the order now. */
  queryPayment(orderNo: string): Promise<ProviderPayment>;
  /** Verifies the notification's signature over the raw body exactly as received, then parses it. */
  parseNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderNotification;
  /** The successful payments of a day (YYYY-MM-DD, Asia/Shanghai). */
  statement(day: string): Promise<StatementLine[]>;
}
