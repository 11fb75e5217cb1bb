/**
 * The addition's fields (增员), each defined once. An entry says everything the hall does with a field: its
 * schema (additionInput is built from these), its label, its limit, the control the form gives it, its
 * template column, where the detail, the insured list, its export and the insured detail show it, and where an
 * approval stores it. The form, the template, the importer, the details, the insured list and its export, and
 * the server's approval and insured queries all read this file: a new field is an entry here, its
 * translations and, when it is stored, a migration adding its column.
 */
import { z } from 'zod';
import { isFeePeriod } from '../fee-period';
import { EMPLOYEE_INSURANCE_TYPES } from '../insurance';
import { fieldIssue, idNumberField, MAX_LENGTH, MAX_WAGE_FEN, mobileField, personNameField } from './fields';

export const ID_TYPES = ['01', '06', '07'] as const;
export const HUKOU_TYPES = ['urban', 'rural'] as const;
export const PERSONNEL_CATEGORIES = ['in_service', 'reemployed_retiree'] as const;
export const EMPLOYMENT_FORMS = ['contract', 'dispatched', 'other'] as const;

/** 01 resident ID card; 06 Hong Kong/Macao/Taiwan residence permit; 07 foreigner permanent residence ID. */
export const idTypeSchema = z.enum(ID_TYPES);
export const feePeriodField = z.string().refine(isFeePeriod, fieldIssue('INVALID'));
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Declared monthly wage: integer fen, 1 fen to 10 million yuan. */
export const wageFenField = z.number().int().positive().max(MAX_WAGE_FEN);
/** Trimmed; an empty text is no value. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/**
 * The control a field takes in the form and the kind of its template column: `id` and `mobile` are text the
 * template formats as text, `amount` is yuan typed and fen sent, `month` one of the months the server offers,
 * `enumList` several codes.
 */
export type FieldControl = 'text' | 'enum' | 'enumList' | 'month' | 'date' | 'amount' | 'mobile' | 'id';
/** The insured detail's tabs. */
export type InsuredDetailSection = 'basic' | 'contact' | 'employment';

export interface AdditionField {
  schema: z.ZodType;
  /** Catalogue key of the label (form, details, list). */
  label: string;
  /** The longest text the schema takes; the form checks the same. */
  maxLength?: number;
  control: FieldControl;
  /** A value must be given: the form requires it and the template marks its header with `*`. */
  required: boolean;
  /** The codes of an enumeration and the catalogue section that words each (`<codes>.<code>`). */
  codes?: { values: readonly string[]; labels: string };
  /**
   * The form's card the field sits in, its width there (a `full` text is a text area), the value it starts
   * with, and its control's name where that differs from the key.
   */
  form: { section: 'person' | 'enrollment'; width?: 'wide' | 'full'; initial?: string; name?: string };
  /**
   * The template's column, when it has one: width in characters, the description's catalogue key, and the
   * header's or options' keys where the workbook words them otherwise than the screens.
   */
  template?: { width: number; description: string; header?: string; options?: Readonly<Record<string, string>> };
  /** A submitted addition's detail lists it (name, ID number and month head the detail already). */
  detail: boolean;
  /**
   * Stored by an approval in the column named as the key in snake_case: `employment` on the unit's
   * employment of the person; `person and employment` also as the person's latest registered data.
   */
  stored?: 'employment' | 'person and employment';
  /** A text column of the insured list and its export, from the employment (stored there). */
  list?: { width: number };
  /** A fact of this tab of the insured detail, as the unit entered it (stored on the employment). */
  insuredDetail?: InsuredDetailSection;
}

/**
 * The addition template's version, written to its hidden marker: raise it whenever a field's column is added,
 * removed, moved or reinterpreted, so an upload of an older template is refused as such.
 */
export const ADDITION_TEMPLATE_VERSION = 2;

const field = <const F extends AdditionField>(f: F) => f;
const describe = (key: string) => `batch.workbook.addition.descriptions.${key}`;
const AT_MOST_200 = 'batch.workbook.atMost200';

/** The fields in reading order: the form's, the template's columns' and the detail's. */
export const ADDITION_FIELDS = {
  name: field({
    schema: personNameField,
    label: 'insured.fields.name',
    maxLength: MAX_LENGTH.personName,
    control: 'text',
    required: true,
    form: { section: 'person' },
    template: { width: 12, description: describe('name') },
    detail: false,
  }),
  idType: field({
    schema: idTypeSchema.default('01'),
    label: 'insured.fields.idType',
    control: 'enum',
    required: false,
    codes: { values: ID_TYPES, labels: 'enums.idType' },
    form: { section: 'person', initial: '01' },
    template: {
      width: 20,
      description: describe('idType'),
      options: { '06': 'batch.workbook.options.idType.06', '07': 'batch.workbook.options.idType.07' },
    },
    detail: true,
  }),
  idNumber: field({
    schema: idNumberField,
    label: 'insured.fields.idNumber',
    maxLength: MAX_LENGTH.idNumber,
    control: 'id',
    required: true,
    form: { section: 'person', width: 'wide' },
    template: { width: 22, description: describe('idNumber') },
    detail: false,
  }),
  ethnicity: field({
    schema: optionalText(MAX_LENGTH.ethnicity),
    label: 'insured.fields.ethnicity',
    maxLength: MAX_LENGTH.ethnicity,
    control: 'text',
    required: false,
    form: { section: 'person' },
    template: { width: 10, description: describe('ethnicity') },
    detail: true,
    stored: 'person and employment',
    insuredDetail: 'basic',
  }),
  hukouType: field({
    schema: z.enum(HUKOU_TYPES),
    label: 'insured.fields.hukouType',
    control: 'enum',
    required: true,
    codes: { values: HUKOU_TYPES, labels: 'enums.hukouType' },
    form: { section: 'person', initial: '' },
    template: { width: 14, description: describe('hukouType') },
    detail: true,
    stored: 'person and employment',
    insuredDetail: 'basic',
  }),
  hukouAddress: field({
    schema: optionalText(MAX_LENGTH.address),
    label: 'insured.fields.hukouAddress',
    maxLength: MAX_LENGTH.address,
    control: 'text',
    required: false,
    form: { section: 'person', width: 'wide' },
    template: { width: 28, description: AT_MOST_200 },
    detail: true,
    stored: 'person and employment',
    insuredDetail: 'basic',
  }),
  mobile: field({
    schema: mobileField,
    label: 'insured.fields.mobile',
    control: 'mobile',
    required: true,
    form: { section: 'person' },
    template: { width: 14, description: describe('mobile'), header: 'batch.workbook.headers.mobile' },
    detail: true,
    stored: 'person and employment',
    insuredDetail: 'contact',
  }),
  contactAddress: field({
    schema: optionalText(MAX_LENGTH.address),
    label: 'insured.fields.contactAddress',
    maxLength: MAX_LENGTH.address,
    control: 'text',
    required: false,
    form: { section: 'person', width: 'wide' },
    template: { width: 28, description: AT_MOST_200 },
    detail: true,
    stored: 'person and employment',
    insuredDetail: 'contact',
  }),
  effectiveMonth: field({
    schema: feePeriodField,
    label: 'insured.fields.effectiveMonth',
    control: 'month',
    required: true,
    form: { section: 'enrollment' },
    template: { width: 12, description: describe('effectiveMonth') },
    detail: false,
  }),
  wageFen: field({
    schema: wageFenField,
    label: 'insured.fields.wageFen',
    control: 'amount',
    required: true,
    // Typed in yuan; the request carries fen.
    form: { section: 'enrollment', name: 'wage' },
    template: { width: 14, description: describe('wageFen'), header: 'batch.workbook.headers.wageFen' },
    detail: true,
    stored: 'employment',
  }),
  personnelCategory: field({
    schema: z.enum(PERSONNEL_CATEGORIES),
    label: 'insured.fields.personnelCategory',
    control: 'enum',
    required: true,
    codes: { values: PERSONNEL_CATEGORIES, labels: 'enums.personnelCategory' },
    form: { section: 'enrollment', initial: 'in_service' },
    template: {
      width: 14,
      description: describe('personnelCategory'),
      options: { reemployed_retiree: 'batch.workbook.options.personnelCategory.reemployed_retiree' },
    },
    detail: true,
    stored: 'employment',
    insuredDetail: 'employment',
  }),
  employmentForm: field({
    schema: z.enum(EMPLOYMENT_FORMS).optional(),
    label: 'insured.fields.employmentForm',
    control: 'enum',
    required: false,
    codes: { values: EMPLOYMENT_FORMS, labels: 'enums.employmentForm' },
    form: { section: 'enrollment', initial: '' },
    template: {
      width: 12,
      description: describe('employmentForm'),
      options: { contract: 'batch.workbook.options.employmentForm.contract', dispatched: 'batch.workbook.options.employmentForm.dispatched' },
    },
    detail: true,
    stored: 'employment',
    insuredDetail: 'employment',
  }),
  workStartDate: field({
    schema: isoDate.optional(),
    label: 'insured.fields.workStartDate',
    control: 'date',
    required: false,
    form: { section: 'enrollment' },
    template: { width: 14, description: describe('workStartDate') },
    detail: true,
    stored: 'employment',
    insuredDetail: 'employment',
  }),
  employeeNumber: field({
    schema: optionalText(20),
    label: 'insured.fields.employeeNumber',
    maxLength: 20,
    control: 'text',
    required: false,
    form: { section: 'enrollment' },
    template: { width: 12, description: describe('employeeNumber') },
    detail: true,
    // Per employment: a person has another 工号 at each unit.
    stored: 'employment',
    list: { width: 12 },
    insuredDetail: 'employment',
  }),
  insuranceTypes: field({
    /** Defaults to every employee insurance type of the unit. */
    schema: z.array(z.enum(EMPLOYEE_INSURANCE_TYPES)).min(1).optional(),
    label: 'insured.fields.insuranceTypes',
    control: 'enumList',
    required: false,
    codes: { values: EMPLOYEE_INSURANCE_TYPES, labels: 'enums.insuranceType' },
    form: { section: 'enrollment' },
    template: {
      width: 30,
      description: describe('insuranceTypes'),
      header: 'batch.workbook.headers.insuranceTypes',
      options: { '330': 'batch.workbook.options.insuranceType.330' },
    },
    detail: true,
  }),
  remark: field({
    schema: optionalText(MAX_LENGTH.remark),
    label: 'insured.fields.remark',
    maxLength: MAX_LENGTH.remark,
    control: 'text',
    required: false,
    form: { section: 'enrollment', width: 'full' },
    template: { width: 20, description: AT_MOST_200 },
    detail: true,
  }),
};

type Fields = typeof ADDITION_FIELDS;
export type AdditionFieldKey = keyof Fields;
/** The keys of the fields an entry's facts match, e.g. `KeysWhere<{ stored: 'employment' }>`. */
export type KeysWhere<Facts> = { [K in AdditionFieldKey]: Fields[K] extends Facts ? K : never }[AdditionFieldKey];

/** A field's facts, as every field has them. */
export const fieldOf = (key: AdditionFieldKey): AdditionField => ADDITION_FIELDS[key];

/** Every field with its key, in reading order. */
export const ADDITION_FIELD_LIST = Object.entries(ADDITION_FIELDS).map(([key, facts]) => ({ key, ...facts })) as readonly ({
  key: AdditionFieldKey;
} & AdditionField)[];

/** The keys of the fields that match; the type names them as `KeysWhere` does. */
export function keysWhere<Facts>(matches: (f: AdditionField) => boolean): KeysWhere<Facts>[] {
  return ADDITION_FIELD_LIST.filter(matches).map((f) => f.key as KeysWhere<Facts>);
}

/** The table column a stored field is kept in: its key in snake_case. */
export const columnOf = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** These fields' values, by key. */
export function pickFields<T extends object, K extends keyof T & AdditionFieldKey>(values: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = values[key];
  return picked;
}

/** These fields without values, as a list or a detail carries a field not given: test data starts from it. */
export function noValues<K extends AdditionFieldKey>(keys: readonly K[]): Record<K, null> {
  const none = {} as Record<K, null>;
  for (const key of keys) none[key] = null;
  return none;
}

/** An object of `string | null` values for these keys, as the insured list and detail carry stored text. */
export function nullableTexts<K extends AdditionFieldKey>(keys: readonly K[]) {
  return z.object(Object.fromEntries(keys.map((key) => [key, z.string().nullable()]))) as unknown as z.ZodObject<{
    [P in K]: z.ZodNullable<z.ZodString>;
  }>;
}

/** The addition form and template row, one property per field. */
export const additionShape = Object.fromEntries(Object.entries(ADDITION_FIELDS).map(([key, f]) => [key, f.schema])) as {
  [K in AdditionFieldKey]: Fields[K]['schema'];
};

/** Stored as the person's latest registered data too: what a reviewer compares a known person's addition with. */
export const REGISTERED_FIELDS = keysWhere<{ stored: 'person and employment' }>((f) => f.stored === 'person and employment');
/** Stored on the employment (the registered fields too). */
export const EMPLOYMENT_FIELDS = keysWhere<{ stored: 'employment' | 'person and employment' }>((f) => f.stored !== undefined);
/** The insured list's and its export's text columns. */
export const LISTED_FIELDS = keysWhere<{ list: object }>((f) => f.list !== undefined);
/** The insured detail's facts of each tab, in reading order. */
export const INSURED_DETAIL_FIELDS = {
  basic: keysWhere<{ insuredDetail: 'basic' }>((f) => f.insuredDetail === 'basic'),
  contact: keysWhere<{ insuredDetail: 'contact' }>((f) => f.insuredDetail === 'contact'),
  employment: keysWhere<{ insuredDetail: 'employment' }>((f) => f.insuredDetail === 'employment'),
};
