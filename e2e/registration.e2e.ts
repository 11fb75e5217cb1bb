/**
 * Unit registration in the browser: a new unit registers from the sign-in page through the CAPTCHA (its
 * answer read from the test-only hook of a hall started with NODE_ENV=test), cannot sign in while the
 * registration waits, the reviewer approves it beside the (empty) record, and its administrator signs in
 * and adds an employee.
 */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORDS, DEMO_REVIEWER } from '../server/src/db/seeds/demo';
import { LoginPage, openHall, Shell } from './pages/hall.page';
import { api } from './support/api';
import { text } from './support/i18n';
import { waitForCount } from './support/wait';

const UNIT = { creditCode: '91350100MA8RJ4N615', name: '福州榕树数据服务有限公司', password: 'Banyan2026x' };

/** The answer of the next CAPTCHA the page is shown, as the hall's test hook hands it out with the picture. */
async function nextCaptchaAnswer(page: Page): Promise<string> {
  const response = await page.waitForResponse((r) => new URL(r.url()).pathname === '/api/registrations/captcha');
  return ((await response.json()) as { testAnswer: string }).testAnswer;
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

describe('unit registration in a browser', () => {
  it('registers a new unit through the CAPTCHA; once approved its administrator signs in and adds an employee', async () => {
    const unit = await openHall();
    const { page } = unit;
    const firstCaptcha = nextCaptchaAnswer(page);
    await page.getByTestId('login-register').click();
    await page.getByTestId('registration-captcha-image').waitFor();

    await page.getByTestId('registration-credit-code').fill(UNIT.creditCode);
    await page.getByTestId('registration-unit-name').fill(UNIT.name);
    await choose(page, 'registration-unit-type', text('zh-CN', 'unitInfo.codes.unitType.enterprise'));
    await page.getByTestId('registration-address').fill('福建省福州市仓山区建新南路8号');
    await page.getByTestId('registration-legal-rep-name').fill('陈榕生');
    await page.getByTestId('registration-legal-rep-id-number').fill('350102198001010038');
    await page.getByTestId('registration-legal-rep-phone').fill('13906000001');
    await page.getByTestId('registration-contact-name').fill('林小榕');
    await page.getByTestId('registration-contact-phone').fill('13906000002');
    await page.getByTestId('registration-contact-email').fill('hr@banyan.example.cn');
    await choose(page, 'registration-bank-category', text('zh-CN', 'unitInfo.codes.bankCategory.ICBC'));
    await page.getByTestId('registration-bank-branch').pressSequentially('gsfzwy');
    await page.getByTestId('registration-bank-branch-option').filter({ hasText: '中国工商银行福州五一支行' }).click();
    await page.getByTestId('registration-bank-account-name').fill(UNIT.name);
    await page.getByTestId('registration-bank-account-number').fill('1402 0233 0920 0765 432');
    await page.getByTestId('registration-password').fill(UNIT.password);
    await page.getByTestId('registration-confirmation').fill(UNIT.password);

    // A wrong answer is refused under its field, and a new picture comes.
    expect(await firstCaptcha).toMatch(/^\w{5}$/);
    await page.getByTestId('registration-captcha-answer').fill('wrong');
    const secondCaptcha = nextCaptchaAnswer(page);
    await page.getByTestId('registration-submit').click();
    await page.getByText(text('zh-CN', 'fieldErrors.CAPTCHA_WRONG')).waitFor();
    await page.getByTestId('registration-captcha-answer').fill(await secondCaptcha);
    await page.getByTestId('registration-submit').click();
    const statusCode = (await page.getByTestId('registration-status-code').textContent())!.trim();
    expect(statusCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

    // The status page, with the credit code filled in: waiting for review.
    await page.getByTestId('registration-to-status').click();
    expect(await page.getByTestId('registration-status-credit-code').inputValue()).toBe(UNIT.creditCode);
    await page.getByTestId('registration-status-code-input').fill(statusCode);
    await page.getByTestId('registration-status-submit').click();
    expect((await page.getByTestId('registration-status-result').textContent())!.trim()).toContain(text('zh-CN', 'registration.status.pending'));

    // No sign-in before approval.
    await page.goto(new URL('/login', page.url()).toString());
    await new LoginPage(page).asUnitAdmin(UNIT.creditCode, UNIT.password);
    await page.getByText(text('zh-CN', 'errors.LOGIN_FAILED')).waitFor();

    const reviewer = await openHall();
    await new LoginPage(reviewer.page).asReviewer(DEMO_REVIEWER.username, DEMO_PASSWORDS.reviewer);
    await reviewer.page.getByTestId('nav-reviewConsole').click();
    await choose(reviewer.page, 'review-kind', text('zh-CN', 'enums.submissionKind.unit-registration'));
    const { items } = await api(reviewer.context, 'GET', '/api/review/submissions?kind=unit-registration');
    const row = reviewer.page.locator(`[data-testid="review-row"][data-submission-id="${items[0].id}"]`);
    await waitForCount(row, 1);
    expect(await row.textContent()).toContain(UNIT.name);
    await row.getByTestId('review-detail').click();
    expect((await reviewer.page.getByTestId('registration-path').textContent())!.trim()).toContain(text('zh-CN', 'registration.review.newUnit'));
    expect(await reviewer.page.getByTestId('change-table').textContent()).toContain('1402023309200765432');
    await reviewer.page.getByTestId('detail-approve').click();
    await reviewer.page.getByTestId('review-decision-confirm').click();
    await waitForCount(row, 0);
    await reviewer.context.close();

    await new LoginPage(page).asUnitAdmin(UNIT.creditCode, UNIT.password);
    await new Shell(page).unitName().filter({ hasText: UNIT.name }).waitFor();
    const registered = await api(unit.context, 'GET', '/api/unit');
    expect(registered.unitNumber).toMatch(/^3599\d{7}$/);

    await page.getByTestId('nav-additions').click();
    await page.getByTestId('addition-name').fill('王小明');
    await page.getByTestId('addition-idNumber').fill('350102196501017771');
    await choose(page, 'addition-hukouType', text('zh-CN', 'enums.hukouType.urban'));
    await page.getByTestId('addition-mobile').fill('13800138000');
    await page.getByTestId('addition-effectiveMonth').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('addition-wage').fill('6000');
    await page.getByTestId('addition-submit').click();
    await page.getByTestId('addition-confirm').click();
    await page.getByTestId('addition-success').waitFor();
    const { items: pending } = await api(unit.context, 'GET', '/api/submissions?queue=pending');
    expect(pending.map((s: { kind: string; personName: string }) => [s.kind, s.personName])).toEqual([['addition', '王小明']]);
    await unit.context.close();
  });
});
