/**
 * The annual contribution base in the browser: the unit declares by batch from its prefilled template, the
 * reviewer approves the batch, and next month's assessment takes the declared base (amounts worked out by hand).
 */
import ExcelJS from 'exceljs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addMonths, currentFeePeriod, displayPeriod } from '../common/fee-period';
import { openDatabase } from '../server/src/db/database';
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { world } from './support/global';
import { waitForCount } from './support/wait';

const unitA = DEMO_UNITS[0];

/**
 * Regional configuration, which the hall has no screen for: from next month on, the contribution year starts
 * with that month and its bases are declared during the month before, this one. Earlier years keep the demo's rule.
 */
async function openWindowThisMonth(current: string, next: string): Promise<void> {
  const db = openDatabase(world.server.databaseUrl);
  try {
    await db.knex('base_declaration_rules').whereNull('effective_to').update({ effective_to: current });
    await db.knex('base_declaration_rules').insert({
      effective_from: next,
      effective_to: null,
      year_starts_month: Number(next.slice(4)),
      window_opens_month_offset: -1,
      window_opens_day: 1,
      window_closes_month_offset: -1,
      window_closes_day: 31,
      carry_over: 'keep',
    });
  } finally {
    await db.knex.destroy();
  }
}

describe('the annual contribution base in a browser', () => {
  it('a unit declares bases by batch from its prefilled template, the reviewer approves, and the next period is assessed on them', async () => {
    const current = currentFeePeriod(new Date());
    const next = addMonths(current, 1);
    await openWindowThisMonth(current, next);

    const unit = await openHall();
    const page = unit.page;
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    const { id: unitId } = (await api(unit.context, 'GET', '/api/auth/me')).unit;

    await page.getByTestId('nav-baseDeclaration').click();
    await page.getByTestId('base-window').waitFor();
    expect(await page.getByTestId('base-year').textContent()).toContain(`${displayPeriod(next)} 至 ${displayPeriod(addMonths(next, 11))}`);
    await page.getByTestId('base-batch').click();

    // The template lists the unit's insured persons with their current base; the unit fills the wage.
    const [downloaded] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-template').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await downloaded.path())) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBeGreaterThan(2);
    const declared = { name: String(sheet.getCell(2, 1).value), idNumber: String(sheet.getCell(2, 2).value) };
    expect(declared.idNumber).toMatch(/^\d{17}[\dX]$/);
    // The first person's wage is above the ceiling; everyone else declares their current base again.
    for (let r = 2; r <= sheet.rowCount; r++) sheet.getCell(r, 4).value = r === 2 ? 30_000 : sheet.getCell(r, 3).value;
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'hall-upload-')), '缴费基数申报.xlsx');
    await workbook.xlsx.writeFile(file);
    await page.getByTestId('batch-file-input').setInputFiles(file);
    await page.getByTestId('batch-upload').click();
    await page.getByTestId('batch-all-valid').waitFor();
    await page.getByTestId('batch-submit').click();
    await page.getByTestId('batch-success').waitFor();
    const batchId = /batchId=(\d+)/.exec((await page.getByTestId('batch-queue-link').getAttribute('href'))!)![1];

    // The reviewer approves the batch as one.
    const reviewer = await openHall();
    await new LoginPage(reviewer.page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    await reviewer.page.getByTestId('review-unit-count').waitFor();
    await reviewer.page.goto(`${world.server.baseUrl}/review/declarations?batchId=${batchId}`);
    await reviewer.page.getByTestId('review-batch-approve').click();
    await reviewer.page.getByTestId('review-decision-confirm').click();
    await reviewer.page.getByTestId('review-empty').waitFor();
    await api(reviewer.context, 'POST', '/api/review/assessments', { unitId, feePeriod: next });

    // Declared, with the base held at the ceiling.
    await page.goto(`${world.server.baseUrl}/base-declaration?status=declared&q=${declared.idNumber}`);
    const row = page.getByTestId('base-row');
    await waitForCount(row, 1);
    expect(await row.textContent()).toContain('24,000.00');

    // Next month is assessed on 24,000.00 yuan: 310 at 7.5 % and 2 % = 1,800.00 and 480.00; 330 and 510 at 0.5 % = 120.00.
    await page.getByTestId('nav-paymentDetails').click();
    await page.getByTestId('payments-from').fill(displayPeriod(next));
    await page.getByTestId('payments-to').fill(displayPeriod(next));
    await page.getByTestId('payments-search').fill(declared.idNumber);
    const details = page.getByTestId('payment-row');
    await waitForCount(details, 3);
    const texts = await details.allTextContents();
    expect(texts.every((t) => t.includes('24,000.00')))
      .withContext(texts.join(' | '))
      .toBeTrue();
    const all = texts.join(' | ');
    for (const amount of ['1,800.00', '480.00', '120.00']) expect(all).withContext(all).toContain(amount);

    await unit.context.close();
    await reviewer.context.close();
  });
});
