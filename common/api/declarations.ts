/**
 * Declarations (申报): additions (增员) and reductions (减员) submitted by a unit, one at a time or as a
 * batch from a spreadsheet, and reviewed by the agency. Money in integer fen, months as `YYYYMM`.
 */
import { z } from 'zod';
import { EMPLOYEE_INSURANCE_TYPES } from '../insurance';
import {
  additionShape,
  EMPLOYMENT_FORMS,
  feePeriodField,
  HUKOU_TYPES,
  ID_TYPES,
  idTypeSchema,
  LISTED_FIELDS,
  nullableTexts,
  optionalText,
  PERSONNEL_CATEGORIES,
  REGISTERED_FIELDS,
  wageFenField,
} from './addition-fields';
import { BASE_DECLARATION_KIND } from './base-declarations';
import { idNumberField, MAX_LENGTH, pageOf, pageQuery, personNameField, SORT_DIRECTIONS } from './fields';

export {
  EMPLOYMENT_FORMS,
  feePeriodField,
  HUKOU_TYPES,
  ID_TYPES,
  idTypeSchema,
  isoDate,
  PERSONNEL_CATEGORIES,
  wageFenField,
} from './addition-fields';

/** The first four suspend coverage (暂停, can be added again); retirement and death terminate it (终止). */
export const REDUCTION_REASONS = ['contract_ended', 'resigned', 'dismissed', 'enlisted', 'retired', 'deceased'] as const;
export const TERMINATING_REASONS: readonly ReductionReason[] = ['retired', 'deceased'];
/** The kinds of declaration of a person's coverage, submitted one at a time or in spreadsheet batches (submissions.ts). */
export const DECLARATION_KINDS = ['addition', 'reduction'] as const;
/** The kinds a spreadsheet batch can hold: the declarations, and the annual base declaration (base-declarations.ts). */
export const BATCH_KINDS = [...DECLARATION_KINDS, BASE_DECLARATION_KIND] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

export type IdType = (typeof ID_TYPES)[number];
export type HukouType = (typeof HUKOU_TYPES)[number];
export type PersonnelCategory = (typeof PERSONNEL_CATEGORIES)[number];
export type EmploymentForm = (typeof EMPLOYMENT_FORMS)[number];
export type ReductionReason = (typeof REDUCTION_REASONS)[number];
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

/**
 * The addition form and template row. ID number checks that need "today" (birth date not in the
 * future) and the records (already insured) run on the server; this schema checks shape only.
 */
export const additionInput = z.object(additionShape);
export type AdditionInput = z.input<typeof additionInput>;
export type Addition = z.output<typeof additionInput>;

export const reductionInput = z.object({
  idNumber: idNumberField,
  name: personNameField,
  reason: z.enum(REDUCTION_REASONS),
  remark: optionalText(MAX_LENGTH.remark),
});
export type ReductionInput = z.input<typeof reductionInput>;
export type Reduction = z.output<typeof reductionInput>;

/** What the addition form may offer now: the server's months (cut-off applied) and the unit's insurance types. */
export const additionOptions = z.object({
  months: z.array(z.string()),
  insuranceTypes: z.array(z.enum(EMPLOYEE_INSURANCE_TYPES)),
  cutoffDay: z.number().int(),
});
export type AdditionOptions = z.infer<typeof additionOptions>;

export const reductionOptions = z.object({
  /** Always the current month: shown, not chosen. */
  stopMonth: z.string(),
  reasons: z.array(z.enum(REDUCTION_REASONS)),
});
export type ReductionOptions = z.infer<typeof reductionOptions>;

/**
 * The addition form's first step. With the person (ID number, and type and name as typed), the quote
 * also runs the person's checks of the submit, so "already insured" or "already pending" show on the
 * form before the confirmation, and says when the person's resident insurance will end.
 */
export const quoteRequest = z.object({
  wageFen: wageFenField,
  effectiveMonth: feePeriodField,
  insuranceTypes: z.array(z.enum(EMPLOYEE_INSURANCE_TYPES)).min(1).optional(),
  idType: idTypeSchema.optional(),
  idNumber: idNumberField.optional(),
  name: personNameField.optional(),
});
export type QuoteRequest = z.input<typeof quoteRequest>;

/** The confirmation step: the base after clamping and the monthly amounts, computed by the server. */
export const quote = z.object({
  effectiveMonth: z.string(),
  wageFen: z.number().int(),
  baseFen: z.number().int(),
  floorFen: z.number().int(),
  ceilingFen: z.number().int(),
  lines: z.array(
    z.object({
      insuranceType: z.enum(EMPLOYEE_INSURANCE_TYPES),
      unitRateBp: z.number().int(),
      personRateBp: z.number().int(),
      unitFen: z.number().int(),
      personFen: z.number().int(),
    }),
  ),
  totalUnitFen: z.number().int(),
  totalPersonFen: z.number().int(),
  /** The month with which the person's resident insurance ends once the addition is approved; null without one (or without a person). */
  residentInsuranceEndsWith: z.string().nullable(),
});
export type Quote = z.infer<typeof quote>;

/** A person's registered name and latest registered personal data (an approved addition's). */
export const registeredPerson = z.object({ name: z.string(), ...nullableTexts(REGISTERED_FIELDS).shape });
export type RegisteredPerson = z.infer<typeof registeredPerson>;

export const INSURED_STATUSES = ['active', 'suspended', 'terminated'] as const;
export type InsuredStatus = (typeof INSURED_STATUSES)[number];

/** A person insured (or once insured) by the unit, as lists show them. */
export const insuredPerson = z.object({
  personId: z.number().int(),
  idNumber: z.string(),
  idNumberMasked: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  status: z.enum(INSURED_STATUSES),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  wageFen: z.number().int(),
  insuranceTypes: z.array(z.string()),
  /** A pending addition or reduction for this person in this unit. */
  pendingDeclaration: z.enum(DECLARATION_KINDS).nullable(),
  ...nullableTexts(LISTED_FIELDS).shape,
});
export type InsuredPerson = z.infer<typeof insuredPerson>;

export const insuredQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  status: z.enum(INSURED_STATUSES).optional(),
  sort: z.enum(['name', 'idNumber', 'startMonth']).default('name'),
  direction: z.enum(SORT_DIRECTIONS).default('asc'),
});
export type InsuredQuery = z.input<typeof insuredQuery>;

export const insuredPage = pageOf(insuredPerson);
export type InsuredPage = z.infer<typeof insuredPage>;

/** A spreadsheet problem, located as a person would find it in Excel. */
export const sheetError = z.object({
  sheet: z.string(),
  /** 1-based, as Excel numbers rows. */
  row: z.number().int(),
  /** Excel column letter, e.g. `C`, and the header text of the column. */
  column: z.string(),
  columnTitle: z.string(),
  code: z.string(),
  message: z.string(),
});
export type SheetError = z.infer<typeof sheetError>;
export const sheetErrorPage = pageOf(sheetError);
export type SheetErrorPage = z.infer<typeof sheetErrorPage>;
export const sheetErrorQuery = pageQuery;

/** The problems a dry run's answer carries; a file with more has the rest paged from their own route. */
export const BATCH_ERRORS_IN_ANSWER = 100;

/** What a valid addition row will become, as the single addition's confirmation shows it. */
export const batchPreviewRow = z.object({
  /** Excel's row. */
  row: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  effectiveMonth: z.string(),
  wageFen: z.number().int(),
  /** The wage held between the floor and ceiling in force for the effective month. */
  baseFen: z.number().int(),
  /** Monthly, over the row's insurance types. */
  unitFen: z.number().int(),
  personFen: z.number().int(),
  /** The month with which the person's resident insurance ends once the addition is approved; null without one. */
  residentInsuranceEndsWith: z.string().nullable(),
});
export type BatchPreviewRow = z.infer<typeof batchPreviewRow>;
export const batchPreviewPage = pageOf(batchPreviewRow);
export type BatchPreviewPage = z.infer<typeof batchPreviewPage>;
export const batchPreviewQuery = pageQuery;

/** The dry run of an uploaded batch. */
export const batchValidation = z.object({
  /** Names the stored validation for the annotated download and the submit. */
  token: z.string(),
  kind: z.enum(BATCH_KINDS),
  fileName: z.string(),
  rows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  /**
   * Header problems stop everything; then every row's problems at once, in row order: the first
   * BATCH_ERRORS_IN_ANSWER of them here, all of them by pages from /batches/validations/:token/errors.
   */
  errors: z.array(sheetError),
  /** How many problems the dry run found. */
  errorCount: z.number().int(),
  /** The first page of the valid rows' outcome (additions; null for reductions); further pages from its own route. */
  preview: batchPreviewPage.nullable(),
});
export type BatchValidation = z.infer<typeof batchValidation>;

export const batchSubmitRequest = z.object({ token: z.string().min(1).max(100) });
export const batchSubmitResult = z.object({ batchId: z.number().int(), declarations: z.number().int() });
export type BatchSubmitResult = z.infer<typeof batchSubmitResult>;
