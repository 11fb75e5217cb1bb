/**
 * Messages and to-dos in the browser: a reviewer's rejection reaches the unit as a message (the toolbar's
 * unread count) and as a to-do on the home page; the unit corrects it from the message, its data filled in,
 * and the correction waits in the pending queue with the corrected wage.
 */
import { addMonths, currentFeePeriod } from '../common/fee-period';
import { idNumberCheckChar } from '../common/validators/id-number';
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { text } from './support/i18n';
import { waitForCount } from './support/wait';

const unitA = DEMO_UNITS[0];
/** Born 1962: no seeded person is, nor anyone another spec adds. */
const idNumber = (() => {
  const first17 = '35010219620101051';
  return first17 + idNumberCheckChar(first17);
})();
const NAME = '更正人';
const REASON = '工资低于劳动合同约定';

describe('messages and to-dos in a browser', () => {
  it('brings a rejected addition to the unit as a message and a to-do, corrected and submitted again from there', async () => {
    const unit = await openHall();
    const page = unit.page;
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    // Whatever other specs left unread: the count below is this spec's alone.
    await api(unit.context, 'POST', '/api/messages/read');
    const submitted = await api(unit.context, 'POST', '/api/additions', {
      name: NAME,
      idType: '01',
      idNumber,
      hukouType: 'urban',
      mobile: '13912345678',
      effectiveMonth: addMonths(currentFeePeriod(new Date()), 1),
      wageFen: 300_000,
      personnelCategory: 'in_service',
    });

    // The reviewer rejects it, with the reason.
    const reviewer = await openHall();
    await new LoginPage(reviewer.page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    await reviewer.page.getByTestId('nav-reviewConsole').click();
    const row = reviewer.page.getByTestId('review-row').filter({ hasText: NAME });
    await waitForCount(row, 1);
    await row.getByTestId('review-reject').click();
    await reviewer.page.getByTestId('review-reason').fill(REASON);
    await reviewer.page.getByTestId('review-decision-confirm').click();
    await waitForCount(row, 0);

    // The unit's toolbar counts it as it moves on; the home page lists the to-do.
    await page.getByTestId('nav-insured').click();
    await page.waitForURL('**/insured');
    await page.getByTestId('nav-home').click();
    const badge = page.getByTestId('toolbar-messages').locator('.mat-badge-content');
    await page.waitForFunction(() => document.querySelector('[data-testid="toolbar-messages"] .mat-badge-content')?.textContent?.trim() === '1');
    expect(await badge.textContent()).toBe('1');
    const toDo = page.getByTestId('home-rejected-item').filter({ hasText: NAME });
    await waitForCount(toDo, 1);
    expect(await toDo.textContent()).toContain(REASON);

    // The message, worded from its kind and parameters, leads to the correction.
    await page.getByTestId('toolbar-messages').click();
    const message = page.getByTestId('message-row').filter({ hasText: NAME });
    await waitForCount(message, 1);
    const kind = text('zh-CN', 'enums.submissionKind.addition');
    expect((await message.getByTestId('message-text').textContent())!.trim()).toBe(
      text('zh-CN', 'messages.kinds.submission-rejected').replace('{{person}}', NAME).replace('{{kind}}', kind).replace('{{reason}}', REASON),
    );
    await message.getByTestId('message-read').click();
    await waitForCount(message.getByTestId('message-read'), 0);
    await waitForCount(page.getByTestId('toolbar-messages').locator('.mat-badge-hidden'), 1);

    await message.getByTestId('message-correct').click();
    await page.getByTestId('correction-notice').waitFor();
    expect(await page.getByTestId('correction-notice').textContent()).toContain(REASON);
    const name = page.locator('[data-testid="addition-name"]');
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="addition-name"]')?.value === '更正人');
    expect(await name.inputValue()).toBe(NAME);
    expect(await page.locator('[data-testid="addition-idNumber"]').inputValue()).toBe(idNumber);
    expect(await page.locator('[data-testid="addition-wage"]').inputValue()).toBe('3000.00');
    await page.locator('[data-testid="addition-wage"]').fill('6500');
    await page.getByTestId('addition-submit').click();
    await page.getByTestId('addition-confirm').click();
    await page.getByTestId('addition-success').waitFor();

    // The correction waits for review with the corrected wage, and refers to the rejected one; the to-do is done.
    await page.getByTestId('addition-queue-link').click();
    const pending = page.getByTestId('queue-row').filter({ hasText: NAME });
    await waitForCount(pending, 1);
    await pending.getByTestId('queue-detail').click();
    await page.getByTestId('submission-detail').filter({ hasText: '6,500.00' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('detail-close').click();
    const corrected = await api(unit.context, 'GET', `/api/submissions?queue=pending&q=${idNumber}`);
    expect(corrected.items.map((s: { correctsId: number | null; payload: { wageFen: number } }) => [s.correctsId, s.payload.wageFen])).toEqual([
      [submitted.id, 650_000],
    ]);
    await page.getByTestId('nav-home').click();
    await page.getByTestId('home-period').waitFor();
    expect(await page.getByTestId('home-rejected-item').filter({ hasText: NAME }).count()).toBe(0);

    await unit.context.close();
    await reviewer.context.close();
  }, 120_000);
});
