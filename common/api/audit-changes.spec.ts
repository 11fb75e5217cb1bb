import { readFileSync } from 'node:fs';
import { LANGUAGES } from '../i18n';
import { EMPLOYEE_INSURANCE_TYPES } from '../insurance';
import { ADDITION_FIELD_LIST } from './addition-fields';
import { AGENT_STATUSES } from './agents';
import { AUDIT_FIELDS, auditChanges, type AuditValue } from './audit-changes';
import { INSURED_STATUSES, REDUCTION_REASONS } from './declarations';
import { SUBMISSION_KINDS, SUBMISSION_STATUSES } from './submissions';

const catalogue = (lang: string): unknown => JSON.parse(readFileSync(`client/public/i18n/${lang}.json`, 'utf8'));
const wording = (words: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), words);
const keysOf = (value: AuditValue) => ('keys' in value ? value.keys : []);

describe("the audit trail's record, field by field", () => {
  it('has a label for every recorded field and a word for every code, in each of the three languages', () => {
    const recorded: [string, string, unknown][] = [
      ...SUBMISSION_KINDS.map((kind): [string, string, unknown] => ['submission', 'kind', kind]),
      ...SUBMISSION_STATUSES.map((status): [string, string, unknown] => ['submission', 'status', status]),
      ...AGENT_STATUSES.map((status): [string, string, unknown] => ['agent', 'status', status]),
      ...INSURED_STATUSES.map((status): [string, string, unknown] => ['insured_person', 'status', status]),
      ...REDUCTION_REASONS.map((reason): [string, string, unknown] => ['submission', 'reason', reason]),
      ['submission', 'insuranceTypes', [...EMPLOYEE_INSURANCE_TYPES]],
      ...ADDITION_FIELD_LIST.flatMap((f) => (f.codes?.values ?? []).map((code): [string, string, unknown] => ['submission', f.key, code])),
      ['contribution_year', 'carryOver', 'keep'],
      ['agent', 'disabled', true],
      ['agent', 'disabled', false],
    ];
    const keys = new Set(Object.values(AUDIT_FIELDS).map((f) => f.label));
    keys.add('audit.values.separator');
    for (const [entityType, field, value] of recorded) {
      const [change] = auditChanges({ entityType, before: null, after: { [field]: value } }, 'en');
      expect(keysOf(change.after).length)
        .withContext(`${field} ${JSON.stringify(value)}`)
        .toBeGreaterThan(0);
      for (const key of keysOf(change.after)) keys.add(key);
    }
    for (const lang of LANGUAGES) {
      const words = catalogue(lang);
      expect([...keys].filter((key) => typeof wording(words, key) !== 'string'))
        .withContext(lang)
        .toEqual([]);
    }
  });

  it("words the codes of a submission's statuses, kinds, reasons and insurance types, and yes and no", () => {
    const changes = auditChanges(
      {
        entityType: 'submission',
        before: { status: 'pending' },
        after: { status: 'rejected', reason: 'resigned', insuranceTypes: ['310', '510'], disabled: false },
      },
      'zh-CN',
    );
    expect(changes).toEqual([
      {
        field: 'status',
        label: 'audit.fields.status',
        before: { keys: ['enums.submissionStatus.pending'] },
        after: { keys: ['enums.submissionStatus.rejected'] },
      },
      { field: 'reason', label: 'audit.fields.reason', before: { text: '' }, after: { keys: ['enums.reductionReason.resigned'] } },
      {
        field: 'insuranceTypes',
        label: 'insured.fields.insuranceTypes',
        before: { text: '' },
        after: { keys: ['enums.insuranceType.310', 'enums.insuranceType.510'] },
      },
      { field: 'disabled', label: 'audit.fields.disabled', before: { text: '' }, after: { keys: ['audit.values.no'] } },
    ]);
  });

  it("keeps a reviewer's reason, which is free text, as written", () => {
    const [reason] = auditChanges({ entityType: 'submission', before: null, after: { reason: '材料不全' } }, 'en');
    expect(reason.after).toEqual({ text: '材料不全' });
  });
});
