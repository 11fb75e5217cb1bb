/**
 * Contributions in the browser: hand-checked people added through the hall, approved, assessed;
 * their details and an export of the filtered list; the month edges of additions and reductions.
 */
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { addMonths, currentFeePeriod, displayPeriod } from '../common/fee-period';
import { formatFen } from '../common/insurance';
import { idNumberCheckChar } from '../common/validators/id-number';
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { waitForCount } from './support/wait';

const unitB = DEMO_UNITS[1];
/** Born 1964: no seeded person is (the seed's birth years are 1966–2004). */
const idOf = (seq: number) => {
  const first17 = `35010219640101${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};
const SHARED_PREFIX = '35010219640101';
/** `1234567` fen → `12,345.67`, as a reviewer copies an amount from a bank statement. */
const withSeparators = (fen: number) => formatFen(fen).replace(/\B(?=(\d{3})+\.)/g, ',');

/** Worked out by hand: floor 4,800 yuan, ceiling 24,000 yuan; 310 at 7.5 % + 2 %, 330 and 510 at 0.5 %. */
const HAND_CHECKED = [
  {
    id: idOf(11),
    name: '方地板',
    wageFen: 300_000,
    yuan: { base: '4,800.00', u310: '360.00', p310: '96.00', u330: '24.00', u510: '24.00' },
    dueFen: 50_400,
  },
  {
    id: idOf(13),
    name: '方中间',
    wageFen: 1_000_050,
    yuan: { base: '10,000.50', u310: '750.04', p310: '200.01', u330: '50.00', u510: '50.00' },
    dueFen: 105_005,
  },
  {
    id: idOf(15),
    name: '方天花板',
    wageFen: 3_000_000,
    yuan: { base: '24,000.00', u310: '1,800.00', p310: '480.00', u330: '120.00', u510: '120.00' },
    dueFen: 252_000,
  },
];

describe('contributions in a browser', () => {
  it('shows the right amounts for hand-checked people, exports the same rows and totals, and respects the month rules', async () => {
    const current = currentFeePeriod(new Date());
    const next = addMonths(current, 1);

    const unit = await openHall();
    await new LoginPage(unit.page).asUnitAdmin(unitB.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(unit.page).unitName().waitFor();
    const { id: unitId } = (await api(unit.context, 'GET', '/api/auth/me')).unit;

    for (const person of HAND_CHECKED) {
      await api(unit.context, 'POST', '/api/additions', {
        name: person.name,
        idNumber: person.id,
        hukouType: 'urban',
        mobile: '13912345678',
        effectiveMonth: next,
        wageFen: person.wageFen,
        personnelCategory: 'in_service',
      });
    }
    const insured = await api(unit.context, 'GET', '/api/insured-persons?status=active&sort=startMonth&pageSize=5');
    const leaver = insured.items.find(
      (p: { startMonth: string; pendingDeclaration: string | null }) => p.startMonth < current && !p.pendingDeclaration,
    );
    await api(unit.context, 'POST', '/api/reductions', { idNumber: leaver.idNumber, name: leaver.name, reason: 'resigned' });

    const reviewer = await openHall();
    await new LoginPage(reviewer.page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    await reviewer.page.getByTestId('review-unit-count').waitFor();
    const pending = await api(reviewer.context, 'GET', `/api/review/submissions?unitId=${unitId}&pageSize=50`);
    expect(pending.total).toBe(4);
    for (const d of pending.items) await api(reviewer.context, 'POST', `/api/review/submissions/${d.id}/decision`, { approve: true });
    for (const feePeriod of [current, next]) await api(reviewer.context, 'POST', '/api/review/assessments', { unitId, feePeriod });

    const page = unit.page;
    await page.getByTestId('nav-paymentDetails').click();
    await page.getByTestId('payments-from').fill(displayPeriod(next));
    await page.getByTestId('payments-to').fill(displayPeriod(next));
    await page.getByTestId('payments-search').fill(SHARED_PREFIX);
    const rows = page.getByTestId('payment-row');
    await waitForCount(rows, 9);
    let dueFen = 0;
    for (const person of HAND_CHECKED) {
      const mine = rows.filter({ hasText: person.name });
      await waitForCount(mine, 3);
      const text = (await mine.allTextContents()).join(' | ');
      for (const amount of Object.values(person.yuan)) expect(text).withContext(person.name).toContain(amount);
      dueFen += person.dueFen;
    }
    expect(dueFen).toBe(50_400 + 105_005 + 252_000);

    // The export carries exactly the rows on screen, and the same totals.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('payments-export').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const exported: { id: string; unit: number; person: number }[] = [];
    for (let r = 5; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      exported.push({ id: String(row.getCell(3).value), unit: Number(row.getCell(6).value), person: Number(row.getCell(7).value) });
    }
    expect(exported.length).toBe(9);
    expect(new Set(exported.map((e) => e.id))).toEqual(new Set(HAND_CHECKED.map((p) => p.id)));
    const exportedFen = exported.reduce((n, e) => n + Math.round(e.unit * 100) + Math.round(e.person * 100), 0);
    expect(exportedFen).toBe(dueFen);
    expect(download.suggestedFilename()).toContain(unitB.name);

    // Added for next month: nothing this month.
    await page.getByTestId('payments-from').fill(displayPeriod(current));
    await page.getByTestId('payments-to').fill(displayPeriod(current));
    await waitForCount(rows, 0);
    await page.getByTestId('payments-empty').waitFor();

    // Reduced this month: covered to the end of this month, nothing next month.
    await page.getByTestId('payments-search').fill(leaver.idNumber);
    await waitForCount(rows, 3);
    await page.getByTestId('payments-from').fill(displayPeriod(next));
    await page.getByTestId('payments-to').fill(displayPeriod(next));
    await waitForCount(rows, 0);

    await unit.context.close();
    await reviewer.context.close();
  });

  it('the reviewer records a collection on screen and the unit sees the period paid', async () => {
    // The demo leaves unit B's last month unpaid.
    const last = addMonths(currentFeePeriod(new Date()), -1);
    const unit = await openHall();
    await new LoginPage(unit.page).asUnitAdmin(unitB.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(unit.page).unitName().waitFor();
    const before = (await api(unit.context, 'GET', `/api/payments/periods?from=${last}&to=${last}`)).items[0];
    expect(before.paidFen).toBe(0);
    expect(before.overdueFen).toBe(before.dueFen);

    const reviewer = await openHall();
    const page = reviewer.page;
    await new LoginPage(page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    await page.getByTestId('nav-reviewCollections').click();
    // Found by a part of its name, picked from the server's answer.
    await page.getByTestId('collection-unit').fill('鹭岛');
    await page.getByTestId('collection-unit-option').filter({ hasText: unitB.name }).click();
    expect(await page.getByTestId('collection-chosen').textContent()).toContain(unitB.creditCode);
    await page.getByTestId('collection-period').fill(displayPeriod(last));
    await page.getByTestId('collection-date').fill('2026-11-20');
    await page.getByTestId('collection-serial').fill('ZS-E2E-0001');

    // A fen short is refused, naming what is unpaid; nothing is paid.
    await page.getByTestId('collection-amount').fill(formatFen(before.dueFen - 1));
    await page.getByTestId('collection-record').click();
    const error = page.locator('mat-form-field', { has: page.getByTestId('collection-amount') }).locator('mat-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(`与该所属期未缴的 ¥${formatFen(before.dueFen)} 不符`);

    await page.getByTestId('collection-amount').fill(`¥${withSeparators(before.dueFen)}`);
    await page.getByTestId('collection-record').click();
    const outcome = page.getByTestId('collection-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(`¥${formatFen(before.dueFen)}`);

    // The unit's payments page shows the period paid, with the collection's date and serial.
    await unit.page.getByTestId('nav-unitPayments').click();
    await unit.page.getByTestId('periods-from').fill(displayPeriod(last));
    await unit.page.getByTestId('periods-to').fill(displayPeriod(last));
    const rows = unit.page.getByTestId('period-row');
    await waitForCount(rows, 1);
    const paid = `¥${formatFen(before.dueFen)}`;
    await rows.getByTestId('period-paid').filter({ hasText: paid }).waitFor();
    expect((await rows.getByTestId('period-overdue').textContent())?.trim()).toBe('¥0.00');
    const row = await rows.textContent();
    expect(row).toContain('2026-11-20');
    expect(row).toContain('ZS-E2E-0001');

    await unit.context.close();
    await reviewer.context.close();
  });
});
