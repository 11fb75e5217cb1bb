import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { OwnPaymentPage } from '@common/api/personal';
import { configureFeature, openPage } from '../../../testing/routed-page';
import type { Page } from '../../../testing/page';
import { RecordsPage } from './records-page';

const PAYMENTS: OwnPaymentPage = {
  items: [
    {
      id: 7,
      feePeriod: '202408',
      insuranceType: '310',
      unitName: '厦门鹭岛物流有限公司',
      baseFen: 900_000,
      personAmountFen: 18_000,
      unitAmountFen: 67_500,
      status: 'overdue',
      paidAt: null,
    },
  ],
  total: 13,
  page: 0,
  pageSize: 12,
  personAmountFen: 60_000,
};

describe('RecordsPage', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(() => (http = configureFeature('me', [{ path: '', component: RecordsPage }])));
  afterEach(() => http.verify());

  const paymentsRequest = (): TestRequest => http.expectOne((r) => r.url === '/api/me/payment-details');

  async function open(url = '/me'): Promise<TestRequest> {
    page = await openPage(url);
    http.expectOne('/api/me/insurance').flush({
      items: [
        { insuranceType: '310', status: 'active', since: '202407', until: null, unitName: '厦门鹭岛物流有限公司' },
        { insuranceType: '390', status: 'terminated', since: '202001', until: '202312', unitName: null },
      ],
    });
    http
      .expectOne('/api/me/employments')
      .flush({ items: [{ unitName: '厦门鹭岛物流有限公司', startMonth: '202407', endMonth: null, status: 'active' }] });
    return paymentsRequest();
  }

  it('shows the insurance per type, the employment history and the personal share of the payment details', async () => {
    (await open()).flush(PAYMENTS);
    await page.stable();
    expect(page.text('personal-insurance-310')).toContain('厦门鹭岛物流有限公司');
    expect(page.text('personal-insurance-390')).toContain('终止参保');
    expect(page.text('personal-employments')).toContain('至今');
    expect(page.text('personal-payments')).toContain('¥180.00');
    expect(page.text('personal-payments-total')).toContain('¥600.00');
  });

  it('reads the list state from the URL and asks the server for that page, sort and range', async () => {
    const request = await open('/me?from=202401&to=202412&page=2&sort=personAmountFen&direction=asc');
    expect(request.request.params.keys().sort()).toEqual(['direction', 'from', 'page', 'pageSize', 'sort', 'to']);
    expect(request.request.params.get('from')).toBe('202401');
    expect(request.request.params.get('to')).toBe('202412');
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.params.get('sort')).toBe('personAmountFen');
    expect(request.request.params.get('direction')).toBe('asc');
    request.flush(PAYMENTS);
    await page.stable();
  });

  it('puts a period filter into the URL, back on the first page', async () => {
    (await open('/me?page=2')).flush(PAYMENTS);
    await page.stable();
    await page.type('personal-payments-from', '202601');
    await page.type('personal-payments-to', '202603');
    // A plain click: the harness's would wait for the request the new URL starts.
    page.element.querySelector<HTMLButtonElement>('[data-testid="personal-payments-filter"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(TestBed.inject(Router).url).toBe('/me?from=202601&to=202603');
    const request = paymentsRequest();
    expect(request.request.params.get('page')).toBe('0');
    expect(request.request.params.get('from')).toBe('202601');
    request.flush(PAYMENTS);
    await page.stable();
  });

  it("issues the person's own certificate and shows its verification code", async () => {
    (await open()).flush(PAYMENTS);
    await page.stable();
    await page.type('personal-certificate-from', '202406');
    await page.type('personal-certificate-to', '202407');
    await page.click('personal-certificate-issue');
    const request = http.expectOne('/api/me/certificates');
    expect(request.request.body).toEqual({ from: '202406', to: '202407' });
    request.flush({
      code: 'ABCD-EFGH-JKLM-NPQR',
      name: '林晓岚',
      idNumber: '350102196501019515',
      from: '202406',
      to: '202407',
      months: 2,
      issuedAt: '2026-11-10T02:00:00.000Z',
      items: [],
      unitAmountFen: 117_000,
      personAmountFen: 30_000,
    });
    await page.stable();
    expect(page.text('personal-certificate-code')).toBe('ABCD-EFGH-JKLM-NPQR');
    expect(page.text('personal-certificate')).toContain('¥300.00');
  });
});
