/**
 * Printing the unit's reports: a submission's receipt with its review result, the payment statement
 * for a period and the insured list, each an A4 page with the unit header and the printed-at time,
 * printed to PDF through Chromium with every table border inside the page.
 */
import jsQR from 'jsqr';
import { displayPeriod } from '../common/fee-period';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { world } from './support/global';
import { text } from './support/i18n';
import { pdfImages, printToA4Pdf, readPdf } from './support/pdf';

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

  it("prints a receipt's QR code, which decodes to its verification URL, where anyone sees the receipt with the person masked", async () => {
    const unit = await openHall();
    const page = unit.page;
    await new LoginPage(page).asUnitAdmin(DEMO_UNITS[1].creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    const change = await api(unit.context, 'POST', '/api/unit/info-changes', {
      contactName: '郑丽华',
      contactPhone: '13900003333',
      legalRepName: '陈志明',
      legalRepPhone: '13900004444',
    });

    await page.goto(`${world.server.baseUrl}/print/submissions/${change.id}`);
    const codeCell = page.getByTestId('receipt-code');
    await codeCell.waitFor();
    const code = (await codeCell.textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid=print-qr]')?.complete);
    expect(await page.getByTestId('print-seal').textContent()).toContain(text('zh-CN', 'print.seal'));
    const pdf = await printToA4Pdf(page);
    expect(readPdf(pdf).flatMap((p) => p.cut)).toEqual([]);

    // A phone scanning the printed code: the picture embedded in the PDF, decoded from its pixels.
    const decoded = pdfImages(pdf)
      .map((image) => jsQR(image.rgba, image.width, image.height)?.data)
      .filter((data) => data !== undefined);
    expect(decoded).toEqual([`${world.server.baseUrl}/verify?code=${code}&document=receipt`]);
    // Printed again, the receipt keeps its code.
    await page.reload();
    await codeCell.waitFor();
    expect((await codeCell.textContent())!.trim()).toBe(code);
    await unit.context.close();

    const visitor = await world.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const phone = await visitor.newPage();
    await phone.goto(decoded[0]);
    await phone.getByTestId('verify-genuine').waitFor();
    expect(await phone.getByTestId('verify-genuine').textContent()).toContain(text('zh-CN', 'verify.genuineReceipt'));
    expect(await phone.getByTestId('verify-facts').textContent()).toContain(String(change.id));
    const row = (await phone.getByTestId('verify-receipt-row').allTextContents()).join(' ');
    expect(row).toContain(text('zh-CN', 'enums.submissionKind.unit-info-change'));
    expect(row).toContain(text('zh-CN', 'enums.submissionStatus.pending'));
    expect(await phone.content()).not.toContain(DEMO_UNITS[1].name);
    await visitor.close();
  });
});
