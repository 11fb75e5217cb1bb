/**
 * Receipts (回执) of what a unit submitted: one submission, or a whole batch. Each receipt carries a code,
 * issued when it is first printed, that anyone holding the paper checks on the public verification page.
 */
import { z } from 'zod';
import { fieldIssue } from './fields';
import { SUBMISSION_KINDS, SUBMISSION_STATUSES } from './submissions';

/** The receipt of one submission or of one batch: exactly one of the two. */
export const receiptRequest = z
  .object({
    submissionId: z.number().int().positive().optional(),
    batchId: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.submissionId === undefined) === (v.batchId === undefined)) ctx.addIssue({ ...fieldIssue('REQUIRED'), path: ['submissionId'] });
  });
export type ReceiptRequest = z.input<typeof receiptRequest>;

export const receiptCode = z.object({ code: z.string() });
export type ReceiptCode = z.infer<typeof receiptCode>;

/** A row of the receipt as the public sees it: the person masked as on the paper, never the payload. */
export const verifiedReceiptRow = z.object({
  /** The row of the batch's workbook, or the submission's number. */
  number: z.number().int(),
  kind: z.enum(SUBMISSION_KINDS),
  /** Null for a change of the unit's own facts. */
  nameMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  effectiveMonth: z.string().nullable(),
  status: z.enum(SUBMISSION_STATUSES),
});
export type VerifiedReceiptRow = z.infer<typeof verifiedReceiptRow>;

/** All the public may learn from a receipt's code: what the receipt shows, with names and ID numbers masked. */
export const receiptVerification = z.object({
  genuine: z.literal(true),
  submissionId: z.number().int().nullable(),
  batchId: z.number().int().nullable(),
  submittedAt: z.string(),
  rows: z.array(verifiedReceiptRow),
});
export type ReceiptVerification = z.infer<typeof receiptVerification>;
