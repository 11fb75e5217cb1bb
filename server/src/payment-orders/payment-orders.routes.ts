import {
  notificationReceipt,
  paymentOrder,
  paymentOrderParams,
  paymentReceipt,
  paymentReceiptVerification,
  payStart,
  reconciliation,
  reconciliationQuery,
  residentPaymentPage,
  residentPaymentQuery,
  reviewResidentPaymentPage,
  reviewResidentPaymentQuery,
} from '@common/api/payment-orders';
import { quoteRequest } from '@common/api/residents';
import { codeParams } from '@common/api/verification';
import { AppError } from '../http/errors';
import { rawBodyOf } from '../http/raw-body';
import { personOf, PERSON_ROLES, route, type RouteDefinition } from '../http/route';
import { InvalidNotification, type PaymentProvider } from '../payment-channel/provider';
import { NOTIFICATION_PATH, type PaymentOrderService } from './payment-orders.service';

export function paymentOrderRoutes(orders: PaymentOrderService, provider: PaymentProvider): RouteDefinition[] {
  return [
    route({
      method: 'post',
      path: '/me/payment-orders',
      summary: "A payment order for the quote's person and year at the quote's amount (the client never sends one); one open per person and year",
      tag: 'payment-orders',
      access: PERSON_ROLES,
      body: quoteRequest,
      response: paymentOrder,
      status: 201,
      idempotent: true,
      handle: (ctx) => orders.create(personOf(ctx), ctx.body),
    }),
    route({
      method: 'get',
      path: '/me/payment-orders/:id',
      summary: "The payer's order as it stands: closed past its time, and a paying one asks the channel",
      tag: 'payment-orders',
      access: PERSON_ROLES,
      params: paymentOrderParams,
      response: paymentOrder,
      handle: (ctx) => orders.get(personOf(ctx), ctx.params.id),
    }),
    route({
      method: 'post',
      path: '/me/payment-orders/:id/pay',
      summary: "The payment channel's pay page for the payer's open order",
      tag: 'payment-orders',
      access: PERSON_ROLES,
      params: paymentOrderParams,
      response: payStart,
      handle: (ctx) => orders.pay(personOf(ctx), ctx.params.id),
    }),
    route({
      method: 'get',
      path: '/me/payment-orders/:id/receipt',
      summary: "The electronic payment receipt (社保费电子缴款单) of the payer's paid order, with its verification code",
      tag: 'payment-orders',
      access: PERSON_ROLES,
      params: paymentOrderParams,
      response: paymentReceipt,
      handle: (ctx) => orders.receipt(personOf(ctx), ctx.params.id),
    }),
    route({
      method: 'get',
      path: '/me/resident-payments',
      summary: 'Resident payments by year: those the person paid, for themselves or others, and those paid for them',
      tag: 'payment-orders',
      access: PERSON_ROLES,
      query: residentPaymentQuery,
      response: residentPaymentPage,
      handle: (ctx) => orders.residentPayments(personOf(ctx), ctx.query),
    }),
    route({
      method: 'get',
      path: '/payment-receipts/verify/:code',
      summary: 'Checks an electronic payment receipt code: the person masked, the year and amount; many misses from one address wait',
      tag: 'payment-orders',
      access: 'public',
      params: codeParams,
      response: paymentReceiptVerification,
      handle: (ctx) => orders.verifyReceipt(ctx.params.code, ctx.req.ip ?? 'unknown'),
    }),
    route({
      method: 'post',
      path: NOTIFICATION_PATH,
      summary: "The payment channel's notification of a payment: signed over the raw body (HMAC-SHA256), handled once by its id",
      tag: 'payment-orders',
      access: 'public',
      webhook: true,
      response: notificationReceipt,
      handle: async (ctx) => {
        let notification;
        try {
          notification = provider.parseNotification(rawBodyOf(ctx.req), ctx.req.headers);
        } catch (error) {
          if (error instanceof InvalidNotification) throw new AppError(400, 'PAYMENT_NOTIFICATION_INVALID');
          throw error;
        }
        await orders.handleNotification(notification);
        return { received: true as const };
      },
    }),
    route({
      method: 'get',
      path: '/review/resident-payments',
      summary: 'Resident payments of a year, by region: a page and the totals',
      tag: 'payment-orders',
      access: ['reviewer'],
      query: reviewResidentPaymentQuery,
      response: reviewResidentPaymentPage,
      handle: (ctx) => orders.reviewPayments(ctx.query),
    }),
    route({
      method: 'get',
      path: '/review/reconciliation',
      summary: "The day's paid orders against the payment channel's statement: every difference",
      tag: 'payment-orders',
      access: ['reviewer'],
      query: reconciliationQuery,
      response: reconciliation,
      handle: (ctx) => orders.reconcile(ctx.query.day),
    }),
  ];
}
