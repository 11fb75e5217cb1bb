/** The foundation in a real browser against the real server: each role signs in, languages switch, units stay apart. */
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
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
    await expectAsync(shell.unitName().textContent()).toBeResolvedTo(jasmine.stringContaining(unitA.name));
    await page.getByTestId('home-insured-count').waitFor();
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
    await expectAsync(shell.unitName().textContent()).toBeResolvedTo(jasmine.stringContaining(unitB.name));
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
    await page.getByTestId('review-unit-count').waitFor();
    expect(await page.getByTestId('review-unit-count').textContent()).toContain('2');
    expect(await page.getByTestId('toolbar-role').textContent()).toContain(text('zh-CN', 'roles.reviewer'));
    await new Shell(page).logout();
    await context.close();
  });

  it('speaks Chinese by default, switches to English and Spanish, and remembers the choice', async () => {
    const { context, page } = await openHall();
    await page.getByTestId('login-unit-submit').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByTestId('login-unit-submit').textContent()).toContain(text('zh-CN', 'login.submit'));

    const shell = new Shell(page);
    await shell.switchLanguage('en');
    await expectAsync(page.getByTestId('login-tab-agent').textContent()).toBeResolvedTo(
      jasmine.stringContaining(text('en', 'login.role.agent')),
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await page.getByTestId('login-unit-submit').waitFor();
    expect(await page.getByTestId('login-tab-agent').textContent()).toContain(text('en', 'login.role.agent'));

    await new LoginPage(page).asUnitAdmin(unitA.creditCode, 'wrong-password-1');
    await expectAsync(page.getByTestId('login-error').first().textContent()).toBeResolvedTo(
      jasmine.stringContaining(text('en', 'errors.LOGIN_FAILED')),
    );

    await shell.switchLanguage('es');
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await page.getByTestId('home-insured-count').waitFor();
    expect(await page.getByTestId('nav-home').textContent()).toContain(text('es', 'nav.home'));
    expect(await page.getByTestId('logout').textContent()).toContain(text('es', 'shell.logout'));
    await context.close();
  });
});
