/**
 * Payment orders of the personal hall (flow steps 7–8): a payer's order for one insured person and year,
 * paid through the payment channel; the payment record it makes; its electronic payment receipt
 * (社保费电子缴款单); and the agency's views: resident payments by year and region, and the day's
 * reconciliation with the channel's statement. Amounts are integer fen throughout.
 */
import { z } from 'zod';
import { isoDate } from './addition-fields';
import { pageOf, pageQuery } from './fields';
import { PAYMENT_MODES, RESIDENT_REGIONS } from './residents';

/** created → paying (the pay page issued) → paid | failed | closed (unpaid after ORDER_OPEN_MINUTES). */
export const PAYMENT_ORDER_STATUSES = ['created', 'paying', 'paid', 'failed', 'closed'] as const;
export type PaymentOrderStatus = (typeof PAYMENT_ORDER_STATUSES)[number];
/** The statuses of an open order: at most one per insured person and year (a partial unique index). */
export const OPEN_ORDER_STATUSES = ['created', 'paying'] as const satisfies readonly PaymentOrderStatus[];
/** An order not paid within this time closes; the channel is told the same deadline. */
export const ORDER_OPEN_MINUTES = 15;

export const paymentOrderParams = z.object({ id: z.coerce.number().int().positive() });

/** An order as its payer sees it: the insured person masked unless it is the payer. */
export const paymentOrder = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  status: z.enum(PAYMENT_ORDER_STATUSES),
  /** The payer pays for themselves. */
  self: z.boolean(),
  personName: z.string(),
  idNumberMasked: z.string(),
  year: z.number().int(),
  mode: z.enum(PAYMENT_MODES),
  standardFen: z.number().int(),
  amountFen: z.number().int(),
  assistedCategory: z.string().nullable(),
  benefitStart: isoDate,
  waitingMonths: z.number().int(),
  inCollectionPeriod: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  transactionId: z.string().nullable(),
});
export type PaymentOrder = z.infer<typeof paymentOrder>;

/** Where the browser goes to pay: the channel's own page. */
export const payStart = z.object({ payUrl: z.string() });
export type PayStart = z.infer<typeof payStart>;

/** A payment made (a paid order), as the payer's list shows it. */
export const residentPayment = z.object({
  orderId: z.number().int(),
  year: z.number().int(),
  self: z.boolean(),
  personName: z.string(),
  idNumberMasked: z.string(),
  mode: z.enum(PAYMENT_MODES),
  amountFen: z.number().int(),
  paidAt: z.string(),
  benefitStart: isoDate,
  waitingMonths: z.number().int(),
});
export type ResidentPayment = z.infer<typeof residentPayment>;

export const residentPaymentQuery = pageQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export type ResidentPaymentQuery = z.infer<typeof residentPaymentQuery>;
export const residentPaymentPage = pageOf(residentPayment);
export type ResidentPaymentPage = z.infer<typeof residentPaymentPage>;

/** The electronic payment receipt (社保费电子缴款单) of a paid order, printed by its payer. */
export const paymentReceipt = z.object({
  code: z.string(),
  orderNo: z.string(),
  transactionId: z.string(),
  payerName: z.string(),
  personName: z.string(),
  idNumberMasked: z.string(),
  year: z.number().int(),
  mode: z.enum(PAYMENT_MODES),
  insuranceType: z.literal('390'),
  amountFen: z.number().int(),
  paidAt: z.string(),
  benefitStart: isoDate,
  waitingMonths: z.number().int(),
});
export type PaymentReceipt = z.infer<typeof paymentReceipt>;

/** What anyone holding the paper learns from its code: the person masked, nothing of the payer. */
export const paymentReceiptVerification = z.object({
  genuine: z.literal(true),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  year: z.number().int(),
  insuranceType: z.literal('390'),
  amountFen: z.number().int(),
  paidAt: z.string(),
});
export type PaymentReceiptVerification = z.infer<typeof paymentReceiptVerification>;

/** The reviewer's resident payments: a year, optionally a region (the resident registration's). */
export const reviewResidentPaymentQuery = pageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100),
  region: z.enum(RESIDENT_REGIONS).optional(),
});
export type ReviewResidentPaymentQuery = z.infer<typeof reviewResidentPaymentQuery>;
export const reviewResidentPayment = z.object({
  orderNo: z.string(),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  region: z.string().nullable(),
  mode: z.enum(PAYMENT_MODES),
  amountFen: z.number().int(),
  paidAt: z.string(),
});
export const reviewResidentPaymentPage = pageOf(reviewResidentPayment).extend({ totalFen: z.number().int() });
export type ReviewResidentPaymentPage = z.infer<typeof reviewResidentPaymentPage>;

/**
 * A difference between the hall's paid orders of a day and the channel's statement of that day:
 * paid in the hall but not in the statement; in the statement but not paid in the hall (a late notification
 * of a closed order lands here, never paid silently); or both, with different amounts.
 */
export const RECONCILIATION_DIFFERENCES = ['missing-in-statement', 'not-paid-in-hall', 'amount-differs'] as const;
export type ReconciliationDifferenceKind = (typeof RECONCILIATION_DIFFERENCES)[number];

export const reconciliationQuery = z.object({ day: isoDate });
export const reconciliationDifference = z.object({
  kind: z.enum(RECONCILIATION_DIFFERENCES),
  orderNo: z.string(),
  transactionId: z.string().nullable(),
  /** The hall's order status; null when the hall has no such order. */
  orderStatus: z.enum(PAYMENT_ORDER_STATUSES).nullable(),
  hallAmountFen: z.number().int().nullable(),
  statementAmountFen: z.number().int().nullable(),
  paidAt: z.string().nullable(),
});
export type ReconciliationDifference = z.infer<typeof reconciliationDifference>;
export const reconciliation = z.object({
  day: isoDate,
  hallPaidCount: z.number().int(),
  hallPaidFen: z.number().int(),
  statementCount: z.number().int(),
  statementFen: z.number().int(),
  differences: z.array(reconciliationDifference),
});
export type Reconciliation = z.infer<typeof reconciliation>;

/** A notification of the channel, as the hall answers it (the channel stops retrying on any 200). */
export const notificationReceipt = z.object({ received: z.literal(true) });
