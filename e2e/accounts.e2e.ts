/** Accounts in a real browser: a new agent changes the initial password first; another unit's invitation binds only once accepted. */
import { DEMO_PASSWORDS, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { text } from './support/i18n';

const [unitA, unitB] = DEMO_UNITS;
/** A mobile nobody in the demo data has: the agent this spec creates. */
const NEWCOMER = '13900000061';

describe('accounts in a browser', () => {
  it('has a new agent change the initial password, then accept another unit’s invitation and work for it', async () => {
    for (const [unit, name] of [
      [unitA, '郑新'],
      [unitB, '郑欣'],
    ] as const) {
      const { context, page } = await openHall();
      await new LoginPage(page).asUnitAdmin(unit.creditCode, DEMO_PASSWORDS.unitAdmin);
      await page.getByTestId('nav-agents').click();
      await page.getByTestId('agent-name').fill(name);
      await page.getByTestId('agent-mobile').fill(NEWCOMER);
      await page.getByTestId('agent-password').fill('Start2026x');
      await page.getByTestId('agent-add').click();
      const status = page.locator(`[data-testid="agent-row"][data-mobile="${NEWCOMER}"] [data-testid="agent-status"]`);
      const expected = unit === unitA ? 'agents.statusActive' : 'agents.statusInvited';
      await status.filter({ hasText: text('zh-CN', expected) }).waitFor();
      await context.close();
    }

    const { context, page } = await openHall();
    await new LoginPage(page).asAgent(NEWCOMER, 'Start2026x');
    await page.getByTestId('change-password-required').waitFor();
    await page.getByTestId('current-password').fill('Start2026x');
    await page.getByTestId('new-password').fill('Harbour7Lantern');
    await page.getByTestId('new-password-confirmation').fill('Harbour7Lantern');
    await page.getByTestId('change-password-submit').click();

    // Straight on to the invitation: accepted, it offers unit B beside unit A.
    await page.getByTestId('invitation').filter({ hasText: unitB.name }).waitFor();
    await page.getByTestId('invitation-accept').click();
    await page.getByTestId('unit-option').nth(1).waitFor();
    expect(await page.getByTestId('invitation').count()).toBe(0);
    await page.getByTestId('unit-option').filter({ hasText: unitB.name }).click();
    await new Shell(page).unitName().filter({ hasText: unitB.name }).waitFor();
    await new Shell(page).logout();
    await context.close();
  });
});
