/**
 * Printing the unit's reports: a submission's receipt with its review result, the payment statement
 * for a period and the insured list, each an A4 page with the unit header and the printed-at time,
 * printed to PDF through Chromium with every table border inside the page.
 */
import { displayPeriod } from '../common/fee-period';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { world } from './support/global';
import { text } from './support/i18n';
import { printToA4Pdf, readPdf } from './support/pdf';

describe('printing reports in a browser', () => {
  // Three documents, the insured list nine pages of them, each printed through Chromium and read back: more time.
  it('prints a receipt, the payment statement and the insured list as A4 pages with the unit header', async () => {
    const unit = await openHall();
    const page = unit.page;
    await new LoginPage(page).asUnitAdmin(DEMO_UNITS[0].creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    const printed = async (path: string) => {
      await page.goto(world.server.baseUrl + path);
      await page.getByTestId('print-printed-at').waitFor();
      expect(await page.getByTestId('print-unit').textContent()).toContain(DEMO_UNITS[0].name);
      expect(await page.getByTestId('print-unit').textContent()).toContain(DEMO_UNITS[0].creditCode);
      const pdf = await printToA4Pdf(page);
      // Every table whole on the paper: nothing painted past the printable area, its right border included.
      expect(readPdf(pdf).flatMap((p) => p.cut)).toEqual([]);
      return pdf.length;
    };

    const change = await api(unit.context, 'POST', '/api/unit/info-changes', {
      contactName: '林晓梅',
      contactPhone: '13900001111',
      contactEmail: 'hr@example.cn',
      legalRepName: '陈建国',
      legalRepPhone: '13900002222',
    });
    expect(await printed(`/print/submissions/${change.id}`)).toBeGreaterThan(5_000);
    expect(await page.getByTestId('print-title').textContent()).toContain(text('zh-CN', 'print.receipt.title'));
    expect(await page.getByTestId('receipt-status').textContent()).toContain(text('zh-CN', 'enums.submissionStatus.pending'));
    expect(await page.getByTestId('receipt-changes').textContent()).toContain('林晓梅');

    const period = (await api(unit.context, 'GET', '/api/payments/periods?pageSize=1&sort=feePeriod&direction=desc')).items[0].feePeriod as string;
    expect(await printed(`/print/statement/${period}`)).toBeGreaterThan(5_000);
    expect(await page.getByTestId('print-title').textContent()).toContain(displayPeriod(period));
    // Employee medical, large-amount subsidy and maternity: one line per insurance type.
    expect(await page.getByTestId('statement-line').count()).toBe(3);
    expect(await page.getByTestId('statement-totals').textContent()).toContain(text('zh-CN', 'print.statement.totalDue'));

    const insured = await api(unit.context, 'GET', '/api/insured-persons?status=active&pageSize=1');
    expect(await printed('/print/insured')).toBeGreaterThan(5_000);
    expect(await page.getByTestId('print-title').textContent()).toContain(text('zh-CN', 'print.insured.title'));
    await page.getByTestId('insured-print-row').first().waitFor();
    expect(await page.getByTestId('insured-print-row').count()).toBe(insured.total);
    await unit.context.close();
  }, 120_000);
});
