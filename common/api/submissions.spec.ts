import { isChangeKind, SUBMISSION_KINDS, submission } from './submissions';

const facts = {
  id: 7,
  status: 'pending',
  unitId: 1,
  idNumber: null,
  idNumberMasked: null,
  personName: null,
  effectiveMonth: null,
  batchId: null,
  rowNumber: null,
  submittedBy: '陈经理',
  submittedAt: '2026-11-24T06:00:00.000Z',
  reviewedBy: null,
  reviewedAt: null,
  reviewReason: null,
  correctsId: null,
  correctedById: null,
};
const person = { idNumber: '350102199003071234', idNumberMasked: '350102********1234', personName: '王小明', effectiveMonth: '202612' };
const hukou = { hukouType: 'rural', hukouAddress: '福州市鼓楼区', ethnicity: null };

describe('a submission is read by its kind', () => {
  it('knows the eight kinds, four of them changes', () => {
    expect([...SUBMISSION_KINDS]).toEqual([
      'addition',
      'reduction',
      'base-declaration',
      'unit-info-change',
      'bank-account-change',
      'hukou-change',
      'unit-registration',
      'resident-registration',
    ]);
    expect(SUBMISSION_KINDS.filter((kind) => isChangeKind(kind))).toEqual([
      'unit-info-change',
      'bank-account-change',
      'hukou-change',
      'unit-registration',
    ]);
  });

  it("parses a reduction's payload by the reduction's schema", () => {
    const parsed = submission.parse({
      ...facts,
      ...person,
      kind: 'reduction',
      payload: { idNumber: person.idNumber, name: '王小明', reason: 'retired' },
    });
    expect(parsed.kind === 'reduction' && parsed.payload.reason).toBe('retired');
    expect(
      submission.safeParse({ ...facts, ...person, kind: 'reduction', payload: { idNumber: person.idNumber, name: '王小明', reason: 'bored' } })
        .success,
    ).toBe(false);
  });

  it('refuses an addition stored without its insurance types, and a declaration without its person', () => {
    const addition = {
      name: '王小明',
      idType: '01',
      idNumber: person.idNumber,
      hukouType: 'urban',
      mobile: '13800001111',
      effectiveMonth: '202612',
      wageFen: 600_000,
      personnelCategory: 'in_service',
    };
    expect(submission.safeParse({ ...facts, ...person, kind: 'addition', payload: { ...addition, insuranceTypes: ['310'] } }).success).toBe(true);
    expect(submission.safeParse({ ...facts, ...person, kind: 'addition', payload: addition }).success).toBe(false);
    expect(submission.safeParse({ ...facts, kind: 'addition', payload: { ...addition, insuranceTypes: ['310'] } }).success).toBe(false);
  });

  it("reads a change's facts before and after by the fields of its own request, every one of them", () => {
    const change = { ...facts, idNumber: person.idNumber, personName: '王小明', kind: 'hukou-change' };
    expect(submission.safeParse({ ...change, payload: { before: { ...hukou, hukouType: 'urban' }, after: hukou } }).success).toBe(true);
    const { ethnicity: _missing, ...withoutEthnicity } = hukou;
    expect(submission.safeParse({ ...change, payload: { before: hukou, after: withoutEthnicity } }).success).toBe(false);
    // A unit-information change's payload is no household registration change.
    expect(submission.safeParse({ ...change, kind: 'unit-info-change', payload: { before: hukou, after: hukou } }).success).toBe(false);
    expect(submission.safeParse({ ...change, kind: 'parking-change', payload: { before: hukou, after: hukou } }).success).toBe(false);
  });
});
