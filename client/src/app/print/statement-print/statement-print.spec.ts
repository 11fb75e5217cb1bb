import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { PaymentStatement } from '@common/api/payments';
import { Page, pageProviders } from '../../../testing/page';
import { HARBOUR_FOODS, signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { StatementPrint } from './statement-print';

const STATEMENT: PaymentStatement = {
  feePeriod: '202610',
  unitName: HARBOUR_FOODS.name,
  unitCreditCode: HARBOUR_FOODS.creditCode,
  lines: [
    { insuranceType: '310', persons: 2, unitDueFen: 150_000, personDueFen: 40_000, unitPaidFen: 75_000, personPaidFen: 20_000 },
    { insuranceType: '330', persons: 2, unitDueFen: 10_000, personDueFen: 0, unitPaidFen: 5_000, personPaidFen: 0 },
  ],
  dueFen: 200_000,
  paidFen: 100_000,
  collectedOn: null,
  collectionSerial: null,
};

describe('StatementPrint', () => {
  it("prints the unit's header, the period's lines per insurance type and side, and the totals", async () => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    signIn(UNIT_ADMIN);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(StatementPrint);
    fixture.componentRef.setInput('period', '202610');
    TestBed.tick();
    http.expectOne('/api/payments/statement?period=202610').flush(STATEMENT);
    const page = new Page(fixture);
    await page.stable();

    expect(page.text('print-unit')).toBe(`${HARBOUR_FOODS.name}统一社会信用代码: ${HARBOUR_FOODS.creditCode}`);
    expect(page.text('print-title')).toBe('单位缴费对账单（2026-10）');
    expect(page.text('print-printed-at')).toMatch(/^打印时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）$/);
    expect(page.cells('statement-line')).toEqual([
      ['职工基本医疗保险', '2', '1,500.00', '400.00', '750.00', '200.00'],
      ['大额医疗费用补助', '2', '100.00', '0.00', '50.00', '0.00'],
    ]);
    expect(page.parts('statement-totals')).toEqual(['应缴合计', '¥2,000.00', '实缴合计', '¥1,000.00', '欠缴', '¥1,000.00']);
    http.verify();
  });
});
