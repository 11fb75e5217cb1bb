/**
 * Declarations in the browser: a batch of additions from the downloaded template, with its errors
 * found, annotated, fixed and submitted; the reviewer's approval; a reduction; a withdrawal.
 */
import ExcelJS from 'exceljs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addMonths, currentFeePeriod, displayPeriod } from '../common/fee-period';
import { idNumberCheckChar } from '../common/validators/id-number';
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { TEMPLATES } from '../templates';
import type { Page } from 'playwright-core';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { text } from './support/i18n';
import { waitForCount } from './support/wait';

const unitA = DEMO_UNITS[0];
/** Born 1963: no seeded person is. */
const idOf = (seq: number) => {
  const first17 = `35010219630101${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};
const columns = TEMPLATES.addition.columns.map((c) => c.key);
const letterOf = (key: string) => String.fromCharCode(65 + columns.indexOf(key));

async function download(page: Page, testId: string): Promise<ExcelJS.Workbook> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await file.path())) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Writes rows from Excel row 2 on, each as the template's column keys → cell values. */
function fill(workbook: ExcelJS.Workbook, rows: Record<string, ExcelJS.CellValue>[]): void {
  const sheet = workbook.worksheets[0];
  rows.forEach((values, i) => {
    const row = sheet.getRow(i + 2);
    for (const [key, value] of Object.entries(values)) row.getCell(columns.indexOf(key) + 1).value = value;
  });
}

/** A real file on disk, as a user picks one: the page reads it only when uploading. */
async function upload(page: Page, workbook: ExcelJS.Workbook, name: string): Promise<void> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'hall-upload-')), name);
  await workbook.xlsx.writeFile(file);
  await page.getByTestId('batch-file-input').setInputFiles(file);
  await page.getByTestId('batch-upload').click();
  await page.getByTestId('batch-result').or(page.getByTestId('batch-error')).first().waitFor();
  if (await page.getByTestId('batch-error').count()) throw new Error(`upload refused: ${await page.getByTestId('batch-error').textContent()}`);
}

const statOf = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())!.replace(/\D/g, ''));

describe('declarations in a browser', () => {
  const next = addMonths(currentFeePeriod(new Date()), 1);
  const person = (id: string, name: string, lang: 'zh-CN' | 'en' = 'zh-CN') => ({
    name,
    idNumber: id,
    hukouType: lang === 'zh-CN' ? '城镇' : 'Urban',
    mobile: '13912345678',
    effectiveMonth: displayPeriod(next),
    wageFen: '8000',
    personnelCategory: lang === 'zh-CN' ? '在职' : 'In service',
  });

  // A batch, its corrections, a reduction, two reviews and a withdrawal through two browsers: more than a minute under load.
  it('takes a batch from template to insured people, with every error shown, annotated and fixed; a reduction; a withdrawal', async () => {
    const unit = await openHall();
    const page = unit.page;
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    await page.getByTestId('nav-batches').click();
    await page.getByTestId('batch-kind-addition').click();

    const template = await download(page, 'batch-template');
    const badChecksum = idOf(25).slice(0, 17) + (idOf(25)[17] === '0' ? '1' : '0');
    fill(template, [
      person(idOf(21), '甲一'),
      person(idOf(23), '乙二'),
      person(badChecksum, '丙三'),
      // What Excel does to an 18-digit number typed into a general cell.
      { ...person('', '丁四'), idNumber: Number(idOf(27)) },
      { ...person(idOf(29), '') },
      person(idOf(31), '己六'),
      person(idOf(31), '庚七'),
    ]);
    await upload(page, template, '增员名单.xlsx');
    await page.getByTestId('batch-result').waitFor();
    expect(await statOf(page, 'batch-rows')).toBe(7);
    expect(await statOf(page, 'batch-valid')).toBe(2);
    expect(await statOf(page, 'batch-invalid')).toBe(5);
    const errors = (await page.getByTestId('batch-error-row').allTextContents()).join('\n');
    const idColumn = letterOf('idNumber');
    expect(errors).toContain(text('zh-CN', 'fieldErrors.ID_NUMBER_CHECKSUM'));
    expect(errors).toContain(text('zh-CN', 'fieldErrors.ID_NUMBER_EXCEL_NUMBER'));
    expect(errors).toContain(text('zh-CN', 'fieldErrors.REQUIRED'));
    expect(errors).toContain(text('zh-CN', 'fieldErrors.DUPLICATE_IN_FILE').replace('{{row}}', '8'));
    const checksumCells = await page
      .getByTestId('batch-error-row')
      .filter({ hasText: text('zh-CN', 'fieldErrors.ID_NUMBER_CHECKSUM') })
      .locator('td')
      .allTextContents();
    expect(checksumCells.map((c) => c.trim()).slice(1, 3)).toEqual([
      '4',
      `${idColumn} ${TEMPLATES.addition.columns[columns.indexOf('idNumber')].header['zh-CN']}`,
    ]);

    // The user's own workbook back, bad cells marked and explained, fixed and sent again.
    const annotated = await download(page, 'batch-download-annotated');
    const sheet = annotated.worksheets[0];
    const rowText = (r: number) => (sheet.getRow(r).values as ExcelJS.CellValue[]).map((v) => String(v ?? '')).join(' ');
    expect(rowText(4)).toContain(text('zh-CN', 'fieldErrors.ID_NUMBER_CHECKSUM'));
    expect(rowText(2)).not.toContain(text('zh-CN', 'fieldErrors.ID_NUMBER_CHECKSUM'));
    fill(annotated, [{}, {}, { idNumber: idOf(25) }, { idNumber: idOf(27) }, { name: '戊五' }, {}, { idNumber: idOf(33) }]);
    await upload(page, annotated, '增员名单-已修改.xlsx');
    await page.getByTestId('batch-all-valid').waitFor();
    expect(await statOf(page, 'batch-valid')).toBe(7);
    await page.getByTestId('batch-submit').click();
    await page.getByTestId('batch-success').waitFor();

    // A seeded employee leaves this month.
    const insured = await api(unit.context, 'GET', '/api/insured-persons?status=active&sort=startMonth&pageSize=5');
    const leaver = insured.items.find((p: { pendingDeclaration: string | null; startMonth: string }) => !p.pendingDeclaration && p.startMonth < next);
    await page.getByTestId('nav-reductions').click();
    await page.getByTestId('reduction-search').fill(leaver.idNumber);
    await waitForCount(page.getByTestId('reduction-row'), 1);
    await page.getByTestId('reduction-pick').click();
    expect(await page.getByTestId('reduction-stop-month').textContent()).toContain(displayPeriod(currentFeePeriod(new Date())));
    await page.getByTestId('reduction-reason').click();
    await page.getByRole('option', { name: text('zh-CN', 'enums.reductionReason.resigned') }).click();
    await page.getByTestId('reduction-submit').click();
    expect(await page.getByTestId('confirm-message').textContent()).toContain(leaver.name);
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('reduction-success').or(page.getByTestId('reduction-error')).first().waitFor();
    expect(await page.getByTestId('reduction-error').count())
      .withContext(
        String(
          await page
            .getByTestId('reduction-error')
            .textContent()
            .catch(() => ''),
        ),
      )
      .toBe(0);

    // The reviewer approves the batch at once, and the reduction.
    const reviewer = await openHall();
    await new LoginPage(reviewer.page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    await reviewer.page.getByTestId('nav-reviewConsole').click();
    await reviewer.page.getByTestId('review-batch').first().click();
    await reviewer.page.getByTestId('review-batch-approve').click();
    await reviewer.page.getByTestId('review-decision-confirm').click();
    await reviewer.page.getByTestId('review-batch-filter').waitFor();
    await reviewer.page.getByTestId('review-empty').waitFor();
    await reviewer.page.getByTestId('review-batch-filter').locator('button').click();
    const reductionRow = reviewer.page.getByTestId('review-row').filter({ hasText: leaver.name });
    await waitForCount(reductionRow, 1);
    await reductionRow.getByTestId('review-approve').click();
    await reviewer.page.getByTestId('review-decision-confirm').click();
    await waitForCount(reductionRow, 0);

    // The people appear as insured; the leaver is suspended.
    await page.getByTestId('nav-insured').click();
    await page.getByTestId('insured-search').fill('35010219630101');
    await waitForCount(page.getByTestId('insured-row'), 7);
    await page.getByTestId('insured-search').fill(leaver.idNumber);
    await waitForCount(page.getByTestId('insured-row'), 1);
    await page
      .getByTestId('insured-row')
      .filter({ hasText: text('zh-CN', 'enums.insuredStatus.suspended') })
      .waitFor();

    // A pending addition is withdrawn from the queue.
    await api(unit.context, 'POST', '/api/additions', {
      ...person(idOf(41), '撤回人'),
      hukouType: 'urban',
      personnelCategory: 'in_service',
      effectiveMonth: next,
      wageFen: 800_000,
    });
    await page.getByTestId('nav-submissions').click();
    const pendingRow = page.getByTestId('queue-row').filter({ hasText: '撤回人' });
    await waitForCount(pendingRow, 1);
    await pendingRow.getByTestId('queue-withdraw').click();
    await page.getByTestId('confirm-ok').click();
    await waitForCount(pendingRow, 0);
    const withdrawn = await api(unit.context, 'GET', '/api/submissions?queue=audited&q=撤回人');
    expect(withdrawn.items.length + (await api(unit.context, 'GET', '/api/submissions?queue=pending&q=撤回人')).items.length).toBe(0);

    await unit.context.close();
    await reviewer.context.close();
  }, 120_000);

  it('shows every fault of a row in one upload, reads a Mac Excel (1904) workbook’s dates as Excel shows them, and previews the clamped base', async () => {
    const { context, page } = await openHall();
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    await page.getByTestId('nav-batches').click();
    const template = await download(page, 'batch-template');
    const [year, month] = [Number(next.slice(0, 4)), Number(next.slice(4, 6))];
    fill(template, [
      { ...person(idOf(61), ''), mobile: '12345', wageFen: 'abc', effectiveMonth: displayPeriod(addMonths(next, -2)) },
      // A date cell: in the 1904 system its serial number is 1,462 days smaller than in the 1900 one.
      { ...person(idOf(63), '辛八'), wageFen: '3000', effectiveMonth: new Date(Date.UTC(year, month - 1, 1)) },
    ]);
    template.properties.date1904 = true;
    await upload(page, template, '增员名单-Mac.xlsx');

    const fourFaults = page.getByTestId('batch-error-row').filter({ has: page.locator('td', { hasText: /^\s*2\s*$/ }) });
    const messages = (await fourFaults.locator('td:last-child').allTextContents()).map((m) => m.trim());
    expect(messages.length).toBe(4);
    expect(messages).toContain(text('zh-CN', 'fieldErrors.REQUIRED'));
    expect(messages).toContain(text('zh-CN', 'fieldErrors.MOBILE_FORMAT'));
    expect(messages).toContain(text('zh-CN', 'fieldErrors.AMOUNT_FORMAT'));
    expect(messages.some((m) => m.includes(displayPeriod(next))))
      .withContext('the month error lists the allowed months')
      .toBeTrue();

    const [previewed] = await page.getByTestId('batch-preview-row').all();
    const cells = (await previewed.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells[1]).toBe('辛八');
    expect(cells[3]).withContext('the effective month as Excel shows it').toBe(displayPeriod(next));
    expect(cells[5]).withContext('a wage of 3,000 is held at the floor').toBe('4,800.00');
    await context.close();
  });

  it('reports spreadsheet errors in English for an English template', async () => {
    const { context, page } = await openHall('en');
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    await page.getByTestId('nav-batches').click();
    const template = await download(page, 'batch-template');
    const idTitle = String(template.worksheets[0].getRow(1).getCell(columns.indexOf('idNumber') + 1).value);
    fill(template, [{ ...person('', 'Ana', 'en'), idNumber: Number(idOf(51)) }]);
    await upload(page, template, 'additions.xlsx');
    await page.getByTestId('batch-result').waitFor();
    const errors = (await page.getByTestId('batch-error-row').allTextContents()).join('\n');
    expect(errors).toContain(text('en', 'fieldErrors.ID_NUMBER_EXCEL_NUMBER'));
    expect(errors).toContain(idTitle.replace(/^\*\s*/, '').replace(/\s*\*$/, ''));
    await context.close();
  });
});
