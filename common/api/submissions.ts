/**
 * Submissions (提交): everything a unit submits for the agency's review. A *declaration* (申报) is an
 * addition or a reduction of a person's coverage (declarations.ts); a *change* (变更) is any other kind, a
 * change of registered facts (maintenance.ts). Each kind is defined once, below: its name and the schema
 * of the payload it carries, which the server parses every stored payload through when it reads one.
 */
import { z } from 'zod';
import { EMPLOYEE_INSURANCE_TYPES } from '../insurance';
import { ADDITION_FIELD_LIST } from './addition-fields';
import { additionInput, DECLARATION_KINDS, feePeriodField, isoDate, reductionInput, registeredPerson, type DeclarationKind } from './declarations';
import { idParam, pageOf, pageQuery } from './fields';
import { bankAccountChangeInput, hukouChangeInput, unitInfoChangeInput } from './maintenance';
import { REGISTRATION_FIELDS } from './registration';
import { BASE_DECLARATION_KIND, baseDeclarationPayload } from './base-declarations';
import { RESIDENT_REGISTRATION_KIND, residentRegistrationPayload } from './residents';

export const SUBMISSION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** The unit's queues: `pending` (can be withdrawn) and `audited` (approved or rejected). */
export const SUBMISSION_QUEUES = ['pending', 'audited'] as const;
export type SubmissionQueue = (typeof SUBMISSION_QUEUES)[number];

/** An addition as submitted: the insurance types default to the unit's when it is submitted. */
export const additionPayload = additionInput.extend({ insuranceTypes: z.array(z.enum(EMPLOYEE_INSURANCE_TYPES)) });
export type AdditionPayload = z.output<typeof additionPayload>;

/**
 * The registered facts a change is about, as they were when it was submitted and as the unit wants them,
 * every field of its request present (null when not registered).
 */
const changeOf = <K extends string>(fields: z.ZodEnum<{ [F in K]: F }>) => {
  const facts = z.record(fields, z.string().nullable());
  return z.object({ before: facts, after: facts });
};
export const unitInfoChangePayload = changeOf(unitInfoChangeInput.keyof());
/** The branch's name is looked up from its code when the change is submitted. */
export const bankAccountChangePayload = changeOf(bankAccountChangeInput.extend({ branchName: z.string() }).keyof());
export const hukouChangePayload = changeOf(hukouChangeInput.keyof());
/**
 * A unit's registration: `before` is the agency's record of the credit code when it was submitted (every
 * field null for a new unit), `after` what the applicant registered. `duplicate`: the credit code already
 * had an online account or a pending registration; such a registration is answered like any other, so
 * the page reveals nothing, but it can never be approved.
 */
export const unitRegistrationPayload = changeOf(z.enum(REGISTRATION_FIELDS)).extend({ onRecord: z.boolean(), duplicate: z.boolean() });

/** What every submission has, whatever its kind. */
const submissionFacts = z.object({
  id: z.number().int(),
  status: z.enum(SUBMISSION_STATUSES),
  unitId: z.number().int(),
  /** Filled for reviewers, who see every unit. */
  unitName: z.string().optional(),
  /** The person it is about; null for a change of the unit's own information or bank account. */
  idNumber: z.string().nullable(),
  /** Lists show the masked number; details the whole one. */
  idNumberMasked: z.string().nullable(),
  personName: z.string().nullable(),
  /** Additions and reductions: changes apply when approved; a base declaration: the first month of its contribution year. */
  effectiveMonth: z.string().nullable(),
  batchId: z.number().int().nullable(),
  rowNumber: z.number().int().nullable(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
  /** The rejected submission this one corrects (submitted again from the unit's to-do). */
  correctsId: z.number().int().nullable(),
  /** Of a rejected submission: the one that corrects it, unless withdrawn; a rejected one is corrected once. */
  correctedById: z.number().int().nullable(),
  /**
   * The reviewer's detail of a pending addition of a known ID number: the person as registered, to compare
   * with the submitted data it would replace; null for a person not yet known.
   */
  registeredPerson: registeredPerson.nullable().optional(),
  /**
   * The reviewer's detail of an addition: the declared wage held between the floor and ceiling in force in
   * its effective month, the base it will be assessed on; null when no limits are configured for that month.
   */
  contributionBase: z.object({ baseFen: z.number().int(), floorFen: z.number().int(), ceilingFen: z.number().int() }).nullable().optional(),
});

/** A declaration is always about a person, from or until a month. */
const declarationFacts = submissionFacts.extend({
  idNumber: z.string(),
  idNumberMasked: z.string(),
  personName: z.string(),
  effectiveMonth: feePeriodField,
});

/** A kind of submission: its name and its payload. */
const declarationKind = <K extends string, P extends z.ZodType>(kind: K, payload: P) => declarationFacts.extend({ kind: z.literal(kind), payload });
const changeKind = <K extends string, P extends z.ZodType>(kind: K, payload: P) => submissionFacts.extend({ kind: z.literal(kind), payload });

/** Every kind of submission. A new kind is one more line here (and its translations and migration). */
export const submission = z.discriminatedUnion('kind', [
  declarationKind('addition', additionPayload),
  declarationKind('reduction', reductionInput),
  declarationKind(BASE_DECLARATION_KIND, baseDeclarationPayload),
  changeKind('unit-info-change', unitInfoChangePayload),
  changeKind('bank-account-change', bankAccountChangePayload),
  changeKind('hukou-change', hukouChangePayload),
  // A registration belongs to no unit until it is approved; the new or recorded unit's from then on.
  changeKind('unit-registration', unitRegistrationPayload).extend({ unitId: z.number().int().nullable() }),
  // A person's resident registration (参保登记), sent by the payer from the personal hall: no unit's.
  declarationKind(RESIDENT_REGISTRATION_KIND, residentRegistrationPayload).extend({ unitId: z.null() }),
]);
export type Submission = z.output<typeof submission>;
export type SubmissionKind = Submission['kind'];
export type SubmissionOf<K extends SubmissionKind> = Extract<Submission, { kind: K }>;
export type PayloadOf<K extends SubmissionKind> = SubmissionOf<K>['payload'];

export const SUBMISSION_KINDS: readonly SubmissionKind[] = submission.options.map((option) => option.shape.kind.value);

/**
 * Declaration kinds are submission kinds; so are the base declaration and the resident registration; every
 * other kind is a change of registered facts.
 */
DECLARATION_KINDS satisfies readonly SubmissionKind[];
export type ChangeKind = Exclude<SubmissionKind, DeclarationKind | typeof BASE_DECLARATION_KIND | typeof RESIDENT_REGISTRATION_KIND>;
/** The changes of registered facts a unit asks for: every change but a registration, which comes from no unit yet. */
export type MaintenanceKind = Exclude<ChangeKind, 'unit-registration'>;
export const isDeclarationKind = (kind: SubmissionKind): kind is DeclarationKind => DECLARATION_KINDS.some((declared) => declared === kind);

/**
 * A field as a detail shows it: the catalogue key of its label, for a coded value the section that words it,
 * and whether it is an amount in fen.
 */
export interface ShownField<F extends string = string> {
  field: F;
  label: string;
  codes?: string;
  amount?: boolean;
}

/**
 * The fields of an addition, a reduction and a base declaration in reading order, as their detail shows them as
 * submitted (name, ID number and month head the detail already): the addition's from its field registry (addition-fields.ts).
 */
export const DECLARATION_FIELDS: { [K in Exclude<SubmissionKind, ChangeKind>]: readonly ShownField<keyof PayloadOf<K> & string>[] } = {
  addition: ADDITION_FIELD_LIST.filter((f) => f.detail).map((f) => ({
    field: f.key,
    label: f.label,
    codes: f.codes?.labels,
    amount: f.control === 'amount',
  })),
  reduction: [
    { field: 'reason', label: 'insured.fields.reason', codes: 'enums.reductionReason' },
    { field: 'remark', label: 'insured.fields.remark' },
  ],
  // The base it replaces, the wage declared and the base it becomes.
  'base-declaration': [
    { field: 'currentBaseFen', label: 'baseDeclaration.fields.currentBaseFen', amount: true },
    { field: 'wageFen', label: 'baseDeclaration.fields.wageFen', amount: true },
    { field: 'baseFen', label: 'baseDeclaration.fields.baseFen', amount: true },
  ],
  'resident-registration': [
    { field: 'category', label: 'residents.fields.category', codes: 'residents.categories' },
    { field: 'region', label: 'residents.fields.region', codes: 'residents.regions' },
    { field: 'hukouAddress', label: 'insured.fields.hukouAddress' },
    { field: 'mobile', label: 'residents.fields.mobile' },
    { field: 'newbornBirthDate', label: 'residents.fields.newbornBirthDate' },
  ],
};

/** The fields of each kind of change in reading order, as the detail and the receipt show them before and after. */
export const CHANGE_FIELDS: { [K in ChangeKind]: readonly ShownField<keyof PayloadOf<K>['after'] & string>[] } = {
  'unit-info-change': [
    { field: 'contactName', label: 'unitInfo.fields.contactName' },
    { field: 'contactPhone', label: 'unitInfo.fields.contactPhone' },
    { field: 'contactEmail', label: 'unitInfo.fields.contactEmail' },
    { field: 'legalRepName', label: 'maintenance.fields.legalRepName' },
    { field: 'legalRepPhone', label: 'maintenance.fields.legalRepPhone' },
  ],
  'bank-account-change': [
    { field: 'bankCategory', label: 'unitInfo.fields.bankCategory', codes: 'unitInfo.codes.bankCategory' },
    { field: 'branchName', label: 'unitInfo.fields.bankBranch' },
    { field: 'branchCode', label: 'maintenance.fields.branchCode' },
    { field: 'accountName', label: 'unitInfo.fields.accountName' },
    { field: 'accountNumber', label: 'unitInfo.fields.accountNumber' },
  ],
  'hukou-change': [
    { field: 'hukouType', label: 'insured.fields.hukouType', codes: 'enums.hukouType' },
    { field: 'hukouAddress', label: 'insured.fields.hukouAddress' },
    { field: 'ethnicity', label: 'insured.fields.ethnicity' },
  ],
  'unit-registration': [
    { field: 'creditCode', label: 'unitInfo.fields.creditCode' },
    { field: 'unitName', label: 'unitInfo.fields.name' },
    { field: 'unitType', label: 'unitInfo.fields.unitType', codes: 'unitInfo.codes.unitType' },
    { field: 'address', label: 'unitInfo.fields.address' },
    { field: 'legalRepName', label: 'maintenance.fields.legalRepName' },
    { field: 'legalRepIdNumber', label: 'registration.fields.legalRepIdNumber' },
    { field: 'legalRepPhone', label: 'maintenance.fields.legalRepPhone' },
    { field: 'contactName', label: 'unitInfo.fields.contactName' },
    { field: 'contactPhone', label: 'unitInfo.fields.contactPhone' },
    { field: 'contactEmail', label: 'unitInfo.fields.contactEmail' },
    { field: 'bankCategory', label: 'unitInfo.fields.bankCategory', codes: 'unitInfo.codes.bankCategory' },
    { field: 'branchName', label: 'unitInfo.fields.bankBranch' },
    { field: 'branchCode', label: 'maintenance.fields.branchCode' },
    { field: 'accountName', label: 'unitInfo.fields.accountName' },
    { field: 'accountNumber', label: 'unitInfo.fields.accountNumber' },
  ],
};

/** A change shows its fields before and after; the other kinds show their own fields. */
export const isChangeKind = (kind: SubmissionKind): kind is ChangeKind => kind in CHANGE_FIELDS;

export const submissionPage = pageOf(submission);
export type SubmissionPage = z.infer<typeof submissionPage>;

/** The unit's submissions in one of its queues. */
export const submissionQuery = pageQuery.extend({
  queue: z.enum(SUBMISSION_QUEUES).default('pending'),
  kind: z.enum(SUBMISSION_KINDS).optional(),
  /** ID number or name, or part of either. */
  q: z.string().trim().max(50).optional(),
  batchId: z.coerce.number().int().positive().optional(),
});
export type SubmissionQuery = z.input<typeof submissionQuery>;

/** The reviewer's console: every unit's submissions. */
export const reviewQuery = pageQuery.extend({
  status: z.enum(SUBMISSION_STATUSES).default('pending'),
  unitId: z.coerce.number().int().positive().optional(),
  kind: z.enum(SUBMISSION_KINDS).optional(),
  /** Submitted on or after / on or before, `YYYY-MM-DD` in Asia/Shanghai. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  batchId: z.coerce.number().int().positive().optional(),
});
export type ReviewQuery = z.input<typeof reviewQuery>;

export const reviewDecision = z.object({
  approve: z.boolean(),
  /** Required when rejecting. */
  reason: z.string().trim().max(500).optional(),
});
export type ReviewDecision = z.input<typeof reviewDecision>;

export const reviewResult = z.object({
  approved: z.number().int(),
  rejected: z.number().int(),
});
export type ReviewResult = z.infer<typeof reviewResult>;

/** A submission that corrects a rejected one names it: `?corrects=<id>` on the submitting request. */
export const correctionQuery = z.object({ corrects: idParam.optional() });
export type CorrectionQuery = z.input<typeof correctionQuery>;
