import type { Page } from './page';
import { INSURED_DETAIL_FIELDS, LISTED_FIELDS, noValues } from '@common/api/addition-fields';
import type { InsuredPerson } from '@common/api/declarations';
import type { InsuredPersonDetail, PaymentDetail, UnitInfo, UnitPaymentPeriod } from '@common/api/payments';

/** 王小明's employee medical insurance for November 2026, paid; override what a test needs. */
export function paymentDetail(overrides: Partial<PaymentDetail> = {}): PaymentDetail {
  return {
    id: 501,
    personId: 7,
    idNumber: '350102199003071234',
    idNumberMasked: '350102********1234',
    name: '王小明',
    feePeriod: '202611',
    insuranceType: '310',
    baseFen: 1234567,
    unitRateBp: 750,
    personRateBp: 200,
    unitAmountFen: 92593,
    personAmountFen: 24691,
    status: 'paid',
    paidAt: '2026-11-20',
    collectionSerial: 'ZS202611000123',
    ...overrides,
  };
}

/** The unit's November 2026: 42 persons, partly overdue. */
export function unitPaymentPeriod(overrides: Partial<UnitPaymentPeriod> = {}): UnitPaymentPeriod {
  return {
    feePeriod: '202611',
    persons: 42,
    unitAmountFen: 3456789,
    personAmountFen: 876543,
    dueFen: 4333332,
    paidFen: 4000000,
    overdueFen: 333332,
    collectedOn: '2026-11-20',
    collectionSerial: 'ZS202611000123',
    ...overrides,
  };
}

/** The registry's listed fields (addition-fields.ts) start without values. */
export function insuredPerson(overrides: Partial<InsuredPerson> = {}): InsuredPerson {
  return {
    ...noValues(LISTED_FIELDS),
    personId: 7,
    idNumber: '350102199003071234',
    idNumberMasked: '350102********1234',
    name: '王小明',
    sex: 'male',
    birthDate: '1990-03-07',
    status: 'active',
    startMonth: '202401',
    endMonth: null,
    wageFen: 850000,
    insuranceTypes: ['310', '330', '510'],
    pendingDeclaration: null,
    ...overrides,
  };
}

export function insuredPersonDetail(overrides: Partial<InsuredPersonDetail> = {}): InsuredPersonDetail {
  return {
    personId: 7,
    basic: {
      ...noValues(INSURED_DETAIL_FIELDS.basic),
      name: '王小明',
      idType: '01',
      idNumber: '350102199003071234',
      sex: 'male',
      birthDate: '1990-03-07',
      ethnicity: '汉族',
      hukouType: 'rural',
      hukouAddress: '福建省福州市鼓楼区五四路 1 号',
    },
    contact: { ...noValues(INSURED_DETAIL_FIELDS.contact), mobile: '13800138000', contactAddress: '福州市台江区江滨路 88 号' },
    employment: {
      ...noValues(INSURED_DETAIL_FIELDS.employment),
      status: 'active',
      startMonth: '202401',
      endMonth: null,
      wageFen: 850000,
      personnelCategory: 'in_service',
      employmentForm: 'contract',
      workStartDate: '2012-07-01',
    },
    insurance: [
      { insuranceType: '310', startMonth: '202401', endMonth: null, status: 'active' },
      { insuranceType: '510', startMonth: '202401', endMonth: '202506', status: 'suspended' },
    ],
    pendingChanges: [],
    ...overrides,
  };
}

export function unitInfo(overrides: Partial<UnitInfo> = {}): UnitInfo {
  return {
    id: 11,
    name: '福州港湾食品有限公司',
    creditCode: '91350100M000100Y43',
    unitNumber: '35010000123',
    unitType: 'enterprise',
    industry: 'software',
    economicType: 'limited_liability',
    legalRepName: '陈港湾',
    legalRepPhone: '13900000001',
    address: '福州市鼓楼区五四路 100 号',
    postcode: '350001',
    contactName: '林小红',
    contactPhone: '0591-87654321',
    contactEmail: 'hr@harbour.example.cn',
    registrationDate: '2019-01-15',
    agency: '福州市医疗保障局鼓楼分中心',
    collectionMode: 'tax',
    insuranceTypes: [
      { insuranceType: '310', startMonth: '201901' },
      { insuranceType: '510', startMonth: '202003' },
    ],
    bank: {
      category: 'ICBC',
      branchName: '中国工商银行福州五四路支行',
      accountName: '福州港湾食品有限公司',
      accountNumberMasked: '***************1234',
      // As an agent is answered; the administrator gets the whole number too.
      accountNumber: null,
    },
    pendingChanges: [],
    ...overrides,
  };
}

/** A server page of any list: the rows of this page and how many match in all. */
export function pageOf<T>(items: T[], total = items.length, page = 0, pageSize = 20) {
  return { items, total, page, pageSize };
}

/**
 * Picks a month in a month input as the browser's picker does: one change to `YYYY-MM`. (The input harness's
 * `setValue` clears the field first, which a month range takes as a change of its own.)
 */
export async function pickMonth(page: Page, id: string, month: string): Promise<void> {
  const input = await (await page.input(id)).host();
  await input.setInputValue(month);
  await input.dispatchEvent('input');
}
