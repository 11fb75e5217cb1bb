import { formatFen } from '@common/insurance';
import type { Language } from '@common/i18n';

/** A field of an entry's record, its label key (null: the field's own name is shown) and its values before and after. */
export interface ChangedField {
  field: string;
  label: string | null;
  before: string;
  after: string;
}

/** Labels of the fields the trail records, beyond the insured person's own (`insured.fields.*`). */
const AUDIT_FIELDS = new Set([
  'disabled',
  'status',
  'reason',
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
]);
const INSURED_FIELDS = new Set(['name', 'idNumber', 'mobile', 'contactAddress', 'wageFen', 'effectiveMonth', 'insuranceTypes', 'remark']);

function labelOf(field: string): string | null {
  if (AUDIT_FIELDS.has(field)) return `audit.fields.${field}`;
  if (INSURED_FIELDS.has(field)) return `insured.fields.${field}`;
  return null;
}

function valueText(field: string, value: unknown, lang: Language): string {
  if (value === null || value === undefined) return '';
  if (field.endsWith('Fen') && typeof value === 'number') return formatFen(value, lang);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Before and after field by field, in the order the fields first appear; a field the same on both sides is shown once. */
export function changedFields(before: unknown, after: unknown, lang: Language): ChangedField[] {
  const [b, a] = [record(before), record(after)];
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({ field, label: labelOf(field), before: valueText(field, b[field], lang), after: valueText(field, a[field], lang) }));
}
