import { receiptCode, receiptRequest, receiptVerification } from '@common/api/receipts';
import { codeParams } from '@common/api/verification';
import { route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { ReceiptService } from './receipts.service';

export function receiptRoutes(receipts: ReceiptService): RouteDefinition[] {
  return [
    route({
      method: 'post',
      path: '/receipts',
      summary: "The verification code of the receipt of one of the unit's submissions or batches, issued on first request",
      tag: 'receipts',
      access: UNIT_ROLES,
      body: receiptRequest,
      response: receiptCode,
      handle: (ctx) => {
        const { submissionId, batchId } = ctx.body;
        return receipts.code(unitOf(ctx), submissionId !== undefined ? { submissionId } : { batchId: batchId! });
      },
    }),
    route({
      method: 'get',
      path: '/receipts/verify/:code',
      summary: 'Checks a receipt code: its submissions with masked names and ID numbers, or 404; many misses from one address wait',
      tag: 'receipts',
      access: 'public',
      params: codeParams,
      response: receiptVerification,
      handle: (ctx) => receipts.verify(ctx.params.code, ctx.req.ip ?? 'unknown'),
    }),
  ];
}
