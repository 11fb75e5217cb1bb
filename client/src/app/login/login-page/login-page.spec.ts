import { Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthService } from '../../core/auth/auth.service';
import { AGENT_ONE_UNIT, AGENT_TWO_UNITS, PERSON, REVIEWER, UNIT_ADMIN } from '../../../testing/sessions';
import { provideTestTranslation } from '../../../testing/translation';
import { LoginPage } from './login-page';
import { provideNoMaterialAnimations } from '../../../testing/material';

@Component({ template: 'elsewhere' })
class Elsewhere {}

describe('LoginPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: LoginPage },
          { path: 'home', component: Elsewhere },
          { path: 'review', component: Elsewhere },
          { path: 'select-unit', component: Elsewhere },
          { path: 'change-password', component: Elsewhere },
          { path: 'me', component: Elsewhere },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslation(),
        provideNoMaterialAnimations(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/login');
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  });

  afterEach(() => http.verify());

  const input = (testId: string) => loader.getHarness(MatInputHarness.with({ selector: `[data-testid="${testId}"]` }));
  const button = (testId: string) => loader.getHarness(MatButtonHarness.with({ selector: `[data-testid="${testId}"]` }));
  const errorsOf = async (label: string) => (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();
  const failure = () => (harness.routeNativeElement?.querySelector('[data-testid="login-error"]')?.textContent ?? '').trim();

  const tabs = () => [...(harness.routeNativeElement as HTMLElement).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  /** Each tab's label, with a star on the chosen one. */
  const tabState = () => tabs().map((tab) => (tab.textContent ?? '').trim() + (tab.getAttribute('aria-selected') === 'true' ? '*' : ''));
  const panelLabel = () => {
    const panel = (harness.routeNativeElement as HTMLElement).querySelector('[role="tabpanel"]');
    return document.getElementById(panel?.getAttribute('aria-labelledby') ?? '')?.textContent?.trim();
  };

  async function chooseTab(label: string): Promise<void> {
    tabs()
      .find((tab) => tab.textContent?.trim() === label)
      ?.click();
    await harness.fixture.whenStable();
  }

  async function press(key: string): Promise<void> {
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await harness.fixture.whenStable();
  }

  it('opens on the unit administrator’s tab, and shows the chosen role’s form only', async () => {
    expect(tabState()).toEqual(['单位登录*', '经办人登录', '审核员登录', '个人登录']);
    expect(panelLabel()).toBe('单位登录');
    expect(await loader.getAllHarnesses(MatInputHarness.with({ selector: '[data-testid="login-agent-mobile"]' }))).toEqual([]);

    await chooseTab('审核员登录');
    expect(tabState()).toEqual(['单位登录', '经办人登录', '审核员登录*', '个人登录']);
    expect(panelLabel()).toBe('审核员登录');
    expect(await loader.getAllHarnesses(MatInputHarness.with({ selector: '[data-testid="login-unit-credit-code"]' }))).toEqual([]);
    expect(await (await input('login-reviewer-username')).getValue()).toBe('');
  });

  it('moves between the roles with the arrow keys, round the ends, and with Home and End', async () => {
    const [unit, agent, , person] = tabs();
    expect(tabs().map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1]);
    unit.focus();

    await press('ArrowRight');
    expect(tabState()).toEqual(['单位登录', '经办人登录*', '审核员登录', '个人登录']);
    expect(document.activeElement).toBe(agent);
    expect(tabs().map((tab) => tab.tabIndex)).toEqual([-1, 0, -1, -1]);

    await press('ArrowLeft');
    await press('ArrowLeft');
    expect(tabState()).toEqual(['单位登录', '经办人登录', '审核员登录', '个人登录*']);
    expect(document.activeElement).toBe(person);

    await press('Home');
    expect(tabState()).toEqual(['单位登录*', '经办人登录', '审核员登录', '个人登录']);
    await press('End');
    expect(tabState()).toEqual(['单位登录', '经办人登录', '审核员登录', '个人登录*']);
  });

  it('keeps what was typed in a role’s form while another role is open', async () => {
    await (await input('login-unit-credit-code')).setValue('91350100M000100Y43');
    await chooseTab('经办人登录');
    await chooseTab('单位登录');
    expect(await (await input('login-unit-credit-code')).getValue()).toBe('91350100M000100Y43');
  });

  it('checks the credit code and password before sending anything', async () => {
    await (await input('login-unit-credit-code')).setValue('91350100M000100Y44');
    await (await button('login-unit-submit')).click();

    expect(await errorsOf('统一社会信用代码')).toEqual(['统一社会信用代码校验位不正确，请核对']);
    expect(await errorsOf('密码')).toEqual(['必填']);
    http.expectNone('/api/auth/login/unit');
  });

  it('tells a credit code of the wrong shape from one with a wrong check character', async () => {
    const creditCode = await input('login-unit-credit-code');
    await creditCode.setValue('12345');
    await creditCode.blur();
    expect(await errorsOf('统一社会信用代码')).toEqual(['统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）']);
  });

  it('signs a unit administrator in and opens the unit home', async () => {
    await (await input('login-unit-credit-code')).setValue('91350100M000100Y43');
    await (await input('login-unit-password')).setValue('Harbour2026');
    await (await button('login-unit-submit')).click();

    const request = http.expectOne('/api/auth/login/unit');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ creditCode: '91350100M000100Y43', password: 'Harbour2026' });
    request.flush(UNIT_ADMIN);
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/home');
    expect(TestBed.inject(AuthService).session()).toEqual(UNIT_ADMIN);
  });

  it('says when the login or password is wrong, and stays until another role is chosen', async () => {
    await (await input('login-unit-credit-code')).setValue('91350100M000100Y43');
    await (await input('login-unit-password')).setValue('wrong');
    await (await button('login-unit-submit')).click();
    http.expectOne('/api/auth/login/unit').flush({ code: 'LOGIN_FAILED', message: '' }, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();

    expect(failure()).toBe('账号或密码错误。');
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(await (await button('login-unit-submit')).isDisabled()).toBeFalse();

    await chooseTab('经办人登录');
    expect(failure()).toBe('');
  });

  it('tells how many seconds to wait after too many attempts', async () => {
    await (await input('login-unit-credit-code')).setValue('91350100M000100Y43');
    await (await input('login-unit-password')).setValue('again');
    await (await button('login-unit-submit')).click();
    http
      .expectOne('/api/auth/login/unit')
      .flush({ code: 'LOGIN_THROTTLED', message: '', details: { retryAfterSeconds: 30 } }, { status: 429, statusText: 'Too Many Requests' });
    await harness.fixture.whenStable();

    expect(failure()).toBe('登录尝试过于频繁，请 30 秒后再试。');
  });

  it('tells how many minutes to wait after too many wrong passwords from here, in the chosen tab', async () => {
    await chooseTab('经办人登录');
    await (await input('login-agent-mobile')).setValue('13800138000');
    await (await input('login-agent-password')).setValue('again');
    await (await button('login-agent-submit')).click();
    http
      .expectOne('/api/auth/login/agent')
      .flush({ code: 'LOGIN_LOCKED', message: '', details: { retryAfterSeconds: 890 } }, { status: 429, statusText: 'Too Many Requests' });
    await harness.fixture.whenStable();

    expect(failure()).toBe('密码错误次数过多，请 15 分钟后再从此处登录。');
  });

  it('checks an agent mobile number', async () => {
    await chooseTab('经办人登录');
    const mobile = await input('login-agent-mobile');
    await mobile.setValue('1380013800');
    await mobile.blur();
    expect(await errorsOf('手机号码')).toEqual(['请输入 11 位手机号码']);

    await mobile.setValue('+86 138 0013 8000');
    expect(await errorsOf('手机号码')).toEqual([]);
  });

  it('sends an agent of several units to the unit picker', async () => {
    await chooseTab('经办人登录');
    await (await input('login-agent-mobile')).setValue('13900139000');
    await (await input('login-agent-password')).setValue('Agent2026');
    await (await button('login-agent-submit')).click();

    const request = http.expectOne('/api/auth/login/agent');
    expect(request.request.body).toEqual({ mobile: '13900139000', password: 'Agent2026' });
    request.flush(AGENT_TWO_UNITS);
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/select-unit');
  });

  for (const [why, session, expected] of [
    ['with invitations to answer to the unit picker', { ...AGENT_ONE_UNIT, pendingInvitations: 1 }, '/select-unit'],
    [
      'whose password an administrator set to changing it',
      { ...AGENT_ONE_UNIT, user: { ...AGENT_ONE_UNIT.user, mustChangePassword: true } },
      '/change-password',
    ],
  ] as const) {
    it(`sends an agent ${why}`, async () => {
      await chooseTab('经办人登录');
      await (await input('login-agent-mobile')).setValue('13800138000');
      await (await input('login-agent-password')).setValue('Agent2026');
      await (await button('login-agent-submit')).click();
      http.expectOne('/api/auth/login/agent').flush(session);
      await harness.fixture.whenStable();

      expect(TestBed.inject(Router).url).toBe(expected);
    });
  }

  it('puts the server’s field errors under the fields', async () => {
    await chooseTab('经办人登录');
    await (await input('login-agent-mobile')).setValue('13900139000');
    await (await input('login-agent-password')).setValue('x');
    await (await button('login-agent-submit')).click();
    http.expectOne('/api/auth/login/agent').flush(
      {
        code: 'VALIDATION_FAILED',
        message: '',
        details: { fields: [{ field: 'mobile', code: 'MOBILE_FORMAT', message: '' }] },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await harness.fixture.whenStable();

    expect(await errorsOf('手机号码')).toEqual(['请输入 11 位手机号码']);
    expect(failure()).toBe('');
  });

  it('signs a reviewer in and opens the review home', async () => {
    await chooseTab('审核员登录');
    await (await input('login-reviewer-username')).setValue('zhao');
    await (await input('login-reviewer-password')).setValue('Review2026');
    await (await button('login-reviewer-submit')).click();

    const request = http.expectOne('/api/auth/login/reviewer');
    expect(request.request.body).toEqual({ username: 'zhao', password: 'Review2026' });
    request.flush(REVIEWER);
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/review');
  });

  it('speaks the chosen language, the switcher included', async () => {
    const element = harness.routeNativeElement as HTMLElement;
    expect(element.querySelector('[data-testid="language-switcher"]')).not.toBeNull();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('登录');
  });

  it('signs a person in with the ID number and opens the personal hall', async () => {
    await chooseTab('个人登录');
    await (await input('login-person-id-number')).setValue('350102199003071285');
    await (await input('login-person-password')).setValue('Person2026');
    await (await button('login-person-submit')).click();

    const request = http.expectOne('/api/auth/login/person');
    expect(request.request.body).toEqual({ idNumber: '350102199003071285', password: 'Person2026' });
    request.flush(PERSON);
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/me');
  });

  it('asks a person for a CAPTCHA once the server says so, and sends its token and answer with the next attempt', async () => {
    await chooseTab('个人登录');
    expect(harness.routeNativeElement?.querySelector('[data-testid="login-person-register"]')?.getAttribute('href')).toBe('/person/register');
    await (await input('login-person-id-number')).setValue('350102199003071285');
    await (await input('login-person-password')).setValue('Wrong2026x');
    await (await button('login-person-submit')).click();
    http.expectOne('/api/auth/login/person').flush({ code: 'CAPTCHA_REQUIRED', message: 'x' }, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(failure()).toBe('登录失败次数较多，请输入图形验证码后再登录。');
    http.expectOne('/api/registrations/captcha').flush({ token: 'tok-1', svg: '<svg></svg>' });
    await harness.fixture.whenStable();

    // Without an answer nothing is sent.
    await (await button('login-person-submit')).click();
    http.expectNone('/api/auth/login/person');
    await (await input('login-person-captcha-answer')).setValue('ab3de');
    await (await input('login-person-password')).setValue('Person2026');
    await (await button('login-person-submit')).click();
    const request = http.expectOne('/api/auth/login/person');
    expect(request.request.body).toEqual({ idNumber: '350102199003071285', password: 'Person2026', captchaToken: 'tok-1', captchaAnswer: 'ab3de' });
    request.flush(PERSON);
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/me');
  });
});
