import type { Submission } from '@common/api/submissions';

/** A submission as a test writes it: of any kind, with only the payload fields the test reads. */
type SubmissionOverrides = Partial<Omit<Submission, 'payload'>> & { payload?: Record<string, unknown> };

/**
 * A pending addition of 王小明 submitted by 陈经理; override what a test needs. The payload is the test's
 * own, often partial: the cast is what lets a test leave out the fields it does not look at.
 */
export function submission(overrides: SubmissionOverrides = {}): Submission {
  const fields = {
    id: 31,
    kind: 'addition',
    status: 'pending',
    unitId: 11,
    idNumber: '350102199003071234',
    idNumberMasked: '350102********1234',
    personName: '王小明',
    effectiveMonth: '202612',
    batchId: null,
    rowNumber: null,
    submittedBy: '陈经理',
    submittedAt: '2026-11-24T06:00:00Z',
    reviewedBy: null,
    reviewedAt: null,
    reviewReason: null,
    payload: {},
    ...overrides,
  };
  return fields as Submission;
}
