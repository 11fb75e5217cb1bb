import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { submission } from '../../../testing/submissions';
import { Page, pageProviders } from '../../../testing/page';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { ReceiptPrint } from './receipt-print';

describe('ReceiptPrint', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: pageProviders() });
    signIn(UNIT_ADMIN);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it("counts a batch's withdrawn rows apart from the rows declared", async () => {
    const fixture = TestBed.createComponent(ReceiptPrint);
    fixture.componentRef.setInput('batchId', 7);
    TestBed.tick();
    const row = (rowNumber: number, status: 'pending' | 'approved' | 'withdrawn') =>
      submission({ id: 100 + rowNumber, batchId: 7, rowNumber, status, reviewedAt: status === 'approved' ? '2026-11-25T02:00:00Z' : null });
    const answer = (queue: string, items: unknown[]) =>
      http
        .expectOne((req) => req.url === '/api/submissions' && req.params.get('queue') === queue && req.params.get('batchId') === '7')
        .flush({ items, total: items.length });
    answer('pending', [row(2, 'pending')]);
    answer('audited', [row(1, 'approved'), row(3, 'withdrawn'), row(4, 'approved')]);
    const issued = http.expectOne('/api/receipts');
    expect(issued.request.body).toEqual({ batchId: 7 });
    issued.flush({ code: 'ABCD-EFGH-JKLM-NPQR' });
    const page = new Page(fixture);
    await page.stable();

    expect(page.text('receipt-count')).toBe('3 · 待审核 1，已通过 2，未通过 0');
    expect(page.text('receipt-withdrawn')).toBe('1');
    // Every row is still listed, the withdrawn one with its status.
    expect(page.cells('receipt-row').map((cells) => [cells[0], cells[5]])).toEqual([
      ['1', '已通过'],
      ['2', '待审核'],
      ['3', '已撤回'],
      ['4', '已通过'],
    ]);
    expect(page.text('receipt-month-header')).toBe('参保月份');
  });

  it("labels a reduction's month as the month coverage stops", async () => {
    const fixture = TestBed.createComponent(ReceiptPrint);
    fixture.componentRef.setInput('id', 41);
    TestBed.tick();
    http.expectOne('/api/submissions/41').flush(submission({ id: 41, kind: 'reduction', effectiveMonth: '202611', payload: { reason: 'resigned' } }));
    http.expectOne('/api/receipts').flush({ code: 'ABCD-EFGH-JKLM-NPQR' });
    const page = new Page(fixture);
    await page.stable();

    expect(page.parts('receipt-facts')).toContain('停保月份');
    expect(page.text('receipt-month')).toBe('2026-11');
    expect(page.text('receipt-month-header')).toBe('停保月份');
    expect(page.text('receipt-withdrawn')).toBeNull();
    expect(page.text('print-seal')).toContain('单位（盖章）');
  });

  it('prints the code of the receipt, issued for this submission, beside a QR code and the seal area', async () => {
    const fixture = TestBed.createComponent(ReceiptPrint);
    fixture.componentRef.setInput('id', 42);
    TestBed.tick();
    http.expectOne('/api/submissions/42').flush(submission({ id: 42 }));
    const issued = http.expectOne('/api/receipts');
    expect(issued.request.method).toBe('POST');
    expect(issued.request.body).toEqual({ submissionId: 42 });
    issued.flush({ code: 'ABCD-EFGH-JKLM-NPQR' });
    const page = new Page(fixture);
    await page.stable();

    expect(page.text('receipt-code')).toBe('ABCD-EFGH-JKLM-NPQR');
    await fixture.whenStable();
    const qr = page.element.querySelector<HTMLImageElement>('[data-testid="print-qr"]');
    expect(qr?.src).toMatch(/^data:image\/png;base64,/);
    expect(page.text('print-seal')).toContain('单位（盖章）');
  });

  it('prints the receipt without a code when none can be had', async () => {
    const fixture = TestBed.createComponent(ReceiptPrint);
    fixture.componentRef.setInput('id', 43);
    TestBed.tick();
    http.expectOne('/api/submissions/43').flush(submission({ id: 43 }));
    http.expectOne('/api/receipts').flush(null, { status: 500, statusText: 'Server Error' });
    const page = new Page(fixture);
    await page.stable();

    expect(page.text('receipt-status')).toBe('待审核');
    expect(page.text('receipt-code')).toBeNull();
    expect(page.element.querySelector('[data-testid="print-qr"]')).toBeNull();
  });
});
