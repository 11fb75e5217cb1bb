import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { FamilyMember, ResidentPayee, ResidentQuote } from '@common/api/residents';
import { answeredDuring } from '../../../testing/http';
import type { Page } from '../../../testing/page';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { residentPaymentRoutes } from '../resident-payment.routes';

const MEMBER: FamilyMember = {
  id: 4,
  addedAt: '2026-11-10T02:00:00.000Z',
  maskedName: '陈**',
  idNumberMasked: '350102********5015',
  insuranceTypes: ['390'],
  registration: 'approved',
};
const ASSISTED: ResidentPayee = {
  personId: 2,
  maskedName: '黄*',
  idNumberMasked: '350203********2133',
  insuranceTypes: ['390'],
  registration: 'approved',
  openYears: [
    { year: 2026, standardFen: 40000, assistedCategory: null },
    { year: 2027, standardFen: 42000, assistedCategory: 'subsistence' },
  ],
};
const SPECIAL: ResidentQuote = {
  personId: 2,
  maskedName: '黄*',
  idNumberMasked: '350203********2133',
  year: 2027,
  mode: 'special',
  standardFen: 42000,
  amountFen: 12600,
  assistedCategory: 'subsistence',
  benefitStart: '2027-01-01',
  waitingMonths: 0,
  inCollectionPeriod: true,
};

describe('PaymentSteps (/me/pay, steps 1–6)', () => {
  let http: HttpTestingController;
  let page: Page;

  beforeEach(() => {
    http = configureFeature('me/pay', residentPaymentRoutes);
  });
  afterEach(() => http.verify());

  it('walks from the person to the year and the payment type, each choice in the URL, special only in an assisted year', async () => {
    page = await openPage('/me/pay');
    http.expectOne('/api/me/family').flush([MEMBER]);
    await page.stable();
    expect(page.texts('pay-member')).toEqual(['家庭成员 · 陈** · 350102********5015']);

    await answeredDuring(page.click('pay-self'), '/api/me/resident-payments/payee', (r) => {
      expect(r.request.body).toEqual({ person: { kind: 'self' } });
      r.flush(ASSISTED);
    });
    await page.stable();
    expect(TestBed.inject(Router).url).toBe('/me/pay?person=self');
    expect(page.parts('pay-payee')).toEqual([
      '参保人',
      '黄*',
      '身份证号',
      '350203********2133',
      '参保登记',
      '已参保',
      '参保险种',
      '城乡居民基本医疗保险',
    ]);
    expect(page.texts('pay-year')).toEqual(['2026 年度 · 标准 400.00 元', '2027 年度 · 标准 420.00 元']);

    await page.click('pay-year');
    await page.stable();
    expect(TestBed.inject(Router).url).toBe('/me/pay?person=self&year=2026');
    expect(page.text('pay-mode-special')).toBeNull();
    expect(page.text('pay-special-unavailable')).toContain('只能日常缴费');
  });

  it('shows the amount as text, never a field, then the seeds’ confirmation, and creates the order from the request', async () => {
    page = await openPage('/me/pay?person=self&year=2027&mode=special');
    http.expectOne('/api/me/family').flush([]);
    http.expectOne('/api/me/resident-payments/payee').flush(ASSISTED);
    const quote = http.expectOne('/api/me/resident-payments/quote');
    expect(quote.request.body).toEqual({ person: { kind: 'self' }, year: 2027, mode: 'special' });
    quote.flush(SPECIAL);
    await page.stable();
    expect(page.text('pay-amount')).toBe('¥126.00');
    expect(page.element.querySelectorAll('input').length).toBe(0);
    expect(page.text('pay-assisted-category')).toBe('低保对象');
    expect(page.text('pay-benefit-start')).toBe('2027-01-01');

    await page.click('pay-next');
    await page.stable();
    expect(TestBed.inject(Router).url).toBe('/me/pay?person=self&year=2027&mode=special&confirm=1');
    expect(page.text('pay-confirm-text')).toBe('您正在为 黄* 缴纳城乡居民基本医疗保险费 126.00 元，请认真核对参保人个人信息及金额！');

    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    await answeredDuring(page.click('pay-confirm'), '/api/me/payment-orders', (r) => {
      expect(r.request.body).toEqual({ person: { kind: 'self' }, year: 2027, mode: 'special' });
      r.flush({ id: 5 });
    });
    expect(navigate).toHaveBeenCalledWith(['/me/pay/orders', 5]);
  });

  it('explains the waiting period of a payment outside the collection period', async () => {
    page = await openPage('/me/pay?person=self&year=2026&mode=daily');
    http.expectOne('/api/me/family').flush([]);
    http.expectOne('/api/me/resident-payments/payee').flush(ASSISTED);
    http.expectOne('/api/me/resident-payments/quote').flush({
      ...SPECIAL,
      year: 2026,
      mode: 'daily',
      amountFen: 40000,
      standardFen: 40000,
      assistedCategory: null,
      waitingMonths: 3,
      benefitStart: '2027-02-10',
      inCollectionPeriod: false,
    });
    await page.stable();
    expect(page.text('pay-waiting')).toBe('在集中缴费期外或断保后缴费，设 3 个月待遇等待期，自 2027-02-10 起享受待遇。');
  });

  it('says what the server refused, in the reader’s language', async () => {
    page = await openPage('/me/pay?person=member-4');
    http.expectOne('/api/me/family').flush([MEMBER]);
    http.expectOne('/api/me/resident-payments/payee').flush({ code: 'NOT_FOUND', message: 'not found' }, { status: 404, statusText: 'Not Found' });
    await page.stable();
    expect(page.text('pay-error')).not.toBeNull();
  });
});
