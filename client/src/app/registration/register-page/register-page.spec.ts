import type { HttpTestingController } from '@angular/common/http/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import type { BankBranch } from '@common/api/maintenance';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { Page, testId } from '../../../testing/page';
import { pageOf } from '../../../testing/payments';
import { typeAndPause } from '../../../testing/search';
import { registrationRoutes } from '../registration.routes';

const WUYI: BankBranch = { code: '102391000020', bankCategory: 'ICBC', name: '中国工商银行福州五一支行', city: '福州' };
const UNIT_NAME = '福州榕树数据服务有限公司';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Filling in the whole form through the harnesses takes longer than jasmine's default five seconds. */
const FORM_TIMEOUT_MS = 30_000;

describe('RegisterPage', () => {
  let http: HttpTestingController;
  let page: Page;
  let captchas = 0;

  beforeEach(() => (http = configureFeature('register', registrationRoutes)));
  afterEach(() => http.verify());

  /** Answers the page's request for a new CAPTCHA. */
  function captcha(): void {
    captchas++;
    http.expectOne('/api/registrations/captcha').flush({ token: `token-${captchas}`, svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
  }

  async function open(): Promise<void> {
    page = await openPage('/register');
    captcha();
    await page.stable();
  }

  /** Every field as a new unit fills it in, the branch chosen from the list. */
  async function fillIn(): Promise<void> {
    await page.type('registration-credit-code', '91350100MA8RJ4N615');
    await page.type('registration-unit-name', UNIT_NAME);
    await page.choose('registration-unit-type', '企业');
    await page.type('registration-address', '福建省福州市仓山区建新南路8号');
    await page.type('registration-legal-rep-name', '陈榕生');
    await page.type('registration-legal-rep-id-number', '350102198001010038');
    await page.type('registration-legal-rep-phone', '13906000001');
    await page.type('registration-contact-name', '林小榕');
    await page.type('registration-contact-phone', '13906000002');
    await page.type('registration-contact-email', 'hr@banyan.example.cn');
    await page.choose('registration-bank-category', '中国工商银行');
    const branch = await page.documentLoader.getHarness(MatAutocompleteHarness.with({ selector: testId('registration-bank-branch') }));
    await typeAndPause(() => branch.enterText('gsfzwy'));
    // The public page asks the public list, open to anyone.
    http.expectOne((r) => r.url === '/api/registrations/bank-branches').flush(pageOf([WUYI]));
    await page.stable();
    await pause(10);
    await page.stable();
    await branch.selectOption({ text: /五一/ });
    await page.type('registration-bank-account-name', UNIT_NAME);
    await page.type('registration-bank-account-number', '1402 0233 0920 0765 432');
    await page.type('registration-password', 'Banyan2026x');
    await page.type('registration-confirmation', 'Banyan2026x');
    await page.type('registration-captcha-answer', 'k3m7p');
  }

  it(
    'shows a CAPTCHA and checks every field before sending anything',
    async () => {
      await open();
      expect(document.querySelector(testId('registration-captcha-image'))?.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      await page.type('registration-credit-code', '91350100MA8RJ4N616');
      await page.type('registration-unit-name', UNIT_NAME);
      await page.type('registration-bank-account-name', '别的公司');
      await page.type('registration-password', '91350100MA8RJ4N616x');
      await page.click('registration-submit');
      await page.stable();

      expect(await page.errors('registration-credit-code')).toEqual(['统一社会信用代码校验位不正确，请核对']);
      expect(await page.errors('registration-bank-account-name')).toEqual(['账户名称必须与单位名称一致']);
      expect(await page.errors('registration-password')).toEqual([jasmine.stringContaining('登录')]);
      expect(await page.errors('registration-legal-rep-name')).toEqual(['必填']);
      expect(await page.errors('registration-captcha-answer')).toEqual(['必填']);
      http.expectNone('/api/registrations');
    },
    FORM_TIMEOUT_MS,
  );

  it(
    'sends the registration and shows the status code to keep',
    async () => {
      await open();
      await fillIn();
      await page.click('registration-submit');
      const sent = http.expectOne((r) => r.url === '/api/registrations' && r.method === 'POST');
      expect(sent.request.body).toEqual({
        creditCode: '91350100MA8RJ4N615',
        unitName: UNIT_NAME,
        unitType: 'enterprise',
        address: '福建省福州市仓山区建新南路8号',
        legalRepName: '陈榕生',
        legalRepIdNumber: '350102198001010038',
        legalRepPhone: '13906000001',
        contactName: '林小榕',
        contactPhone: '13906000002',
        contactEmail: 'hr@banyan.example.cn',
        bankCategory: 'ICBC',
        branchCode: '102391000020',
        accountName: UNIT_NAME,
        accountNumber: '1402 0233 0920 0765 432',
        password: 'Banyan2026x',
        captchaAnswer: 'k3m7p',
        captchaToken: `token-${captchas}`,
      });
      sent.flush({ statusCode: 'K7M2Q9XD' }, { status: 201, statusText: 'Created' });
      await page.stable();
      expect(page.text('registration-status-code')).toBe('K7M2Q9XD');
      expect(page.text('registration-receipt')).toContain('注册申请已提交');
    },
    FORM_TIMEOUT_MS,
  );

  it(
    'puts a wrong CAPTCHA answer under its field and shows a new picture',
    async () => {
      await open();
      await fillIn();
      await page.click('registration-submit');
      const before = captchas;
      http
        .expectOne((r) => r.url === '/api/registrations' && r.method === 'POST')
        .flush(
          { code: 'VALIDATION_FAILED', message: '', details: { fields: [{ field: 'captchaAnswer', code: 'CAPTCHA_WRONG', message: '' }] } },
          { status: 400, statusText: 'Bad Request' },
        );
      captcha();
      await page.stable();
      expect(captchas).toBe(before + 1);
      expect(await (await page.input('registration-captcha-answer')).getValue()).toBe('');
      expect(await page.errors('registration-captcha-answer')).toEqual(['验证码不正确，请输入新的验证码。']);
      expect(page.text('registration-failure')).toBeNull();
    },
    FORM_TIMEOUT_MS,
  );
});
