/**
 * An audit entry's record before and after, as people read it: field by field, each field's label and each
 * coded value (yes/no, a status, an insurance type, an enumeration's code) as a catalogue key, so the page
 * and the export word them in the reader's language; amounts, months and times as the hall writes them.
 */
import { displayPeriod, isFeePeriod, shanghaiDateTime } from '../fee-period';
import type { Language } from '../i18n';
import { EMPLOYEE_INSURANCE_TYPES, formatFen } from '../insurance';
import { ADDITION_FIELD_LIST } from './addition-fields';
import { AGENT_STATUSES } from './agents';
import { INSURED_STATUSES, REDUCTION_REASONS } from './declarations';
import { CHANGE_FIELDS, SUBMISSION_KINDS, SUBMISSION_STATUSES } from './submissions';

/** A value as shown: catalogue keys to translate (several for a list of codes), or the text itself. */
export type AuditValue = { text: string } | { keys: readonly string[] };

/** A field of an entry's record, its label's key (null: the field's own name is shown) and its values before and after. */
export interface AuditChange {
  field: string;
  label: string | null;
  before: AuditValue;
  after: AuditValue;
}

/** The catalogue key of a code, or undefined for a value that is not one (a reviewer's reason is free text). */
type Codes = (code: string) => string | undefined;

interface AuditField {
  label: string;
  codes?: Codes;
}

const coded =
  (values: readonly string[] | undefined, labels: string): Codes =>
  (code) =>
    !values || values.includes(code) ? `${labels}.${code}` : undefined;

/** An agent's status is worded by the agents page. */
const AGENT_STATUS_KEYS: Readonly<Record<(typeof AGENT_STATUSES)[number], string>> = {
  active: 'agents.statusActive',
  invited: 'agents.statusInvited',
};

/** The status of each kind of entity that has one. */
const STATUS_CODES: Readonly<Record<string, Codes>> = {
  agent: (code) => AGENT_STATUS_KEYS[code as keyof typeof AGENT_STATUS_KEYS],
  submission: coded(SUBMISSION_STATUSES, 'enums.submissionStatus'),
  insured_person: coded(INSURED_STATUSES, 'enums.insuredStatus'),
};

/** Every field the hall records: the addition's (its registry), the changes', then the trail's own. */
export const AUDIT_FIELDS: Readonly<Record<string, AuditField>> = {
  ...Object.fromEntries(ADDITION_FIELD_LIST.map((f) => [f.key, { label: f.label, codes: f.codes && coded(f.codes.values, f.codes.labels) }])),
  ...Object.fromEntries(
    Object.values(CHANGE_FIELDS)
      .flat()
      .map((f) => [f.field, { label: f.label, codes: f.codes ? coded(undefined, f.codes) : undefined }]),
  ),
  personName: { label: 'insured.fields.name' },
  feePeriod: { label: 'audit.entityTypes.fee_period' },
  collectedOn: { label: 'collections.collectedOn' },
  serial: { label: 'collections.serial' },
  amountFen: { label: 'collections.amount' },
  kind: { label: 'audit.fields.kind', codes: coded(SUBMISSION_KINDS, 'enums.submissionKind') },
  insuranceType: { label: 'audit.fields.insuranceType', codes: coded(EMPLOYEE_INSURANCE_TYPES, 'enums.insuranceType') },
  reason: { label: 'audit.fields.reason', codes: coded(REDUCTION_REASONS, 'enums.reductionReason') },
  currentBaseFen: { label: 'baseDeclaration.fields.currentBaseFen' },
  carryOver: { label: 'audit.fields.carryOver', codes: coded(['keep'], 'audit.values.carryOver') },
  ...Object.fromEntries(
    [
      'disabled',
      'status',
      'sessionsEnded',
      'fileName',
      'rows',
      'type',
      'from',
      'to',
      'months',
      'inserted',
      'updated',
      'removed',
      'unchanged',
      'batchId',
      'rowNumber',
      'submittedBy',
      'submittedAt',
      'reviewedBy',
      'reviewedAt',
      'reviewReason',
      'boundAt',
      'paidDetails',
      'persons',
      'baseFen',
      'fromMonth',
      'toMonth',
      'lastMonth',
    ].map((field) => [field, { label: `audit.fields.${field}` }]),
  ),
};

/** Months recorded by their code (`202611`), shown as people write them (`2026-11`). */
const MONTH_FIELDS = new Set(['effectiveMonth', 'from', 'to', 'feePeriod', 'fromMonth', 'toMonth', 'lastMonth']);
/** What a record carries for the hall's own use: its row ids, and the ID number again, masked. */
const HIDDEN_FIELDS = new Set(['id', 'unitId', 'idNumberMasked']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const EMPTY: AuditValue = { text: '' };

type Values = Readonly<Record<string, unknown>>;

const record = (value: unknown): Values => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Values) : {});

function valueOf(field: string, value: unknown, codes: Codes | undefined, lang: Language): AuditValue {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return { keys: [value ? 'audit.values.yes' : 'audit.values.no'] };
  if (typeof value === 'number') return { text: field.endsWith('Fen') ? formatFen(value, lang) : String(value) };
  if (typeof value === 'string') {
    const key = codes?.(value);
    if (key) return { keys: [key] };
    if (MONTH_FIELDS.has(field) && isFeePeriod(value)) return { text: displayPeriod(value) };
    if (INSTANT.test(value)) return { text: shanghaiDateTime(new Date(value)) };
    return { text: value };
  }
  if (Array.isArray(value) && codes) {
    const keys = value.map((code) => (typeof code === 'string' ? codes(code) : undefined));
    if (keys.every((key) => key !== undefined)) return { keys };
  }
  return { text: JSON.stringify(value) };
}

/**
 * A submitted submission is recorded whole: its payload's fields are its fields, and a change's payload holds
 * the registered facts before and after, which are then the two sides.
 */
function unfolded(before: Values, after: Values): [Values, Values] {
  const payload = record(after['payload']);
  if (Object.keys(payload).length === 0) return [before, after];
  const facts = Object.fromEntries(Object.entries(after).filter(([field]) => field !== 'payload'));
  const [changeBefore, changeAfter] = [record(payload['before']), record(payload['after'])];
  if ('before' in payload && 'after' in payload)
    return [
      { ...before, ...changeBefore },
      { ...facts, ...changeAfter },
    ];
  return [before, { ...facts, ...payload }];
}

/** Before and after field by field, the record after's fields first; an entity's status in its own words. */
export function auditChanges(entry: { entityType: string; before: unknown; after: unknown }, lang: Language): AuditChange[] {
  const [b, a] = unfolded(record(entry.before), record(entry.after));
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => !HIDDEN_FIELDS.has(field));
  return fields.map((field) => {
    const known = AUDIT_FIELDS[field];
    const codes = field === 'status' ? STATUS_CODES[entry.entityType] : known?.codes;
    return { field, label: known?.label ?? null, before: valueOf(field, b[field], codes, lang), after: valueOf(field, a[field], codes, lang) };
  });
}
