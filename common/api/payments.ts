/** Contributions: payment details (缴费明细) per person, insurance type and fee period; unit totals; collections. */
import { z } from 'zod';
import { EMPLOYEE_INSURANCE_TYPES } from '../insurance';
import { INSURED_DETAIL_FIELDS, nullableTexts } from './addition-fields';
import { feePeriodField } from './declarations';
import { submission } from './submissions';
import { MAX_LENGTH, pageOf, pageQuery, requiredText, SORT_DIRECTIONS } from './fields';

export const PAYMENT_STATUSES = ['due', 'paid', 'overdue'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
const insuranceTypeField = z.enum(EMPLOYEE_INSURANCE_TYPES);

export const paymentDetail = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  idNumber: z.string(),
  idNumberMasked: z.string(),
  name: z.string(),
  feePeriod: z.string(),
  insuranceType: insuranceTypeField,
  baseFen: z.number().int(),
  unitRateBp: z.number().int(),
  personRateBp: z.number().int(),
  unitAmountFen: z.number().int(),
  personAmountFen: z.number().int(),
  status: z.enum(PAYMENT_STATUSES),
  paidAt: z.string().nullable(),
  collectionSerial: z.string().nullable(),
});
export type PaymentDetail = z.infer<typeof paymentDetail>;

/** Employee payment details: by ID number or name and a range of fee periods. */
export const paymentDetailQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  from: feePeriodField.optional(),
  to: feePeriodField.optional(),
  insuranceType: insuranceTypeField.optional(),
  status: z.enum(PAYMENT_STATUSES).optional(),
  sort: z.enum(['feePeriod', 'name', 'idNumber', 'baseFen']).default('feePeriod'),
  direction: z.enum(SORT_DIRECTIONS).default('desc'),
});
export type PaymentDetailQuery = z.input<typeof paymentDetailQuery>;

export const paymentDetailPage = pageOf(paymentDetail);
export type PaymentDetailPage = z.infer<typeof paymentDetailPage>;

/** Unit payment details: one row per fee period (and insurance type when filtered by one). */
export const unitPaymentQuery = pageQuery.extend({
  from: feePeriodField.optional(),
  to: feePeriodField.optional(),
  insuranceType: insuranceTypeField.optional(),
  direction: z.enum(SORT_DIRECTIONS).default('desc'),
});
export type UnitPaymentQuery = z.input<typeof unitPaymentQuery>;

export const unitPaymentPeriod = z.object({
  feePeriod: z.string(),
  persons: z.number().int(),
  unitAmountFen: z.number().int(),
  personAmountFen: z.number().int(),
  dueFen: z.number().int(),
  paidFen: z.number().int(),
  overdueFen: z.number().int(),
  collectedOn: z.string().nullable(),
  collectionSerial: z.string().nullable(),
});
export type UnitPaymentPeriod = z.infer<typeof unitPaymentPeriod>;

export const unitPaymentPage = pageOf(unitPaymentPeriod);
export type UnitPaymentPage = z.infer<typeof unitPaymentPage>;

/** The reviewer assesses a unit's period (again). */
export const assessmentRequest = z.object({ unitId: z.number().int().positive(), feePeriod: feePeriodField });
export const assessmentResult = z.object({
  feePeriod: z.string(),
  inserted: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
});
export type AssessmentResult = z.infer<typeof assessmentResult>;

/** The reviewer runs the monthly assessment of a period for every unit. */
export const cityAssessmentRequest = z.object({ feePeriod: feePeriodField });
export const cityAssessmentResult = z.object({
  feePeriod: z.string(),
  /** Units assessed by this run. */
  units: z.number().int(),
  /** Units the period was already assessed for (by an earlier run, or one a crash cut short). */
  skipped: z.number().int(),
  /** Payment details written. */
  inserted: z.number().int(),
});
export type CityAssessmentResult = z.infer<typeof cityAssessmentResult>;

/**
 * The reviewer records a unit's collection (征收) for a period: its details become paid. The amount is
 * what the agency received, in fen; it must be what the period's unpaid details come to.
 */
export const collectionRequest = z.object({
  unitId: z.number().int().positive(),
  feePeriod: feePeriodField,
  collectedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  serial: requiredText(MAX_LENGTH.collectionSerial),
  amountFen: z.number().int().positive(),
});
export type CollectionRequest = z.infer<typeof collectionRequest>;
export const collectionResult = z.object({ feePeriod: z.string(), paidDetails: z.number().int(), amountFen: z.number().int() });
export type CollectionResult = z.infer<typeof collectionResult>;

/** The units a reviewer picks from: searched by a part of the name or the start of the credit code, in order of name. */
export const reviewUnitQuery = pageQuery.extend({ q: z.string().trim().max(50).optional() });
export type ReviewUnitQuery = z.input<typeof reviewUnitQuery>;
export const unitSummary = z.object({ id: z.number().int(), name: z.string(), creditCode: z.string() });
export type UnitSummary = z.infer<typeof unitSummary>;
export const unitSummaryPage = pageOf(unitSummary);
export type UnitSummaryPage = z.infer<typeof unitSummaryPage>;

/** Unit information: basic, contact and registration. */
export const unitInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  unitNumber: z.string(),
  unitType: z.string().nullable(),
  industry: z.string().nullable(),
  economicType: z.string().nullable(),
  legalRepName: z.string().nullable(),
  legalRepPhone: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  registrationDate: z.string().nullable(),
  agency: z.string().nullable(),
  collectionMode: z.string(),
  insuranceTypes: z.array(z.object({ insuranceType: z.string(), startMonth: z.string() })),
  bank: z.object({
    category: z.string().nullable(),
    branchName: z.string().nullable(),
    accountName: z.string().nullable(),
    accountNumberMasked: z.string().nullable(),
    /** The whole number, for the unit's administrator only: null for an agent (and when there is none). */
    accountNumber: z.string().nullable(),
  }),
  /** Changes of the unit's information or bank account waiting for review (at most one of each). */
  pendingChanges: z.array(submission),
});
export type UnitInfo = z.infer<typeof unitInfo>;

/** One insured person of the unit in full: the detail dialog's basic, contact and insurance tabs. */
export const insuredPersonDetail = z.object({
  personId: z.number().int(),
  basic: z.object({
    name: z.string(),
    idType: z.string(),
    idNumber: z.string(),
    sex: z.enum(['male', 'female']),
    birthDate: z.string(),
    ...nullableTexts(INSURED_DETAIL_FIELDS.basic).shape,
  }),
  contact: nullableTexts(INSURED_DETAIL_FIELDS.contact),
  employment: z.object({
    status: z.string(),
    startMonth: z.string(),
    endMonth: z.string().nullable(),
    wageFen: z.number().int(),
    ...nullableTexts(INSURED_DETAIL_FIELDS.employment).shape,
  }),
  insurance: z.array(z.object({ insuranceType: z.string(), startMonth: z.string(), endMonth: z.string().nullable(), status: z.string() })),
  /** A change of the household registration waiting for review, if any. */
  pendingChanges: z.array(submission),
});
export type InsuredPersonDetail = z.infer<typeof insuredPersonDetail>;

/** A fee period's statement: due and paid per insurance type and side (unit / person). */
export const paymentStatementQuery = z.object({ period: feePeriodField });
export const paymentStatementLine = z.object({
  insuranceType: insuranceTypeField,
  persons: z.number().int(),
  unitDueFen: z.number().int(),
  personDueFen: z.number().int(),
  unitPaidFen: z.number().int(),
  personPaidFen: z.number().int(),
});
export const paymentStatement = z.object({
  feePeriod: z.string(),
  unitName: z.string(),
  unitCreditCode: z.string(),
  lines: z.array(paymentStatementLine),
  dueFen: z.number().int(),
  paidFen: z.number().int(),
  collectedOn: z.string().nullable(),
  collectionSerial: z.string().nullable(),
});
export type PaymentStatementLine = z.infer<typeof paymentStatementLine>;
export type PaymentStatement = z.infer<typeof paymentStatement>;
