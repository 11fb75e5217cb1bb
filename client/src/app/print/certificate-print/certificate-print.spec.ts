import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import jsQR from 'jsqr';
import { CERTIFICATE } from '../../../testing/certificates';
import { Page, pageProviders } from '../../../testing/page';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { CertificatePrint } from './certificate-print';

/** What a phone reads from the printed code: the image's pixels decoded. */
async function decodeQr(img: HTMLImageElement): Promise<string | undefined> {
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d')!;
  context.drawImage(img, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(pixels.data, pixels.width, pixels.height)?.data;
}

describe('CertificatePrint', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    signIn(UNIT_ADMIN);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CertificatePrint);
    fixture.componentRef.setInput('code', CERTIFICATE.code);
    TestBed.tick();
    http.expectOne(`/api/certificates/${CERTIFICATE.code}`).flush(CERTIFICATE);
    page = new Page(fixture);
    await page.stable();
  });

  afterEach(() => http.verify());

  it('prints one line per month with a column per insurance type and side, one total, the code and when it was issued in China time', () => {
    expect(page.text('print-title')).toBe('职工基本医疗保险缴费证明');
    expect(page.text('certificate-statement')).toContain('王小明（证件号码 350102199003071234）');
    expect(page.texts('certificate-type')).toEqual(['职工基本医疗保险', '生育保险']);
    // Maternity insurance has no personal share: only the unit's column.
    expect(page.cells('certificate-month')).toEqual([
      ['2026-01', '8,000.00', '600.00', '160.00', '40.00', '640.00', '160.00', '已缴'],
      ['2026-02', '8,000.00', '600.00', '160.00', '40.00', '640.00', '160.00', '未缴'],
    ]);
    expect(page.cells('certificate-total')).toEqual([['合计', '1,200.00', '320.00', '80.00', '1,280.00', '320.00', '']]);
    // In the body: a table footer would print again at the foot of every page.
    expect(page.element.querySelector('[data-testid="certificate-months"] tfoot')).toBeNull();
    expect(page.parts('certificate-facts')).toEqual([
      '验证码',
      'ABCD-EFGH-JKLM-NPQR',
      '经办人',
      '陈经理',
      '开具时间（北京时间）',
      '2026-11-10 10:00:00',
    ]);
  });

  it('prints a QR code of the page that verifies this certificate, beside the space for the seal', async () => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="print-qr"]')!;
    expect(img).not.toBeNull();
    expect(await decodeQr(img)).toBe(`${location.origin}/verify?code=ABCD-EFGH-JKLM-NPQR`);
    expect(page.text('print-seal')).toContain('单位（盖章）');
  });
});
