/**
 * The personal hall's payment at phone width (390 px), through the sandbox acquirer running as its own
 * process: the "done when" of #14. The hall runs on a clock started at 20 Nov 2026, 10:00 in Shanghai: the
 * 2027 collection period is open, 2026 is paid outside it.
 *
 * Steps the branches of `person` and `residents` serve on screen are taken on screen where those pages exist
 * (person registration, sign-in); the family, resident registration and steps 1–6 pages are not merged yet, so
 * those steps go through the same API calls their pages make (marked below), from the same signed-in browser.
 */
import jsQR from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORDS, DEMO_PERSONS, DEMO_REVIEWER } from '../server/src/db/seeds/demo';
import { idNumberBornOn } from '../server/test/residents';
import { world } from './support/global';
import { startHallServer, type HallServer } from './support/hall-server';
import { text } from './support/i18n';
import { pdfImages, printToA4Pdf } from './support/pdf';

const CLOCK_START = '2026-11-20T02:00:00.000Z';
const PHONE = { width: 390, height: 844 };
/** The demo configuration's standard contributions (domain.md): 2026 — 400 yuan, 2027 — 420 yuan. */
const STANDARD_FEN = { 2026: 40000, 2027: 42000 } as const;
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

/** The API call a page of the hall makes, from the signed-in browser (its cookies and CSRF token). */
async function call<T = any>(context: BrowserContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const xsrf = (await context.cookies()).find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const res = await context.request.fetch(server.baseUrl + path, { method, data: body, headers: { 'X-XSRF-TOKEN': decodeURIComponent(xsrf) } });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
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
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
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

      // NOT YET ON SCREEN (residents' /me/family and /me/resident-registration pages): the calls those pages make.
      const child = await call(parent.context, 'POST', '/api/me/family', CHILD);
      const registration = (person: object, category: string) => ({
        person,
        hukouAddress: '福建省福州市鼓楼区五一北路 1 号',
        region: '350100',
        category,
        mobile: PARENT.mobile,
      });
      const childRegistration = await call(
        parent.context,
        'POST',
        '/api/me/resident-registrations',
        registration({ kind: 'member', memberId: child.id }, 'child'),
      );
      const ownRegistration = await call(parent.context, 'POST', '/api/me/resident-registrations', registration({ kind: 'self' }, 'adult'));

      // The reviewer, in a browser of their own, approves both registrations (the review console's decision).
      const reviewerContext = await world.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const reviewerPage = await reviewerContext.newPage();
      await reviewerPage.goto(`${server.baseUrl}/login`);
      await reviewerPage.getByTestId('login-tab-reviewer').click();
      await reviewerPage.getByTestId('login-reviewer-username').fill(DEMO_REVIEWER.username);
      await reviewerPage.getByTestId('login-reviewer-password').fill(DEMO_PASSWORDS.reviewer);
      await reviewerPage.getByTestId('login-reviewer-submit').click();
      await reviewerPage.waitForURL(`${server.baseUrl}/review`);
      for (const submitted of [childRegistration, ownRegistration]) {
        await call(reviewerContext, 'POST', `/api/review/submissions/${submitted.id}/decision`, { approve: true });
      }

      // NOT YET ON SCREEN (residents' steps 1–6 at /me/pay): its confirm button's call, which never sends an amount.
      const childOrder = await call(parent.context, 'POST', '/api/me/payment-orders', {
        person: { kind: 'member', memberId: child.id },
        year: 2027,
        mode: 'daily',
      });
      expect(childOrder.amountFen).toBe(STANDARD_FEN[2027]);
      await payOnSandbox(page, childOrder.id, '420.00');
      expect(await page.getByTestId('pay-order-person').textContent()).toContain(`${[...CHILD.name][0]}**`);

      const ownOrder = await call(parent.context, 'POST', '/api/me/payment-orders', { person: { kind: 'self' }, year: 2027, mode: 'daily' });
      await payOnSandbox(page, ownOrder.id, '420.00');

      // The payment records: both years' payments, the child's and their own.
      await page.getByTestId('pay-order-history').click();
      await page.waitForURL(`${server.baseUrl}/me/resident-payments`);
      await expectCount(page, 'history-item', 2);

      // The electronic payment receipt of the child's payment, printed; its QR code read back from the PDF.
      await page.goto(`${server.baseUrl}/me/receipts/${childOrder.id}/print`);
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
      // 2026's collection period ended on 31 Dec 2025: paid on 20 Nov 2026, benefits start 3 months later.
      const order = await call(person.context, 'POST', '/api/me/payment-orders', { person: { kind: 'self' }, year: 2026, mode: 'daily' });
      await person.page.goto(`${server.baseUrl}/me/pay/orders/${order.id}`);
      const waiting = person.page.getByTestId('pay-order-waiting');
      await waiting.waitFor();
      expect(await waiting.textContent()).toContain(text('zh-CN', 'payment.waiting').replace('{{months}}', '3').replace('{{date}}', '2027-02-20'));
      expect(await person.page.getByTestId('pay-order-benefit-start').textContent()).toBe('2027-02-20');
      await payOnSandbox(person.page, order.id, '400.00');
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
      // The request carries no amount: the order's is the agency's assessment.
      const order = await call(person.context, 'POST', '/api/me/payment-orders', { person: { kind: 'self' }, year: 2027, mode: 'special' });
      await person.page.goto(`${server.baseUrl}/me/pay/orders/${order.id}`);
      await person.page.getByTestId('pay-order-amount').waitFor();
      expect(await person.page.getByTestId('pay-order-amount').textContent()).toContain('126.00');
      expect(await person.page.getByTestId('pay-order-standard').textContent()).toContain('420.00');
      // Nothing on the page takes an amount.
      expect(await person.page.locator('input, textarea, [contenteditable=true]').count()).toBe(0);
      await payOnSandbox(person.page, order.id, '126.00');
      await person.context.close();
    },
    FLOW_TIMEOUT_MS,
  );
});

async function expectCount(page: Page, testId: string, count: number): Promise<void> {
  await page.waitForFunction(([id, n]) => document.querySelectorAll(`[data-testid="${id}"]`).length === n, [testId, count] as const);
}
