import { DECLARATION_FIELDS, isChangeKind, type Submission } from '@common/api/submissions';
import { displayPeriod } from '@common/fee-period';
import { formatFen } from '@common/insurance';
import type { Message } from '../../core/errors/api-error';
import type { Language } from '@common/i18n';

/** One line of a submission's detail: a label key and either plain text or translated parts. */
export interface Fact {
  label: string;
  text?: string;
  parts?: Message[];
}

/** The header's month: from when an addition or a base applies, until when a reduction's coverage lasts. */
const MONTH_LABELS: Readonly<Record<string, string>> = {
  addition: 'submissions.effectiveMonth',
  'base-declaration': 'baseDeclaration.fields.fromMonth',
  'resident-registration': 'residents.fields.startMonth',
};

const key = (key: string, params: Record<string, unknown> = {}): Message => ({ key, params });

/** Who, what and when: the whole ID number, as this is a detail view. A change of the unit's records names no person. */
export function headerFacts(submission: Submission): Fact[] {
  const facts: Fact[] = [];
  if (submission.unitName) facts.push({ label: 'submissions.unit', text: submission.unitName });
  if (submission.personName !== null) facts.push({ label: 'insured.fields.name', text: submission.personName });
  if (submission.idNumber !== null) facts.push({ label: 'insured.fields.idNumber', text: submission.idNumber });
  if (submission.effectiveMonth !== null) {
    facts.push({
      label: MONTH_LABELS[submission.kind] ?? 'submissions.stopMonth',
      text: displayPeriod(submission.effectiveMonth),
    });
  }
  if (submission.batchId !== null) {
    facts.push({
      label: 'submissions.batch',
      parts: [key('submissions.batchRow', { batchId: submission.batchId, row: submission.rowNumber ?? '' })],
    });
  }
  return facts;
}

/** The addition's or reduction's own fields, as submitted, amounts in the separators of `lang`; a change shows its own table instead. */
export function payloadFacts(submission: Submission, lang: Language): Fact[] {
  const fields = isChangeKind(submission.kind) ? [] : DECLARATION_FIELDS[submission.kind];
  const payload: Readonly<Record<string, unknown>> = submission.payload;
  return fields
    .filter(({ field }) => payload[field] !== undefined && payload[field] !== null && payload[field] !== '')
    .map(({ field, label, codes, amount }): Fact => {
      const value = payload[field];
      if (amount && typeof value === 'number') return { label, parts: [key('common.yuan', { amount: formatFen(value, lang) })] };
      if (codes && Array.isArray(value)) return { label, parts: value.map((code) => key(`${codes}.${String(code)}`)) };
      if (codes) return { label, parts: [key(`${codes}.${String(value)}`)] };
      return { label, text: String(value) };
    });
}
