import type { Certificate } from '@common/api/certificates';
import { HARBOUR_FOODS } from './sessions';

/** A certificate as the server returns it: two months, the second not yet paid. */
export const CERTIFICATE: Certificate = {
  code: 'ABCD-EFGH-JKLM-NPQR',
  unitName: HARBOUR_FOODS.name,
  unitCreditCode: HARBOUR_FOODS.creditCode,
  name: '王小明',
  idNumber: '350102199003071234',
  from: '202601',
  to: '202602',
  months: 2,
  issuedAt: '2026-11-10T02:00:00.000Z',
  issuedBy: '陈经理',
  items: [1, 2].map((month) => ({
    feePeriod: `20260${month}`,
    baseFen: 800_000,
    amounts: [
      { insuranceType: '310', unitAmountFen: 60_000, personAmountFen: 16_000 },
      { insuranceType: '510', unitAmountFen: 4_000, personAmountFen: 0 },
    ],
    unitAmountFen: 64_000,
    personAmountFen: 16_000,
    paid: month === 1,
  })),
  unitAmountFen: 128_000,
  personAmountFen: 32_000,
};
