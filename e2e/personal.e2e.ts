/**
 * The personal hall at phone width (390×844): an employee of unit 1 registers as a person through the
 * CAPTCHA (its answer from the test-only hook), signs in on the 个人 tab, lands in the personal shell at
 * /me and sees their own insurance, employer and payment details, with no horizontal scroll; a unit URL
 * sends them back to /me.
 */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall } from './pages/hall.page';
import { api } from './support/api';
import { world } from './support/global';
import { text } from './support/i18n';

const PASSWORD = 'Harbour2026x';

async function nextCaptchaAnswer(page: Page): Promise<string> {
  const response = await page.waitForResponse((r) => new URL(r.url()).pathname === '/api/registrations/captcha');
  return ((await response.json()) as { testAnswer: string }).testAnswer;
}

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the personal hall at phone width', () => {
  it('registers an employee of unit 1 as a person, who signs in and sees their own records', async () => {
    // An employee of unit 1 with payment details, as the unit's administrator finds them.
    const admin = await openHall();
    await new LoginPage(admin.page).asUnitAdmin(DEMO_UNITS[0].creditCode, DEMO_PASSWORDS.unitAdmin);
    await admin.page.getByTestId('toolbar-unit-name').waitFor();
    const { items } = await api<{ items: { idNumber: string; name: string }[] }>(admin.context, 'GET', '/api/payments/details?pageSize=1');
    const employee = items[0];
    await admin.context.close();

    const context = await world.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(world.server.baseUrl + '/login');
    await page.getByTestId('login-tab-person').click();
    const captcha = nextCaptchaAnswer(page);
    await page.getByTestId('login-person-register').click();
    await page.getByTestId('person-register-real-name').waitFor();
    expect(await scrollsSideways(page))
      .withContext('registration page')
      .toBeFalse();
    await page.getByTestId('person-register-name').fill(employee.name);
    await page.getByTestId('person-register-id-number').fill(employee.idNumber);
    await page.getByTestId('person-register-mobile').fill('13700000431');
    await page.getByTestId('person-register-password').fill(PASSWORD);
    await page.getByTestId('person-register-confirmation').fill(PASSWORD);
    await page.getByTestId('person-register-captcha-answer').fill(await captcha);
    await page.getByTestId('person-register-submit').click();
    await page.getByTestId('person-register-done').waitFor();

    await page.getByTestId('person-register-to-login').click();
    await page.getByTestId('login-tab-person').click();
    await page.getByTestId('login-person-id-number').fill(employee.idNumber);
    await page.getByTestId('login-person-password').fill(PASSWORD);
    await page.getByTestId('login-person-submit').click();

    await page.getByTestId('personal-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/me');
    await page.getByTestId('personal-insurance-310').waitFor();
    expect(await page.getByTestId('personal-insurance-310').textContent()).toContain(DEMO_UNITS[0].name);
    expect(await page.getByTestId('personal-employments').textContent()).toContain(DEMO_UNITS[0].name);
    expect(await page.getByTestId('personal-payments').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('personal-payments-total').textContent()).toContain('¥');
    // The unit's shell never shows.
    expect(await page.getByTestId('nav-insured').count()).toBe(0);
    expect(await scrollsSideways(page))
      .withContext('records page')
      .toBeFalse();

    // A filter by months goes into the URL, and the server answers it.
    await page.getByTestId('personal-payments-from').fill('202610');
    await page.getByTestId('personal-payments-to').fill('202610');
    await page.getByTestId('personal-payments-filter').click();
    await page.waitForURL((url) => url.searchParams.get('from') === '202610');
    await page.getByTestId('personal-payments').locator('li', { hasText: '2026' }).first().waitFor();

    // A unit page sends the person back to /me.
    await page.goto(world.server.baseUrl + '/insured');
    await page.getByTestId('personal-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/me');
    expect(await page.getByTestId('personal-title').textContent()).toContain(text('zh-CN', 'personal.title'));
    await context.close();
  });
});
