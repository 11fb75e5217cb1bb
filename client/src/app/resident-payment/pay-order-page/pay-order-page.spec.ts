import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { PaymentOrder } from '@common/api/payment-orders';
import { Page, pageProviders } from '../../../testing/page';
import { PayOrderPage, POLL_MS } from './pay-order-page';

const order = (status: PaymentOrder['status'], more: Partial<PaymentOrder> = {}): PaymentOrder => ({
  id: 5,
  orderNo: 'RP20261120100000ABCD1234',
  status,
  self: false,
  personName: '郑**',
  idNumberMasked: '350102********6125',
  year: 2027,
  mode: 'special',
  standardFen: 42000,
  amountFen: 12600,
  assistedCategory: 'subsistence',
  benefitStart: '2027-01-01',
  waitingMonths: 0,
  inCollectionPeriod: true,
  createdAt: '2026-11-20T02:00:00.000Z',
  expiresAt: '2026-11-20T02:15:00.000Z',
  paidAt: null,
  closedAt: null,
  transactionId: null,
  ...more,
});

describe('PayOrderPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('shows the result only once the hall says paid, asking it again while the order is paying', async () => {
    const fixture = TestBed.createComponent(PayOrderPage);
    fixture.componentRef.setInput('id', 5);
    TestBed.tick();
    http.expectOne('/api/me/payment-orders/5').flush(order('paying'));
    const page = new Page(fixture);
    await page.stable();
    expect(page.text('pay-order-status')).toBe('支付中');
    expect(page.text('pay-order-amount')).toBe('¥126.00');
    expect(page.text('pay-order-standard')).toBe('¥420.00');
    expect(page.text('pay-order-paid')).toBeNull();
    // The amount is shown, never asked for.
    expect(page.element.querySelectorAll('input').length).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, POLL_MS + 200));
    http.expectOne('/api/me/payment-orders/5').flush(order('paid', { paidAt: '2026-11-20T02:03:00.000Z', transactionId: 'SBX1763604180000abcd' }));
    await page.stable();
    expect(page.text('pay-order-paid')).not.toBeNull();
    expect(page.parts('pay-order-record')).toEqual(['缴费时间', '2026-11-20 10:03:00', '支付渠道交易号', 'SBX1763604180000abcd']);
    expect(page.element.querySelector('[data-testid="pay-order-receipt"]')?.getAttribute('href')).toBe('/me/receipts/5/print');

    // Paid: nothing more to ask.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + 200));
    http.expectNone('/api/me/payment-orders/5');
    // Two polling intervals of real time.
  }, 15_000);

  it('shows the waiting period of a payment outside the collection period', async () => {
    const fixture = TestBed.createComponent(PayOrderPage);
    fixture.componentRef.setInput('id', 5);
    TestBed.tick();
    http
      .expectOne('/api/me/payment-orders/5')
      .flush(order('created', { mode: 'daily', amountFen: 40000, standardFen: 40000, year: 2026, waitingMonths: 3, benefitStart: '2027-02-20' }));
    const page = new Page(fixture);
    await page.stable();
    expect(page.text('pay-order-waiting')).toBe('本次缴费设有 3 个月等待期，自 2027-02-20 起享受医保待遇。');
    expect(page.text('pay-order-standard')).toBeNull();
  });
});
