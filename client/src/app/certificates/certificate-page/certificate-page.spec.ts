import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { apiError, BAD_REQUEST, CREATED, validationFailed } from '../../../testing/answers';
import { CERTIFICATE } from '../../../testing/certificates';
import { Page, pageProviders } from '../../../testing/page';
import { CATALOGUES } from '../../../testing/translation';
import { CertificatePage } from './certificate-page';

const zh = CATALOGUES['zh-CN'] as any;

describe('CertificatePage', () => {
  let http: HttpTestingController;
  let page: Page;
  let navigate: jasmine.Spy;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    page = new Page(TestBed.createComponent(CertificatePage));
    await page.stable();
  });

  afterEach(() => http.verify());

  async function fill(idNumber: string, from: string, to: string): Promise<void> {
    await page.type('certificate-id-number', idNumber);
    await page.type('certificate-from', from);
    await page.type('certificate-to', to);
  }

  it('sends nothing while a field is missing or the range runs backwards', async () => {
    await page.click('certificate-submit');
    expect(await page.errors('certificate-id-number')).toEqual([zh.fieldErrors.REQUIRED]);
    expect(await page.errors('certificate-from')).toEqual([zh.fieldErrors.REQUIRED]);
    await fill('350102199003071234', '2026-03', '2026-01');
    await page.click('certificate-submit');
    expect(await page.errors('certificate-to')).toEqual([zh.fieldErrors.INVALID]);
    http.expectNone('/api/certificates');
  });

  it('issues the certificate for the months as fee periods and opens it ready to print', async () => {
    await fill(' 350102199003071234 ', '2026-01', '2026-02');
    await page.click('certificate-submit');
    const request = http.expectOne({ method: 'POST', url: '/api/certificates' });
    expect(request.request.body).toEqual({ idNumber: '350102199003071234', from: '202601', to: '202602' });
    request.flush(CERTIFICATE, CREATED);
    expect(navigate).toHaveBeenCalledWith(['/print/certificates', 'ABCD-EFGH-JKLM-NPQR']);
  });

  it("says so when the person has no payments in the unit, and puts the server's field errors on the fields", async () => {
    await fill('350102199003071234', '2026-01', '2026-02');
    await page.click('certificate-submit');
    http.expectOne('/api/certificates').flush(apiError('NOT_FOUND'), { status: 404, statusText: 'Not Found' });
    await page.stable();
    expect(page.text('certificate-failure')).toBe(zh.certificates.notInUnit);

    await page.click('certificate-submit');
    http.expectOne('/api/certificates').flush(validationFailed(['from', 'INVALID']), BAD_REQUEST);
    await page.stable();
    expect(await page.errors('certificate-from')).toEqual([zh.fieldErrors.INVALID]);
    expect(navigate).not.toHaveBeenCalled();
  });
});
