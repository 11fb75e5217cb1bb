/** The foundation in a real browser against the real server: each role signs in, languages switch, units stay apart. */
import { DEMO_PASSWORDS, DEMO_RECORDED_UNITS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { text } from './support/i18n';

const [unitA, unitB] = DEMO_UNITS;
const agentOfA = unitA.agents[0];
const agentOfBoth = unitA.agents[1];
const agentOfB = unitB.agents[0];

describe('the hall in a browser', () => {
  it('signs a unit administrator in to the home page of their unit, lists only its agents, and signs out', async () => {
    const { context, page } = await openHall();
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    const shell = new Shell(page);
    await shell.unitName().filter({ hasText: unitA.name }).waitFor();
    await page.getByTestId('home-insured-count').waitFor();
    await page.getByTestId('home-insured-count').filter({ hasText: /\d/ }).waitFor();
    const insured = Number((await page.getByTestId('home-insured-count').textContent())!.replace(/\D/g, ''));
    expect(insured).toBeGreaterThan(200);
    expect(await page.getByTestId('home-due-this-month').textContent()).toMatch(/¥\s?[\d,]+\.\d{2}/);

    await page.getByTestId('nav-agents').click();
    await page.getByTestId('agent-row').first().waitFor();
    const table = await page.getByTestId('agents-table').textContent();
    expect(table).toContain(agentOfA.mobile);
    expect(table).toContain(agentOfBoth.mobile);
    expect(table).not.toContain(agentOfB.mobile);

    await shell.logout();
    await page.goto(page.url().replace(/\/[^/]*$/, '/agents'));
    await page.getByTestId('login-tab-unit').waitFor();
    await context.close();
  });

  it('lets an agent of two units pick one, and shows that unit only', async () => {
    const { context, page } = await openHall();
    await new LoginPage(page).asAgent(agentOfBoth.mobile, DEMO_PASSWORDS.agent);
    const options = page.getByTestId('unit-option');
    await options.first().waitFor();
    expect(await options.count()).toBe(2);
    await options.filter({ hasText: unitB.name }).click();
    const shell = new Shell(page);
    await shell.unitName().filter({ hasText: unitB.name }).waitFor();
    await page.getByTestId('home-insured-count').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(unitA.name);
    // Agents are managed by the administrator only.
    expect(await page.getByTestId('nav-agents').count()).toBe(0);
    await shell.logout();
    await context.close();
  });

  it("keeps unit A's data from unit B's administrator, even asked for directly", async () => {
    const a = await openHall();
    await new LoginPage(a.page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(a.page).unitName().waitFor();
    const agentIdOfA: number = await a.page.evaluate(
      async (mobile) => (await (await fetch('/api/agents')).json()).items.find((x: { mobile: string }) => x.mobile === mobile).id,
      agentOfA.mobile,
    );
    await a.context.close();

    const { context, page } = await openHall();
    await new LoginPage(page).asUnitAdmin(unitB.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();
    await page.getByTestId('nav-agents').click();
    await page.getByTestId('agent-row').first().waitFor();
    expect(await page.getByTestId('agents-table').textContent()).not.toContain(agentOfA.mobile);

    const status = await page.evaluate(async (id) => {
      const xsrf = decodeURIComponent(/XSRF-TOKEN=([^;]+)/.exec(document.cookie)![1]);
      const res = await fetch(`/api/agents/${id}/disable`, { method: 'POST', headers: { 'X-XSRF-TOKEN': xsrf } });
      return res.status;
    }, agentIdOfA);
    expect(status).toBe(404);
    await context.close();
  });

  it('signs the reviewer in to the review home across units', async () => {
    const { context, page } = await openHall();
    await new LoginPage(page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    // Every unit of the agency's: the seed's units with accounts and those only on record, and any unit an
    // earlier spec registered on this hall.
    const seeded = DEMO_UNITS.length + DEMO_RECORDED_UNITS.length;
    await page.getByTestId('review-unit-count').filter({ hasText: /\d/ }).waitFor();
    const shown = Number((await page.getByTestId('review-unit-count').innerText()).match(/\d+/)![0]);
    expect(shown).toBeGreaterThanOrEqual(seeded);
    await page
      .getByTestId('toolbar-role')
      .filter({ hasText: text('zh-CN', 'roles.reviewer') })
      .waitFor();
    await new Shell(page).logout();
    await context.close();
  });

  it('speaks Chinese by default, switches to English and Spanish, and remembers the choice', async () => {
    const { context, page } = await openHall();
    await page.getByTestId('login-unit-submit').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page
      .getByTestId('login-unit-submit')
      .filter({ hasText: text('zh-CN', 'login.submit') })
      .waitFor();

    const shell = new Shell(page);
    await shell.switchLanguage('en');
    // Translations arrive over HTTP: wait for the English text rather than reading it at once.
    await page
      .getByTestId('login-tab-agent')
      .filter({ hasText: text('en', 'login.role.agent') })
      .waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await page.getByTestId('login-unit-submit').waitFor();
    await page
      .getByTestId('login-tab-agent')
      .filter({ hasText: text('en', 'login.role.agent') })
      .waitFor();

    await new LoginPage(page).asUnitAdmin(unitA.creditCode, 'wrong-password-1');
    await page
      .getByTestId('login-error')
      .filter({ hasText: text('en', 'errors.LOGIN_FAILED') })
      .first()
      .waitFor();

    await shell.switchLanguage('es');
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await page.getByTestId('home-insured-count').waitFor();
    await page
      .getByTestId('nav-home')
      .filter({ hasText: text('es', 'nav.home') })
      .waitFor();
    await page
      .getByTestId('logout')
      .filter({ hasText: text('es', 'shell.logout') })
      .waitFor();
    await context.close();
  });
});
