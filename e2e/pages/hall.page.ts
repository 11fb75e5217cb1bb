/** Page objects for the sign-in page and the shell. */
import type { BrowserContext, Page } from 'playwright-core';
import type { Language } from '../../common/i18n';
import { world } from '../support/global';

export async function openHall(lang?: Language): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  if (lang) await context.addInitScript((l) => localStorage.setItem('unitHall.language', l), lang);
  await page.goto(world.server.baseUrl + '/');
  return { context, page };
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  async asUnitAdmin(creditCode: string, password: string): Promise<void> {
    await this.page.getByTestId('login-tab-unit').click();
    await this.page.getByTestId('login-unit-credit-code').fill(creditCode);
    await this.page.getByTestId('login-unit-password').fill(password);
    await this.page.getByTestId('login-unit-submit').click();
  }

  async asAgent(mobile: string, password: string): Promise<void> {
    await this.page.getByTestId('login-tab-agent').click();
    await this.page.getByTestId('login-agent-mobile').fill(mobile);
    await this.page.getByTestId('login-agent-password').fill(password);
    await this.page.getByTestId('login-agent-submit').click();
  }

  async asReviewer(username: string, password: string): Promise<void> {
    await this.page.getByTestId('login-tab-reviewer').click();
    await this.page.getByTestId('login-reviewer-username').fill(username);
    await this.page.getByTestId('login-reviewer-password').fill(password);
    await this.page.getByTestId('login-reviewer-submit').click();
  }
}

export class Shell {
  constructor(private readonly page: Page) {}

  unitName() {
    return this.page.getByTestId('toolbar-unit-name');
  }

  async switchLanguage(lang: Language): Promise<void> {
    await this.page.getByTestId('language-switcher').click();
    await this.page.getByTestId(`language-option-${lang}`).click();
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('logout').click();
    await this.page.getByTestId('login-unit-submit').or(this.page.getByTestId('login-tab-unit')).first().waitFor();
  }
}
