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
import type { SessionInfo } from '@common/api/auth';
import { AuthService } from '../../core/auth/auth.service';
import { AGENT_ONE_UNIT, signIn } from '../../../testing/sessions';
import { provideTestTranslation } from '../../../testing/translation';
import { provideNoMaterialAnimations } from '../../../testing/material';
import { ChangePasswordPage } from './change-password-page';

@Component({ template: 'elsewhere' })
class Elsewhere {}

/** An agent whose account an administrator has just created. */
const NEW_AGENT: SessionInfo = { ...AGENT_ONE_UNIT, user: { ...AGENT_ONE_UNIT.user, mustChangePassword: true } };

describe('ChangePasswordPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  async function open(session: SessionInfo): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'change-password', component: ChangePasswordPage },
          { path: 'home', component: Elsewhere },
          { path: 'login', component: Elsewhere },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslation(),
        provideNoMaterialAnimations(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signIn(session);
    harness = await RouterTestingHarness.create('/change-password');
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  afterEach(() => http.verify());

  const input = (testId: string) => loader.getHarness(MatInputHarness.with({ selector: `[data-testid="${testId}"]` }));
  const button = (testId: string) => loader.getHarness(MatButtonHarness.with({ selector: `[data-testid="${testId}"]` }));
  const errorsOf = async (label: string) =>
    (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();
  const text = (testId: string) =>
    (harness.routeNativeElement?.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '').trim() || null;

  async function fill(current: string, next: string, confirmation = next): Promise<void> {
    await (await input('current-password')).setValue(current);
    await (await input('new-password')).setValue(next);
    await (await input('new-password-confirmation')).setValue(confirmation);
    await (await button('change-password-submit')).click();
  }

  it('tells a user whose password an administrator set to change it, then lets them in', async () => {
    await open(NEW_AGENT);
    expect(text('change-password-required')).toBe('您的密码由管理员设置，请先修改为只有您知道的密码。');
    expect(text('change-password-back')).withContext('no way around it but signing out').toBeNull();

    await fill('Initial2026x', 'Harbour7Lantern');
    const change = http.expectOne('/api/auth/password');
    expect(change.request.method).toBe('POST');
    expect(change.request.body).toEqual({ currentPassword: 'Initial2026x', newPassword: 'Harbour7Lantern' });
    change.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();

    expect(TestBed.inject(AuthService).user()?.mustChangePassword).toBeFalse();
    expect(TestBed.inject(Router).url).toBe('/home');
  });

  it('refuses a new password that is common, contains the login or is typed differently, before sending', async () => {
    await open(AGENT_ONE_UNIT);
    expect(text('change-password-required')).toBeNull();

    await fill('Start2026x', 'Password123');
    expect(await errorsOf('新密码')).toEqual(['该密码过于常见，请换一个']);
    await fill('Start2026x', `x${AGENT_ONE_UNIT.user.login}`);
    expect(await errorsOf('新密码')).toEqual(['密码不能包含登录账号或手机号']);
    await fill('Start2026x', 'Harbour7Lantern', 'Harbour7Lanterm');
    expect(await errorsOf('再次输入新密码')).toEqual(['两次输入的密码不一致']);
    http.expectNone('/api/auth/password');
  });

  it('shows a wrong current password under its field', async () => {
    await open(AGENT_ONE_UNIT);
    await fill('not-mine-1', 'Harbour7Lantern');
    http.expectOne('/api/auth/password').flush(
      { code: 'VALIDATION_FAILED', message: '', details: { fields: [{ field: 'currentPassword', code: 'PASSWORD_WRONG', message: '' }] } },
      { status: 400, statusText: 'Bad Request' },
    );
    await harness.fixture.whenStable();
    expect(await errorsOf('当前密码')).toEqual(['当前密码不正确']);
    expect(TestBed.inject(Router).url).toBe('/change-password');
  });
});
