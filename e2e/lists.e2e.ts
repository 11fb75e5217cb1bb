/**
 * Lists keep their state in the URL: back, refresh and a shared link bring back the same filtered page, and a link
 * opened signed out leads there after signing in.
 */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORDS, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { world } from './support/global';
import { text } from './support/i18n';

const unitA = DEMO_UNITS[0];

/** The names on the page shown at `url`, once they are `expected` or after ten seconds of waiting for them. */
async function rowsAt(page: Page, url: RegExp, expected: string[]): Promise<string[]> {
  await page.waitForURL(url);
  let names: string[] = [];
  for (const until = Date.now() + 10_000; Date.now() < until; await page.waitForTimeout(200)) {
    // The name is the cell's own text, before any "pending" mark.
    names = await page
      .getByTestId('insured-row')
      .locator('td:first-child')
      .evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent?.trim() ?? ''));
    if (JSON.stringify(names) === JSON.stringify(expected)) break;
  }
  return names;
}

describe('a list’s state in the URL', () => {
  it('brings back a filtered, paged insured list on back, on refresh and through signing in', async () => {
    const { context, page } = await openHall();
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();

    // A start of an ID number shared by more than one page of active persons, and fewer than all of them.
    const all = await api(context, 'GET', '/api/insured-persons?status=active&pageSize=1');
    let q: string = all.items[0].idNumber.slice(0, 8);
    while ((await api(context, 'GET', `/api/insured-persons?status=active&q=${q}&pageSize=1`)).total <= 20) q = q.slice(0, -1);
    const matching = await api(context, 'GET', `/api/insured-persons?status=active&q=${q}&page=1&pageSize=20`);
    const secondPage = matching.items.map((person: { name: string }) => person.name);
    expect(secondPage.length).toBeGreaterThan(0);

    await page.getByTestId('nav-insured').click();
    await page.getByTestId('insured-row').first().waitFor();
    await page.getByTestId('insured-search').fill(q);
    await page.waitForURL(new RegExp(`q=${q}`));
    await page.getByTestId('insured-status').click();
    await page.getByRole('option', { name: text('zh-CN', 'enums.insuredStatus.active') }).click();
    await page.waitForURL(/status=active/);
    await page.getByRole('button', { name: /下一页|Next page/ }).click();
    const filtered = new RegExp(`/insured\\?q=${q}&status=active&page=2$`);
    expect(await rowsAt(page, filtered, secondPage)).toEqual(secondPage);

    // Away to another page of the hall, and back.
    await page.getByTestId('insured-print').click();
    await page.waitForURL(/\/print\/insured/);
    await page.goBack();
    expect(await rowsAt(page, filtered, secondPage)).toEqual(secondPage);
    expect(await page.getByTestId('insured-search').inputValue()).toBe(q);
    expect(await page.getByTestId('insured-status').innerText()).toBe(text('zh-CN', 'enums.insuredStatus.active'));

    await page.reload();
    expect(await rowsAt(page, filtered, secondPage)).toEqual(secondPage);
    expect(await page.getByTestId('insured-search').inputValue()).toBe(q);
    const shared = page.url();

    // The same link opened by someone signed out: the login page first, then the same list.
    const stranger = await world.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(shared);
    await strangerPage.waitForURL(/\/login\?next=/);
    await new LoginPage(strangerPage).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    expect(await rowsAt(strangerPage, filtered, secondPage)).toEqual(secondPage);

    await stranger.close();
    await context.close();
  }, 240_000);

  it('shows a failed list’s error instead of an empty list, and recovers on retry', async () => {
    const { context, page } = await openHall();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await new LoginPage(page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(page).unitName().waitFor();

    // The network drops every request for the insured list until the route is lifted.
    const insuredList = /\/api\/insured-persons(\?|$)/;
    await page.route(insuredList, (route) => route.abort('internetdisconnected'));
    await page.getByTestId('nav-insured').click();
    const failure = page.getByTestId('load-error');
    await failure.waitFor();
    expect(await failure.innerText()).toContain(text('zh-CN', 'notify.offline'));
    expect(await page.getByTestId('insured-row').count()).toBe(0);
    expect(await page.locator('mat-progress-bar').count()).toBe(0);
    expect(await page.locator('mat-paginator').count()).toBe(0);
    expect(await page.getByTestId('insured-empty').count()).toBe(0);

    await page.unroute(insuredList);
    await failure.getByRole('button', { name: text('zh-CN', 'common.retry') }).click();
    await page.getByTestId('insured-row').first().waitFor();
    expect(await failure.count()).toBe(0);
    expect(uncaught).toEqual([]);
    await context.close();
  }, 120_000);
});
