/**
 * Residents (城乡居民) in the personal hall: family members, resident registration (参保登记), the assisted
 * persons the agency keeps (医疗救助对象) and the quote of a resident contribution (amount, waiting period,
 * the day benefits start). The rules themselves are in ../resident-rules.ts.
 */
import { z } from 'zod';
import { isoDate } from './addition-fields';
import { sheetError } from './declarations';
import { fieldIssue, idNumberField, idParam, mobileField, pageOf, pageQuery, personNameField, requiredText, SORT_DIRECTIONS } from './fields';

/** 日常缴费 (the standard amount) or 特殊缴费 (an assisted person's assessed amount, never edited by the payer). */
export const PAYMENT_MODES = ['daily', 'special'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/**
 * The assisted groups (医疗救助对象): 特困 extreme poverty, 低保 subsistence allowance, 返贫致贫 relapsed into
 * poverty, other assisted groups. The share of the standard amount each pays is regional configuration
 * (table `assisted_categories`; demo 0 %, 30 %, 100 %, 100 %).
 */
export const ASSISTED_CATEGORIES = ['extreme_poverty', 'subsistence', 'relapse', 'other'] as const;
export type AssistedCategory = (typeof ASSISTED_CATEGORIES)[number];

/** The resident categories a registration names (参保人员类别). */
export const RESIDENT_CATEGORIES = ['child', 'student', 'adult', 'elderly'] as const;
export type ResidentCategory = (typeof RESIDENT_CATEGORIES)[number];

/** The demo province's regions (Fujian's prefecture-level cities), by administrative code; named in `residents.regions`. */
export const RESIDENT_REGIONS = ['350100', '350200', '350300', '350400', '350500', '350600', '350700', '350800', '350900'] as const;
export type ResidentRegion = (typeof RESIDENT_REGIONS)[number];

const yearField = z.coerce.number().int().min(2000).max(2100);

/** Whom a payment (or a registration, without `other`) is for: the payer, one of their family members, or someone else. */
export const payee = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('self') }),
  z.object({ kind: z.literal('member'), memberId: idParam }),
  z.object({ kind: z.literal('other'), name: personNameField, idNumber: idNumberField }),
]);
export type Payee = z.input<typeof payee>;

export const quoteRequest = z.object({ person: payee, year: yearField, mode: z.enum(PAYMENT_MODES) });
export type QuoteRequest = z.input<typeof quoteRequest>;

/** What a payment will be, as the confirmation shows it; the order stores this amount, never one the client sends. */
export const residentQuote = z.object({
  personId: z.number().int(),
  maskedName: z.string(),
  idNumberMasked: z.string(),
  year: z.number().int(),
  mode: z.enum(PAYMENT_MODES),
  standardFen: z.number().int(),
  amountFen: z.number().int(),
  assistedCategory: z.enum(ASSISTED_CATEGORIES).nullable(),
  /** `YYYY-MM-DD` */
  benefitStart: isoDate,
  waitingMonths: z.number().int(),
  inCollectionPeriod: z.boolean(),
});
export type ResidentQuote = z.infer<typeof residentQuote>;

export const REGISTRATION_STATUSES = ['none', 'pending', 'approved', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The insurance types a person has in force now, and their last resident registration's status. */
const paymentFacts = z.object({
  maskedName: z.string(),
  idNumberMasked: z.string(),
  insuranceTypes: z.array(z.string()),
  registration: z.enum(REGISTRATION_STATUSES),
});

/** A payee as the payment flow's second step shows them: the payment-related view only, never their records. */
export const residentPayee = paymentFacts.extend({
  personId: z.number().int(),
  /** The years open for payment today, each with its standard amount and the person's assisted category that year. */
  openYears: z.array(z.object({ year: z.number().int(), standardFen: z.number().int(), assistedCategory: z.enum(ASSISTED_CATEGORIES).nullable() })),
});
export type ResidentPayee = z.infer<typeof residentPayee>;
export const payeeRequest = z.object({ person: payee });
export type PayeeRequest = z.input<typeof payeeRequest>;

/** A family member (家庭成员) as the payer sees them. */
export const familyMember = paymentFacts.extend({ id: z.number().int(), addedAt: z.string() });
export type FamilyMember = z.infer<typeof familyMember>;
export const familyMemberInput = z.object({ name: personNameField, idNumber: idNumberField });
export type FamilyMemberInput = z.input<typeof familyMemberInput>;

/** The submission kind of a resident registration, reviewed in the reviewer console like a unit's submissions. */
export const RESIDENT_REGISTRATION_KIND = 'resident-registration';

/** A resident registration as the person registers it, for self or a family member (a newborn included). */
export const residentRegistrationFacts = z.object({
  hukouAddress: requiredText(200),
  region: z.enum(RESIDENT_REGIONS),
  category: z.enum(RESIDENT_CATEGORIES),
  mobile: mobileField,
});
export const residentRegistrationInput = residentRegistrationFacts.extend({
  person: z.discriminatedUnion('kind', [z.object({ kind: z.literal('self') }), z.object({ kind: z.literal('member'), memberId: idParam })]),
});
export type ResidentRegistrationInput = z.input<typeof residentRegistrationInput>;

/** The submission's payload: what was registered, and for a newborn (birth within 90 days) the birth date coverage starts from. */
export const residentRegistrationPayload = residentRegistrationFacts.extend({
  newbornBirthDate: isoDate.nullable(),
  /** The first month of the resident enrollment approval creates. */
  startMonth: z.string(),
});
export type ResidentRegistrationPayload = z.output<typeof residentRegistrationPayload>;

/** A registration as the person follows it at /me/resident-registration. */
export const residentRegistrationStatus = z.object({
  id: z.number().int(),
  maskedName: z.string(),
  idNumberMasked: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  category: z.enum(RESIDENT_CATEGORIES),
  region: z.enum(RESIDENT_REGIONS),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
});
export type ResidentRegistrationStatus = z.infer<typeof residentRegistrationStatus>;

/** A coverage year's configuration (table `resident_years`). */
export const residentYear = z.object({ year: z.number().int(), standardFen: z.number().int(), collectionFrom: isoDate, collectionTo: isoDate });

/** The agency's spreadsheet import of assisted persons (templates/assisted-persons.template.ts). */
export const ASSISTED_IMPORT_KIND = 'assisted-persons';

/** What an import did: every problem by sheet, row and column, and how many rows it wrote (none when any row has a problem). */
export const assistedImportResult = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  errors: z.array(sheetError),
});
export type AssistedImportResult = z.infer<typeof assistedImportResult>;
export const assistedImportQuery = z.object({
  commit: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** An assisted person on the agency's list, for one coverage year. */
export const assistedPerson = z.object({
  id: z.number().int(),
  idNumber: z.string(),
  name: z.string(),
  category: z.enum(ASSISTED_CATEGORIES),
  year: z.number().int(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type AssistedPerson = z.infer<typeof assistedPerson>;
export const assistedPersonPage = pageOf(assistedPerson);
export type AssistedPersonPage = z.infer<typeof assistedPersonPage>;

export const assistedPersonInput = z.object({
  idNumber: idNumberField,
  name: personNameField,
  category: z.enum(ASSISTED_CATEGORIES),
  year: z.coerce
    .number()
    .int()
    .superRefine((v, ctx) => {
      if (v < 2000 || v > 2100) ctx.addIssue(fieldIssue('INVALID'));
    }),
});
export type AssistedPersonInput = z.input<typeof assistedPersonInput>;

export const ASSISTED_SORTS = ['recordedAt', 'idNumber', 'name'] as const;
export const assistedPersonQuery = pageQuery.extend({
  year: yearField.optional(),
  category: z.enum(ASSISTED_CATEGORIES).optional(),
  /** ID number or name, or part of either. */
  q: z.string().trim().max(50).optional(),
  sort: z.enum(ASSISTED_SORTS).default('recordedAt'),
  direction: z.enum(SORT_DIRECTIONS).default('desc'),
});
export type AssistedPersonQuery = z.input<typeof assistedPersonQuery>;
