import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Certificate } from '@common/api/certificates';
import { Page, pageProviders } from '../../../testing/page';
import { HARBOUR_FOODS, signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { CertificatePrint } from './certificate-print';

const CERTIFICATE: Certificate = {
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
  items: [
    { feePeriod: '202601', baseFen: 800_000, insuranceTypes: ['310', '510'], unitAmountFen: 64_000, personAmountFen: 16_000, paid: true },
    { feePeriod: '202602', baseFen: 800_000, insuranceTypes: ['310', '510'], unitAmountFen: 64_000, personAmountFen: 16_000, paid: false },
  ],
  unitAmountFen: 128_000,
  personAmountFen: 32_000,
};

describe('CertificatePrint', () => {
  it('prints the months with their amounts, the code and when it was issued in China time', async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    signIn(UNIT_ADMIN);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CertificatePrint);
    fixture.componentRef.setInput('code', CERTIFICATE.code);
    TestBed.tick();
    http.expectOne(`/api/certificates/${CERTIFICATE.code}`).flush(CERTIFICATE);
    const page = new Page(fixture);
    await page.stable();

    expect(page.text('print-title')).toBe('职工基本医疗保险缴费证明');
    expect(page.text('certificate-statement')).toContain('王小明（证件号码 350102199003071234）');
    expect(page.cells('certificate-month')).toEqual([
      ['2026-01', '职工基本医疗保险生育保险', '8000.00', '640.00', '160.00', '已缴'],
      ['2026-02', '职工基本医疗保险生育保险', '8000.00', '640.00', '160.00', '未缴'],
    ]);
    expect(page.cells('certificate-total')).toEqual([['合计', '1280.00', '320.00', '']]);
    expect(page.parts('certificate-facts')).toEqual([
      '验证码',
      'ABCD-EFGH-JKLM-NPQR',
      '经办人',
      '陈经理',
      '开具时间（北京时间）',
      '2026-11-10 10:00:00',
    ]);
    http.verify();
  });
});
