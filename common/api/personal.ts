/**
 * The personal hall's own records (个人权益) and person accounts: registration with a CAPTCHA, a person's
 * insurance per type, employment history, employee payment details with the personal share, and the
 * person's own payment certificate. Everything here is the signed-in person's own, never anyone else's.
 */
import { z } from 'zod';
import { INSURANCE_TYPES, type InsuranceType } from '../insurance';
import { passwordProblem } from '../validators/password';
import { certificateMonth } from './certificates';
import { feePeriodField } from './addition-fields';
import { INSURED_STATUSES } from './declarations';
import {
  fieldIssue,
  idNumberField,
  mobileField,
  newPasswordField,
  pageOf,
  pageQuery,
  personNameField,
  requiredText,
  SORT_DIRECTIONS,
} from './fields';
import { PAYMENT_STATUSES } from './payments';

const INSURANCE_TYPE_CODES = Object.keys(INSURANCE_TYPES) as [InsuranceType, ...InsuranceType[]];

/** The public registration form: who the person is, how to reach them, their password and the CAPTCHA's answer. */
export const personRegistrationInput = z
  .object({
    name: personNameField,
    idNumber: idNumberField,
    mobile: mobileField,
    password: newPasswordField,
    captchaToken: requiredText(200),
    captchaAnswer: requiredText(10),
  })
  .superRefine((value, ctx) => {
    // The ID number is the login; neither it nor the mobile may be read out of the password.
    if (passwordProblem(value.password, [value.idNumber, value.mobile]) === 'PASSWORD_CONTAINS_LOGIN') {
      ctx.addIssue({ ...fieldIssue('PASSWORD_CONTAINS_LOGIN'), path: ['password'] });
    }
  });
export type PersonRegistrationInput = z.input<typeof personRegistrationInput>;
export type PersonRegistration = z.output<typeof personRegistrationInput>;

/** A new account: sign in with this ID number. */
export const personRegistrationReceipt = z.object({ idNumber: z.string(), name: z.string() });
export type PersonRegistrationReceipt = z.infer<typeof personRegistrationReceipt>;

/** One insurance type's standing: its latest coverage; the unit is named only for the person's own employment. */
export const insuranceStanding = z.object({
  insuranceType: z.enum(INSURANCE_TYPE_CODES),
  status: z.enum(INSURED_STATUSES),
  since: z.string(),
  until: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type InsuranceStanding = z.infer<typeof insuranceStanding>;
export const insuranceStandings = z.object({ items: z.array(insuranceStanding) });
export type InsuranceStandings = z.infer<typeof insuranceStandings>;

/** One employment: the unit and its months (endMonth null while it goes on). */
export const ownEmployment = z.object({
  unitName: z.string(),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  status: z.enum(INSURED_STATUSES),
});
export type OwnEmployment = z.infer<typeof ownEmployment>;
export const ownEmployments = z.object({ items: z.array(ownEmployment) });
export type OwnEmployments = z.infer<typeof ownEmployments>;

/** One month of one employee insurance type, with the personal share beside the unit's. */
export const ownPaymentDetail = z.object({
  id: z.number().int(),
  feePeriod: z.string(),
  insuranceType: z.enum(INSURANCE_TYPE_CODES),
  unitName: z.string(),
  baseFen: z.number().int(),
  personAmountFen: z.number().int(),
  unitAmountFen: z.number().int(),
  status: z.enum(PAYMENT_STATUSES),
  paidAt: z.string().nullable(),
});
export type OwnPaymentDetail = z.infer<typeof ownPaymentDetail>;

export const OWN_PAYMENT_SORTS = ['feePeriod', 'insuranceType', 'personAmountFen'] as const;
export const ownPaymentQuery = pageQuery
  .extend({
    from: feePeriodField.optional(),
    to: feePeriodField.optional(),
    sort: z.enum(OWN_PAYMENT_SORTS).default('feePeriod'),
    direction: z.enum(SORT_DIRECTIONS).default('desc'),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ ...fieldIssue('INVALID'), path: ['to'] });
  });
export type OwnPaymentQuery = z.input<typeof ownPaymentQuery>;
export type OwnPaymentFilter = z.output<typeof ownPaymentQuery>;

/** The page, and the personal share of every detail the filter matches (not only this page's). */
export const ownPaymentPage = pageOf(ownPaymentDetail).extend({ personAmountFen: z.number().int() });
export type OwnPaymentPage = z.infer<typeof ownPaymentPage>;

/** The person's own certificate: the fee periods it covers, across the units that paid. */
export const ownCertificateRequest = z.object({ from: feePeriodField, to: feePeriodField }).superRefine((v, ctx) => {
  if (v.from > v.to) ctx.addIssue({ ...fieldIssue('INVALID'), path: ['to'] });
});
export type OwnCertificateRequest = z.input<typeof ownCertificateRequest>;

export const ownCertificate = z.object({
  code: z.string(),
  name: z.string(),
  idNumber: z.string(),
  from: z.string(),
  to: z.string(),
  months: z.number().int(),
  issuedAt: z.string(),
  /** Each month with the unit that paid it; a month two units paid has a line for each. */
  items: z.array(certificateMonth.extend({ unitName: z.string() })),
  unitAmountFen: z.number().int(),
  personAmountFen: z.number().int(),
});
export type OwnCertificate = z.infer<typeof ownCertificate>;
