/** Payment certificates (缴费证明): issued by a unit for one employee and a month range; verified by anyone with the code. */
import { z } from 'zod';
import { EMPLOYEE_INSURANCE_TYPES } from '../insurance';
import { feePeriodField } from './declarations';
import { fieldIssue, idNumberField } from './fields';

export const certificateRequest = z
  .object({
    idNumber: idNumberField,
    from: feePeriodField,
    to: feePeriodField,
  })
  .superRefine((v, ctx) => {
    if (v.from > v.to) ctx.addIssue({ ...fieldIssue('INVALID'), path: ['to'] });
  });
export type CertificateRequest = z.input<typeof certificateRequest>;

/** What one insurance type cost in a month, by side. */
export const certificateAmount = z.object({
  insuranceType: z.enum(EMPLOYEE_INSURANCE_TYPES),
  unitAmountFen: z.number().int(),
  personAmountFen: z.number().int(),
});
export type CertificateAmount = z.infer<typeof certificateAmount>;

/** One fee period of the certificate: its base, each insurance type's amounts, and their sums. */
export const certificateMonth = z.object({
  feePeriod: z.string(),
  baseFen: z.number().int(),
  amounts: z.array(certificateAmount),
  unitAmountFen: z.number().int(),
  personAmountFen: z.number().int(),
  paid: z.boolean(),
});
export type CertificateMonth = z.infer<typeof certificateMonth>;

export const certificate = z.object({
  code: z.string(),
  unitName: z.string(),
  unitCreditCode: z.string(),
  name: z.string(),
  idNumber: z.string(),
  from: z.string(),
  to: z.string(),
  months: z.number().int(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  items: z.array(certificateMonth),
  unitAmountFen: z.number().int(),
  personAmountFen: z.number().int(),
});
export type Certificate = z.infer<typeof certificate>;

/** All the public may learn from a code: never amounts, never the unit. */
export const certificateVerification = z.object({
  genuine: z.literal(true),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  from: z.string(),
  to: z.string(),
  months: z.number().int(),
});
export type CertificateVerification = z.infer<typeof certificateVerification>;
