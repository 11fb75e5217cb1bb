import type { HttpTestingController } from '@angular/common/http/testing';
import { configureFeature, openPage } from '../../../testing/routed-page';
import type { Page } from '../../../testing/page';
import { personRegistrationRoutes } from '../person-registration.routes';

describe('PersonRegisterPage', () => {
  let http: HttpTestingController;
  let page: Page;
  let captchas = 0;

  beforeEach(() => (http = configureFeature('person/register', personRegistrationRoutes)));
  afterEach(() => http.verify());

  function captcha(): void {
    captchas++;
    http.expectOne('/api/registrations/captcha').flush({ token: `token-${captchas}`, svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
  }

  async function open(): Promise<void> {
    page = await openPage('/person/register');
    captcha();
    await page.stable();
  }

  async function fillIn(password = 'Lotus2026x'): Promise<void> {
    await page.type('person-register-name', '林晓岚');
    await page.type('person-register-id-number', '350102196501019515');
    await page.type('person-register-mobile', '13600000951');
    await page.type('person-register-password', password);
    await page.type('person-register-confirmation', password);
    await page.type('person-register-captcha-answer', 'ab3de');
  }

  it('says that real halls check the face or a real-name app, and this one does not', async () => {
    await open();
    expect(page.text('person-register-real-name')).toContain('人脸识别');
  });

  it('refuses a password containing the mobile number before sending anything', async () => {
    await open();
    await fillIn('x13600000951');
    await page.click('person-register-submit');
    expect(await page.errors('person-register-password')).toEqual(['密码不能包含登录账号或手机号']);
    http.expectNone('/api/persons/registrations');
  });

  it('sends the registration with the CAPTCHA token and shows how to sign in', async () => {
    await open();
    await fillIn();
    await page.click('person-register-submit');
    const request = http.expectOne('/api/persons/registrations');
    expect(request.request.body).toEqual({
      name: '林晓岚',
      idNumber: '350102196501019515',
      mobile: '13600000951',
      password: 'Lotus2026x',
      captchaToken: `token-${captchas}`,
      captchaAnswer: 'ab3de',
    });
    request.flush({ idNumber: '350102196501019515', name: '林晓岚' });
    await page.stable();
    expect(page.text('person-register-done')).toContain('350102196501019515');
  });

  it('shows a registered name mismatch under the name, and a new CAPTCHA after every refusal', async () => {
    await open();
    await fillIn();
    await page.click('person-register-submit');
    http
      .expectOne('/api/persons/registrations')
      .flush(
        { code: 'VALIDATION_FAILED', message: 'x', details: { fields: [{ field: 'name', code: 'REGISTERED_NAME_MISMATCH', message: 'x' }] } },
        { status: 400, statusText: 'Bad Request' },
      );
    captcha();
    await page.stable();
    expect((await page.errors('person-register-name')).join()).toContain('登记的姓名不一致');

    // The name typed again clears the server's word on it.
    await page.type('person-register-name', '林晓');
    await page.type('person-register-captcha-answer', 'zzzzz');
    await page.click('person-register-submit');
    http.expectOne('/api/persons/registrations').flush({ code: 'PERSON_ACCOUNT_EXISTS', message: 'x' }, { status: 409, statusText: 'Conflict' });
    captcha();
    await page.stable();
    expect(page.text('person-register-failure')).toBe('该身份证号已注册个人账户，请直接登录。');
  });
});
