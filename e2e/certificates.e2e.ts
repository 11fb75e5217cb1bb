/**
 * Printing: an employee's payment certificate issued from the form, printed to an A4 PDF through Chromium,
 * then checked on the public verification page by someone who is not signed in; a made-up code is refused.
 * A year's certificate fits one page, and its QR code opens the verification of that certificate.
 */
import jsQR from 'jsqr';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { addMonths, displayPeriod } from '../common/fee-period';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { world } from './support/global';
import { text } from './support/i18n';
import { pageSizes, pdfImages, printToA4Pdf, readPdf } from './support/pdf';

describe('payment certificates in a browser', () => {
  it('prints a certificate to an A4 PDF with its code, which verifies on the public page; a made-up code does not', async () => {
    const unit = await openHall();
    await new LoginPage(unit.page).asUnitAdmin(DEMO_UNITS[0].creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(unit.page).unitName().waitFor();
    const detail = (await api(unit.context, 'GET', '/api/payments/details?sort=feePeriod&direction=asc&pageSize=1')).items[0];

    await unit.page.getByTestId('nav-certificates').click();
    await unit.page.getByTestId('certificate-id-number').fill(detail.idNumber);
    await unit.page.getByTestId('certificate-from').fill(displayPeriod(detail.feePeriod));
    await unit.page.getByTestId('certificate-to').fill(displayPeriod(detail.feePeriod));
    await unit.page.getByTestId('certificate-submit').click();

    const codeCell = unit.page.getByTestId('certificate-code');
    await codeCell.waitFor();
    const code = (await codeCell.textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(unit.page.url()).toBe(`${world.server.baseUrl}/print/certificates/${code}`);
    expect(await unit.page.getByTestId('certificate-month').count()).toBe(1);
    expect(await unit.page.getByTestId('print-unit').textContent()).toContain(DEMO_UNITS[0].name);
    expect(await unit.page.getByTestId('certificate-statement').textContent()).toContain(detail.idNumber);

    // What the printer gets: the toolbar gone, the code still there.
    await unit.page.emulateMedia({ media: 'print' });
    expect(await unit.page.getByTestId('print-toolbar').isVisible()).toBeFalse();
    expect(await codeCell.isVisible()).toBeTrue();
    const pdf = await unit.page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    // A4 is 595.28 × 841.89 points.
    expect(pageSizes(pdf).length).toBeGreaterThan(0);
    for (const size of pageSizes(pdf)) expect(size).toEqual([595, 842]);
    await unit.context.close();

    const visitor = await world.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await visitor.newPage();
    await page.goto(`${world.server.baseUrl}/verify`);
    await page.getByTestId('verify-code').fill(code.toLowerCase());
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-genuine').waitFor();
    const facts = (await page.getByTestId('verify-facts').textContent())!;
    expect(facts).toContain(`${detail.idNumber.slice(0, 6)}********${detail.idNumber.slice(-4)}`);
    expect(facts).toContain(`${[...detail.name][0]}*`);
    expect(facts).not.toContain(detail.idNumber);
    expect(facts).not.toContain(detail.name);
    expect(await page.content()).not.toContain(DEMO_UNITS[0].name);

    await page.getByTestId('verify-code').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-failure').waitFor();
    expect(await page.getByTestId('verify-failure').textContent()).toContain(text('zh-CN', 'verify.unknown'));
    expect(await page.getByTestId('verify-genuine').count()).toBe(0);
    await visitor.close();
  });

  it("prints twelve months on one A4 page with a single total and whole borders; the certificate's QR decodes to its verification URL", async () => {
    const unit = await openHall();
    const page = unit.page;
    await new LoginPage(page).asUnitAdmin(DEMO_UNITS[0].creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    // Someone paid for in each of the twelve months the demo data holds.
    const first = (await api(unit.context, 'GET', '/api/payments/details?sort=feePeriod&direction=asc&insuranceType=310&pageSize=1')).items[0];
    const to = addMonths(first.feePeriod, 11);
    const inFirst = (
      await api(unit.context, 'GET', `/api/payments/details?from=${first.feePeriod}&to=${first.feePeriod}&insuranceType=310&pageSize=50`)
    ).items;
    let idNumber = '';
    for (const d of inFirst) {
      const months = await api(
        unit.context,
        'GET',
        `/api/payments/details?q=${d.idNumber}&from=${first.feePeriod}&to=${to}&insuranceType=310&pageSize=1`,
      );
      if (months.total === 12) idNumber = d.idNumber;
      if (idNumber) break;
    }
    expect(idNumber).not.toBe('');
    const issued = await api(unit.context, 'POST', '/api/certificates', { idNumber, from: first.feePeriod, to });

    // The QR code is drawn after the certificate arrives; print only once its image is there.
    const qrDrawn = () => page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid=print-qr]')?.complete);
    await page.goto(`${world.server.baseUrl}/print/certificates/${issued.code}`);
    await page.getByTestId('certificate-code').waitFor();
    await qrDrawn();
    expect(await page.getByTestId('certificate-month').count()).toBe(12);
    const pdf = await printToA4Pdf(page);
    const pages = readPdf(pdf);
    expect(pages.length).toBe(1);
    const printed = pages.map((p) => p.text).join('');
    expect(printed.split(text('zh-CN', 'print.total')).length - 1).toBe(1);
    expect(pages.flatMap((p) => p.cut)).toEqual([]);

    // A phone scanning the printed code: the picture embedded in the PDF, decoded from its pixels.
    const decoded = pdfImages(pdf)
      .map((image) => jsQR(image.rgba, image.width, image.height)?.data)
      .filter((data) => data !== undefined);
    expect(decoded).toEqual([`${world.server.baseUrl}/verify?code=${issued.code}`]);

    // Spanish has the longest headings: the year still fits one page.
    await page.evaluate(() => localStorage.setItem('unitHall.language', 'es'));
    await page.reload();
    await page.getByTestId('certificate-code').waitFor();
    await qrDrawn();
    expect(await page.getByTestId('print-title').textContent()).toContain(text('es', 'certificates.print.title'));
    expect(readPdf(await printToA4Pdf(page)).length).toBe(1);
    await unit.context.close();

    const visitor = await world.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const phone = await visitor.newPage();
    await phone.goto(decoded[0]);
    await phone.getByTestId('verify-genuine').waitFor();
    expect(await phone.getByTestId('verify-facts').textContent()).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    await visitor.close();
  });
});
