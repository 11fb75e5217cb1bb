import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CERTIFICATE } from '../../../testing/certificates';
import { Page, pageProviders } from '../../../testing/page';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { CertificatePrint } from './certificate-print';

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
      ['2026-01', '职工基本医疗保险生育保险', '8,000.00', '640.00', '160.00', '已缴'],
      ['2026-02', '职工基本医疗保险生育保险', '8,000.00', '640.00', '160.00', '未缴'],
    ]);
    expect(page.cells('certificate-total')).toEqual([['合计', '1,280.00', '320.00', '']]);
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
