import type { AdditionInput, ReductionInput } from '@common/api/declarations';
import type { Submission } from '@common/api/submissions';
import { displayPeriod } from '@common/fee-period';
import { formatFen } from '@common/insurance';
import type { Message } from '../../core/errors/api-error';
import type { Language } from '../../core/language/languages';

/** One line of a declaration's detail: a label key and either plain text or translated parts. */
export interface Fact {
  label: string;
  text?: string;
  parts?: Message[];
}

/** A field of a declaration's payload: the compiler refuses a name the schemas do not have. */
type PayloadField = keyof AdditionInput | keyof ReductionInput;

/** Payload fields whose values are codes, by the `enums.*` section that words them. */
const ENUMERATED: Partial<Record<PayloadField, string>> = {
  idType: 'enums.idType',
  hukouType: 'enums.hukouType',
  personnelCategory: 'enums.personnelCategory',
  employmentForm: 'enums.employmentForm',
  reason: 'enums.reductionReason',
};

/** The order a person reads the submitted fields in; name, ID number and month are in the header already. */
const PAYLOAD_ORDER: readonly PayloadField[] = [
  'idType',
  'ethnicity',
  'hukouType',
  'hukouAddress',
  'mobile',
  'contactAddress',
  'wageFen',
  'personnelCategory',
  'employmentForm',
  'workStartDate',
  'insuranceTypes',
  'reason',
  'remark',
];

const key = (key: string, params: Record<string, unknown> = {}): Message => ({ key, params });

/** Who, what and when: the whole ID number, as this is a detail view. A change of the unit's records names no person. */
export function headerFacts(declaration: Submission): Fact[] {
  const facts: Fact[] = [];
  if (declaration.unitName) facts.push({ label: 'declarations.unit', text: declaration.unitName });
  if (declaration.personName !== null) facts.push({ label: 'insured.fields.name', text: declaration.personName });
  if (declaration.idNumber !== null) facts.push({ label: 'insured.fields.idNumber', text: declaration.idNumber });
  if (declaration.effectiveMonth !== null) {
    facts.push({
      label: declaration.type === 'addition' ? 'declarations.effectiveMonth' : 'declarations.stopMonth',
      text: displayPeriod(declaration.effectiveMonth),
    });
  }
  if (declaration.batchId !== null) {
    facts.push({
      label: 'declarations.batch',
      parts: [key('declarations.batchRow', { batchId: declaration.batchId, row: declaration.rowNumber ?? '' })],
    });
  }
  return facts;
}

/** The addition's or reduction's own fields, as submitted; amounts in the separators of `lang`. */
export function payloadFacts(declaration: Submission, lang: Language): Fact[] {
  const payload: Readonly<Record<string, unknown>> = declaration.payload;
  return PAYLOAD_ORDER.filter((field) => payload[field] !== undefined && payload[field] !== null && payload[field] !== '').map((field): Fact => {
    const value = payload[field];
    const label = `insured.fields.${field}`;
    if (field === 'wageFen' && typeof value === 'number') return { label, parts: [key('common.yuan', { amount: formatFen(value, lang) })] };
    if (field === 'insuranceTypes' && Array.isArray(value)) {
      return { label, parts: value.map((type) => key(`enums.insuranceType.${String(type)}`)) };
    }
    const enumeration = ENUMERATED[field];
    if (enumeration) return { label, parts: [key(`${enumeration}.${String(value)}`)] };
    return { label, text: String(value) };
  });
}
