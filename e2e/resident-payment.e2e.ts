/**
 * The personal hall's payment at phone width (390 px), through the sandbox acquirer running as its own
 * process: the "done when" of #14. The hall runs on a clock started at 20 Nov 2026, 10:00 in Shanghai: the
 * 2027 collection period is open, 2026 is paid outside it.
 *
 * Every step is taken on screen: person registration and sign-in, the family, resident registration, the
 * reviewer's console, pay steps 1–6 at /me/pay, the sandbox's pay page, the result, the records and the receipt.
 * Each personal page is checked for sideways scrolling at 390 px.
 */
import jsQR from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORDS, DEMO_PERSONS, DEMO_REVIEWER } from '../server/src/db/seeds/demo';
import { idNumberBornOn } from '../server/test/residents';
import { world } from './support/global';
import { startHallServer, type HallServer } from './support/hall-server';
import { text } from './support/i18n';
import { waitForCount } from './support/wait';
import { pdfImages, printToA4Pdf } from './support/pdf';

const CLOCK_START = '2026-11-20T02:00:00.000Z';
const PHONE = { width: 390, height: 844 };
/** The demo configuration's standard contributions (domain.md): 2026 — 400 yuan, 2027 — 420 yuan. */
const PARENT = { name: '郑晓燕', idNumber: idNumberBornOn('1992-04-18', 611), mobile: '13600000611', password: 'Harbor2026x' };
/** Born 50 days before the clock's day: still a newborn (90 days). */
const CHILD = { name: '郑小禾', idNumber: idNumberBornOn('2026-10-01', 612) };

/** Each spec walks a whole flow through two processes and a browser on a busy machine. */
const FLOW_TIMEOUT_MS = 240_000;

let server: HallServer;

beforeAll(async () => {
  server = await startHallServer({ env: { TEST_CLOCK_START: CLOCK_START } });
}, 120_000);
afterAll(async () => server?.stop());

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return { context, page: await context.newPage() };
}

async function signInPerson(page: Page, idNumber: string, password: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-tab-person').click();
  await page.getByTestId('login-person-id-number').fill(idNumber);
  await page.getByTestId('login-person-password').fill(password);
  await page.getByTestId('login-person-submit').click();
  await page.waitForURL(`${server.baseUrl}/me`);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const { scrollWidth, clientWidth } = document.documentElement;
    return { scrollWidth, clientWidth };
  });
  expect(scrollWidth).withContext(page.url()).toBeLessThanOrEqual(clientWidth);
  expect(clientWidth).toBeLessThanOrEqual(PHONE.width);
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Steps 1–6 on screen at /me/pay: the person (`pick` clicks their button), their registration and type, the year,
 * daily or special, the amount (text, nothing to type), the confirmation in the seeds' wording. Answers the order's id.
 */
async function payThroughSteps(
  page: Page,
  pick: (page: Page) => Promise<void>,
  expected: { year: number; mode: 'daily' | 'special'; maskedName: string; amountYuan: string; checkAmountStep?: (page: Page) => Promise<void> },
): Promise<number> {
  await page.goto(`${server.baseUrl}/me/pay`);
  await page.getByTestId('pay-step-person').waitFor();
  await noSidewaysScroll(page);
  await pick(page);
  await page.getByTestId('pay-payee').waitFor();
  expect(await page.getByTestId('pay-registration').textContent()).toContain(text('zh-CN', 'residents.registrationStatus.approved'));
  expect(await page.getByTestId('pay-insurance').textContent()).toContain(text('zh-CN', 'enums.insuranceType.390'));
  await noSidewaysScroll(page);
  await page
    .getByTestId('pay-year')
    .filter({ hasText: text('zh-CN', 'residents.pay.year').replace('{{year}}', String(expected.year)) })
    .click();
  await page.getByTestId(`pay-mode-${expected.mode}`).click();
  await page.getByTestId('pay-amount').waitFor();
  expect(await page.getByTestId('pay-amount').textContent()).toContain(expected.amountYuan);
  // The amount is the agency's: nothing on the step takes input.
  expect(await page.getByTestId('pay-step-amount').locator('input, textarea, select, [contenteditable=true]').count()).toBe(0);
  await expected.checkAmountStep?.(page);
  await noSidewaysScroll(page);
  await page.getByTestId('pay-next').click();
  await page.getByTestId('pay-confirm-text').waitFor();
  expect((await page.getByTestId('pay-confirm-text').textContent())!.trim()).toBe(
    text('zh-CN', 'residents.pay.confirmText').replace('{{name}}', expected.maskedName).replace('{{amount}}', expected.amountYuan),
  );
  await noSidewaysScroll(page);
  await page.getByTestId('pay-confirm').click();
  await page.waitForURL((url) => /\/me\/pay\/orders\/\d+$/.test(url.pathname));
  return Number(new URL(page.url()).pathname.split('/').pop());
}

/**
 * Steps 7–8 on screen: the order page, the sandbox's own pay page, back to the order page, which shows the
 * result the hall learned from the channel. Answers the order's id.
 */
async function payOnSandbox(page: Page, orderId: number, amountYuan: string): Promise<void> {
  await page.goto(`${server.baseUrl}/me/pay/orders/${orderId}`);
  await page.getByTestId('pay-button').click();
  await page.waitForURL((url) => url.href.startsWith(server.sandboxUrl));
  expect(await page.locator('.amount').textContent()).toBe(`¥${amountYuan}`);
  await noSidewaysScroll(page);
  await page.getByRole('button', { name: `Pay ¥${amountYuan}` }).click();
  await page.waitForURL(`${server.baseUrl}/me/pay/orders/${orderId}`);
  await page.getByTestId('pay-order-paid').waitFor();
  expect(await page.getByTestId('pay-order-status').textContent()).toContain(text('zh-CN', 'payment.statuses.paid'));
  await page.getByTestId('pay-order-record').waitFor();
  await noSidewaysScroll(page);
}

describe('resident payment at phone width', () => {
  it(
    'a parent registers, adds a newborn child, registers the child (a reviewer approves), pays for the child and for themselves, and prints a receipt whose QR code verifies signed out',
    async () => {
      const parent = await phone();
      const { page } = parent;
      // Person registration, on screen (the CAPTCHA's answer comes with its picture under NODE_ENV=test).
      const captcha = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/registrations/captcha');
      await page.goto(`${server.baseUrl}/person/register`);
      const { testAnswer } = (await (await captcha).json()) as { testAnswer: string };
      await page.getByTestId('person-register-name').fill(PARENT.name);
      await page.getByTestId('person-register-id-number').fill(PARENT.idNumber);
      await page.getByTestId('person-register-mobile').fill(PARENT.mobile);
      await page.getByTestId('person-register-password').fill(PARENT.password);
      await page.getByTestId('person-register-confirmation').fill(PARENT.password);
      await page.getByTestId('person-register-captcha-answer').fill(testAnswer);
      await noSidewaysScroll(page);
      await page.getByTestId('person-register-submit').click();
      await page.getByTestId('person-register-done').waitFor();
      await signInPerson(page, PARENT.idNumber, PARENT.password);

      await noSidewaysScroll(page);

      // The family: the newborn child added by name and ID number.
      await page.getByTestId('personal-nav-family').click();
      await page.waitForURL(`${server.baseUrl}/me/family`);
      await page.getByTestId('family-name').fill(CHILD.name);
      await page.getByTestId('family-id-number').fill(CHILD.idNumber);
      await page.getByTestId('family-add').click();
      const member = page.getByTestId('family-member');
      await waitForCount(member, 1);
      expect(await member.textContent()).toContain(`${[...CHILD.name][0]}**`);
      await noSidewaysScroll(page);

      // Resident registration: the member's link names the child; then the parent registers themselves.
      const submitted = (): Promise<{ id: number }> =>
        page
          .waitForResponse((r) => new URL(r.url()).pathname === '/api/me/resident-registrations' && r.request().method() === 'POST')
          .then(async (r) => {
            expect(r.status()).toBe(201);
            return (await r.json()) as { id: number };
          });
      await member.getByRole('link', { name: text('zh-CN', 'family.register') }).click();
      await page.waitForURL((url) => url.pathname === '/me/resident-registration');
      // The child is chosen once the family list has come.
      await page.getByTestId('registration-person').filter({ hasText: '郑**' }).waitFor();
      await choose(page, 'registration-category', text('zh-CN', 'residents.categories.child'));
      await choose(page, 'registration-region', text('zh-CN', 'residents.regions.350100'));
      await page.getByTestId('registration-address').fill('福建省福州市鼓楼区五一北路 1 号');
      await page.getByTestId('registration-mobile').fill(PARENT.mobile);
      await noSidewaysScroll(page);
      const childSubmitted = submitted();
      await page.getByTestId('registration-submit').click();
      const childRegistration = await childSubmitted;
      await waitForCount(page.getByTestId('registration-row'), 1);
      await choose(page, 'registration-person', text('zh-CN', 'residents.self'));
      await choose(page, 'registration-category', text('zh-CN', 'residents.categories.adult'));
      const ownSubmitted = submitted();
      await page.getByTestId('registration-submit').click();
      const ownRegistration = await ownSubmitted;
      await waitForCount(page.getByTestId('registration-row'), 2);
      await noSidewaysScroll(page);

      // The reviewer, in a browser of their own, approves both in the review console.
      const reviewerContext = await world.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const reviewerPage = await reviewerContext.newPage();
      await reviewerPage.goto(`${server.baseUrl}/login`);
      await reviewerPage.getByTestId('login-tab-reviewer').click();
      await reviewerPage.getByTestId('login-reviewer-username').fill(DEMO_REVIEWER.username);
      await reviewerPage.getByTestId('login-reviewer-password').fill(DEMO_PASSWORDS.reviewer);
      await reviewerPage.getByTestId('login-reviewer-submit').click();
      await reviewerPage.waitForURL(`${server.baseUrl}/review`);
      await reviewerPage.getByTestId('nav-reviewConsole').click();
      await choose(reviewerPage, 'review-kind', text('zh-CN', 'enums.submissionKind.resident-registration'));
      for (const registration of [childRegistration, ownRegistration]) {
        const row = reviewerPage.locator(`[data-testid="review-row"][data-submission-id="${registration.id}"]`);
        await waitForCount(row, 1);
        await row.getByTestId('review-approve').click();
        await reviewerPage.getByTestId('review-decision-confirm').click();
        await waitForCount(row, 0);
      }
      await page.reload();
      await page.getByTestId('registration-status').first().waitFor();
      expect(await page.getByTestId('registration-status').allTextContents()).toEqual(
        Array(2).fill(text('zh-CN', 'residents.registrationStatus.approved')),
      );

      // Steps 1–6 for the child (a newborn: no waiting period), then 7–8 on the sandbox.
      const childOrderId = await payThroughSteps(page, (p) => p.getByTestId('pay-member').click(), {
        year: 2027,
        mode: 'daily',
        maskedName: `${[...CHILD.name][0]}**`,
        amountYuan: '420.00',
      });
      await payOnSandbox(page, childOrderId, '420.00');
      expect(await page.getByTestId('pay-order-person').textContent()).toContain(`${[...CHILD.name][0]}**`);

      const ownOrderId = await payThroughSteps(page, (p) => p.getByTestId('pay-self').click(), {
        year: 2027,
        mode: 'daily',
        maskedName: `${[...PARENT.name][0]}**`,
        amountYuan: '420.00',
      });
      await payOnSandbox(page, ownOrderId, '420.00');

      // Their own records at /me now show resident insurance.
      await page.getByTestId('personal-nav-records').click();
      await page.getByTestId('personal-insurance-390').waitFor();
      await noSidewaysScroll(page);
      await page.goto(`${server.baseUrl}/me/pay/orders/${ownOrderId}`);

      // The payment records: both years' payments, the child's and their own.
      await page.getByTestId('pay-order-history').click();
      await page.waitForURL(`${server.baseUrl}/me/resident-payments`);
      await expectCount(page, 'history-item', 2);
      await noSidewaysScroll(page);

      // The electronic payment receipt of the child's payment, printed; its QR code read back from the PDF.
      await page.goto(`${server.baseUrl}/me/receipts/${childOrderId}/print`);
      const code = (await page.getByTestId('payment-receipt-code').textContent())!.trim();
      expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
      await page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid=print-qr]')?.complete);
      const decoded = pdfImages(await printToA4Pdf(page))
        .map((image) => jsQR(image.rgba, image.width, image.height)?.data)
        .filter((data) => data !== undefined);
      expect(decoded).toEqual([`${server.baseUrl}/verify?code=${code}&document=payment`]);
      await parent.context.close();
      await reviewerContext.close();

      // Someone signed out scans it: genuine, the child masked, the amount and year.
      const visitor = await phone();
      await visitor.page.goto(decoded[0]);
      await visitor.page.getByTestId('verify-genuine').waitFor();
      const facts = (await visitor.page.getByTestId('verify-facts').textContent())!;
      expect(facts).toContain(`${[...CHILD.name][0]}**`);
      expect(facts).toContain(`${CHILD.idNumber.slice(0, 6)}********${CHILD.idNumber.slice(-4)}`);
      expect(facts).not.toContain(CHILD.name);
      expect(await visitor.page.getByTestId('verify-payment-amount').textContent()).toContain('420.00');
      await noSidewaysScroll(visitor.page);
      await visitor.context.close();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows the waiting period of a payment made outside the collection period',
    async () => {
      const person = await phone();
      await signInPerson(person.page, DEMO_PERSONS[0].idNumber, DEMO_PASSWORDS.person);
      // Their own records at /me, with employment and payment rows, fit the phone's width.
      for (const section of ['personal-insurance', 'personal-employments', 'personal-payments']) await person.page.getByTestId(section).waitFor();
      await noSidewaysScroll(person.page);
      // 2026's collection period ended on 31 Dec 2025: paid on 20 Nov 2026, benefits start 3 months later.
      const waitingText = text('zh-CN', 'residents.pay.waiting').replace('{{months}}', '3').replace('{{date}}', '2027-02-20');
      const orderId = await payThroughSteps(person.page, (p) => p.getByTestId('pay-self').click(), {
        year: 2026,
        mode: 'daily',
        maskedName: '陈*',
        amountYuan: '400.00',
        checkAmountStep: async (p) => {
          expect(await p.getByTestId('pay-waiting').textContent()).toContain(waitingText);
          expect(await p.getByTestId('pay-benefit-start').textContent()).toBe('2027-02-20');
        },
      });
      const waiting = person.page.getByTestId('pay-order-waiting');
      await waiting.waitFor();
      expect(await waiting.textContent()).toContain(text('zh-CN', 'payment.waiting').replace('{{months}}', '3').replace('{{date}}', '2027-02-20'));
      expect(await person.page.getByTestId('pay-order-benefit-start').textContent()).toBe('2027-02-20');
      await payOnSandbox(person.page, orderId, '400.00');
      expect(await person.page.getByTestId('pay-order-waiting').isVisible()).toBeTrue();
      await person.context.close();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    "shows an assisted person's special payment at the reduced amount, which cannot be edited",
    async () => {
      // 黄海 is on the agency's assisted list (低保, subsistence) for 2027 in the demo data: 30 % of 420 yuan is 126 yuan.
      const person = await phone();
      await signInPerson(person.page, DEMO_PERSONS[1].idNumber, DEMO_PASSWORDS.person);
      // Steps 1–6: special payment is offered to them; the amount step shows 126 yuan as text, nothing to type.
      const orderId = await payThroughSteps(person.page, (p) => p.getByTestId('pay-self').click(), {
        year: 2027,
        mode: 'special',
        maskedName: '黄*',
        amountYuan: '126.00',
        checkAmountStep: async (p) => {
          expect(await p.getByTestId('pay-assisted-category').textContent()).toContain(text('zh-CN', 'assisted.categories.subsistence'));
        },
      });
      await person.page.getByTestId('pay-order-amount').waitFor();
      expect(await person.page.getByTestId('pay-order-amount').textContent()).toContain('126.00');
      expect(await person.page.getByTestId('pay-order-standard').textContent()).toContain('420.00');
      // Nothing on the order page takes an amount either.
      expect(await person.page.locator('input, textarea, [contenteditable=true]').count()).toBe(0);
      await payOnSandbox(person.page, orderId, '126.00');
      await person.context.close();
    },
    FLOW_TIMEOUT_MS,
  );
});

async function expectCount(page: Page, testId: string, count: number): Promise<void> {
  await page.waitForFunction(([id, n]) => document.querySelectorAll(`[data-testid="${id}"]`).length === n, [testId, count] as const);
}
