import type { Declaration } from '@common/api/declarations';

/** A pending addition of 王小明 submitted by 陈经理; override what a test needs. */
export function declaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    id: 31,
    type: 'addition',
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
}

