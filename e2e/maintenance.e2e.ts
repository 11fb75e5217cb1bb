/**
 * Maintenance in the browser: the unit administrator changes the bank account with a branch found by its
 * pinyin initials, the reviewer approves it and the unit sees the new account; an agent the administrator
 * disables is signed out at their next click.
 */
import { DEMO_PASSWORDS, DEMO_REVIEWER, DEMO_UNITS } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { UnitInfoPage } from './pages/unit-info.page';
import { api } from './support/api';
import { text } from './support/i18n';
import { waitForCount } from './support/wait';

const [unitA, unitB] = DEMO_UNITS;

describe('maintenance in a browser', () => {
  it('changes the bank account to a branch found by abbreviation, approved by the reviewer', async () => {
    const unit = await openHall();
    await new LoginPage(unit.page).asUnitAdmin(unitA.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(unit.page).unitName().waitFor();
    const info = new UnitInfoPage(unit.page);
    await info.open();

    await info.changeBankAccount('gsfzwy', '中国工商银行福州五一支行', '1402 0233 0920 0123 456');
    expect(await unit.page.getByTestId('unit-pending-change').textContent()).toContain(text('zh-CN', 'maintenance.pending.bank-account-change'));
    expect(await unit.page.getByTestId('unit-bank-change').isDisabled()).toBeTrue();
    const { pendingChanges } = await api(unit.context, 'GET', '/api/unit');
    const changeId: number = pendingChanges[0].id;

    const reviewer = await openHall();
    await new LoginPage(reviewer.page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    await reviewer.page.getByTestId('nav-reviewConsole').click();
    await reviewer.page.getByTestId('review-kind').click();
    await reviewer.page.getByRole('option', { name: text('zh-CN', 'enums.submissionKind.bank-account-change') }).click();
    const row = reviewer.page.locator(`[data-testid="review-row"][data-submission-id="${changeId}"]`);
    await waitForCount(row, 1);
    expect(await row.textContent()).toContain(unitA.name);
    await row.getByTestId('review-detail').click();
    expect(await reviewer.page.getByTestId('change-table').textContent()).toContain('1402023309200123456');
    await reviewer.page.getByTestId('detail-approve').click();
    await reviewer.page.getByTestId('review-decision-confirm').click();
    await waitForCount(row, 0);
    await reviewer.context.close();

    await unit.page.reload();
    await info.fact('bankBranch').filter({ hasText: '中国工商银行福州五一支行' }).waitFor();
    expect(await info.fact('bankCategory').textContent()).toContain(text('zh-CN', 'unitInfo.codes.bankCategory.ICBC'));
    expect(await info.fact('accountName').textContent()).toContain(unitA.name);
    // The administrator sees the whole number; an agent would see only its last four digits.
    expect((await info.fact('accountNumber').textContent())!.trim()).toBe('1402023309200123456');
    expect(await unit.page.getByTestId('unit-pending-change').count()).toBe(0);
    await unit.context.close();
  });

  it('signs out an agent the administrator disables at their next click, saying why', async () => {
    const agentOfB = unitB.agents[0];
    const agent = await openHall();
    await new LoginPage(agent.page).asAgent(agentOfB.mobile, DEMO_PASSWORDS.agent);
    await new Shell(agent.page).unitName().filter({ hasText: unitB.name }).waitFor();

    const admin = await openHall();
    await new LoginPage(admin.page).asUnitAdmin(unitB.creditCode, DEMO_PASSWORDS.unitAdmin);
    await new Shell(admin.page).unitName().waitFor();
    await admin.page.getByTestId('nav-agents').click();
    const agentRow = admin.page.locator(`[data-testid="agent-row"][data-mobile="${agentOfB.mobile}"]`);
    await agentRow.getByTestId('agent-disable').click();
    await admin.page.getByTestId('confirm-ok').click();
    await agentRow.filter({ hasText: text('zh-CN', 'agents.statusDisabled') }).waitFor();

    await agent.page.getByTestId('nav-insured').click();
    await agent.page.getByTestId('login-tab-agent').waitFor();
    await agent.page.getByText(text('zh-CN', 'errors.ACCOUNT_DISABLED')).waitFor();
    expect(new URL(agent.page.url()).pathname).toBe('/login');

    // Other specs sign this agent in.
    const { items } = await api(admin.context, 'GET', '/api/agents');
    await api(admin.context, 'POST', `/api/agents/${items.find((a: { mobile: string }) => a.mobile === agentOfB.mobile).id}/enable`);
    await agent.context.close();
    await admin.context.close();
  });
});
