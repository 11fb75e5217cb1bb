import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { apiError } from '../../../testing/answers';
import { Page, pageProviders } from '../../../testing/page';
import { CATALOGUES } from '../../../testing/translation';
import { VerifyPage } from './verify-page';

const zh = CATALOGUES['zh-CN'] as any;

describe('VerifyPage', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
    page = new Page(TestBed.createComponent(VerifyPage));
    await page.stable();
  });

  afterEach(() => http.verify());

  it('checks a code typed loosely and shows only the masked facts', async () => {
    await page.type('verify-code', ' abcd efgh-jklm npqr ');
    await page.click('verify-submit');
    http
      .expectOne('/api/certificates/verify/ABCD-EFGH-JKLM-NPQR')
      .flush({ genuine: true, nameMasked: '王**', idNumberMasked: '350102********1234', from: '202601', to: '202603', months: 3 });
    await page.stable();
    expect(page.text('verify-genuine')).toBe(zh.verify.genuine);
    expect(page.parts('verify-facts')).toEqual([
      zh.verify.name,
      '王**',
      zh.verify.idNumber,
      '350102********1234',
      zh.verify.period,
      '2026-01 – 2026-03',
      zh.verify.months,
      '3',
    ]);
  });

  it('says a code is unknown when the server does not know it', async () => {
    await page.type('verify-code', 'AAAA-BBBB-CCCC-DDDD');
    await page.click('verify-submit');
    http.expectOne('/api/certificates/verify/AAAA-BBBB-CCCC-DDDD').flush(apiError('NOT_FOUND'), { status: 404, statusText: 'Not Found' });
    await page.stable();
    expect(page.text('verify-failure')).toBe(zh.verify.unknown);
    expect(page.text('verify-genuine')).toBeNull();
  });

  it('asks nothing of the server for what cannot be a code', async () => {
    await page.type('verify-code', '12345');
    await page.click('verify-submit');
    http.expectNone(() => true);
    await page.stable();
    expect(page.text('verify-failure')).toBe(zh.verify.malformed);
  });

  it('checks the code a printed QR code links to as soon as the page opens', async () => {
    page.fixture.componentRef.setInput('code', 'ABCD-EFGH-JKLM-NPQR');
    await page.stable();
    http
      .expectOne('/api/certificates/verify/ABCD-EFGH-JKLM-NPQR')
      .flush({ genuine: true, nameMasked: '王**', idNumberMasked: '350102********1234', from: '202601', to: '202612', months: 12 });
    await page.stable();
    expect(page.text('verify-genuine')).toBe(zh.verify.genuine);
    expect((page.element.querySelector('[data-testid="verify-code"]') as HTMLInputElement).value).toBe('ABCD-EFGH-JKLM-NPQR');
  });

  it("checks a receipt's code from its QR link and shows its rows with the person masked", async () => {
    page.fixture.componentRef.setInput('code', 'ABCD-EFGH-JKLM-NPQR');
    page.fixture.componentRef.setInput('document', 'receipt');
    await page.stable();
    http.expectOne('/api/receipts/verify/ABCD-EFGH-JKLM-NPQR').flush({
      genuine: true,
      submissionId: null,
      batchId: 7,
      submittedAt: '2026-11-24T06:00:00Z',
      rows: [
        { number: 2, kind: 'addition', nameMasked: '王**', idNumberMasked: '350102********1234', effectiveMonth: '202612', status: 'approved' },
        { number: 3, kind: 'reduction', nameMasked: '林*', idNumberMasked: '350102********5678', effectiveMonth: '202611', status: 'pending' },
      ],
    });
    await page.stable();
    expect(page.text('verify-genuine')).toBe(zh.verify.genuineReceipt);
    expect(page.parts('verify-facts')).toEqual([zh.print.receipt.batch, '7', zh.verify.rows, '2', zh.verify.submittedAt, '2026-11-24 14:00:00']);
    expect(page.cells('verify-receipt-row')).toEqual([
      ['2', '增员', '王**', '350102********1234', '2026-12', '已通过'],
      ['3', '减员', '林*', '350102********5678', '2026-11', '待审核'],
    ]);
  });

  it('checks a typed code as a receipt once the receipt is chosen, and says no receipt has an unknown one', async () => {
    await (await page.loader.getHarness(MatButtonToggleHarness.with({ selector: '[data-testid="verify-document-receipt"]' }))).check();
    await page.type('verify-code', 'AAAA-BBBB-CCCC-DDDD');
    await page.click('verify-submit');
    http.expectOne('/api/receipts/verify/AAAA-BBBB-CCCC-DDDD').flush(apiError('NOT_FOUND'), { status: 404, statusText: 'Not Found' });
    await page.stable();
    expect(page.text('verify-failure')).toBe(zh.verify.unknownReceipt);
  });
});
