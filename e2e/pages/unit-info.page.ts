/** Page object for the unit information page and its change dialogs. */
import type { Page } from 'playwright-core';

export class UnitInfoPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-unitInfo').click();
    await this.page.getByTestId('unit-name').waitFor();
  }

  fact(id: 'bankCategory' | 'bankBranch' | 'accountName' | 'accountNumber' | 'contactName') {
    return this.page.getByTestId(`unit-${id}`).locator('dd');
  }

  /** Submits a new account, the branch found by typing `search` and picking the option that contains `branchName`. */
  async changeBankAccount(search: string, branchName: string, accountNumber: string): Promise<void> {
    await this.page.getByTestId('unit-bank-change').click();
    await this.page.getByTestId('bank-branch').pressSequentially(search);
    await this.page.getByTestId('bank-branch-option').filter({ hasText: branchName }).click();
    await this.page.getByTestId('bank-account-number').fill(accountNumber);
    await this.page.getByTestId('bank-submit').click();
    await this.page.getByTestId('unit-pending-change').waitFor();
  }
}
