import { Component } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { SessionInfo } from '@common/api/auth';
import { AuthService } from '../../core/auth/auth.service';
import { pageProviders, type Page } from '../../../testing/page';
import { openPage } from '../../../testing/routed-page';
import { AGENT_ONE_UNIT, signIn } from '../../../testing/sessions';
import { ChangePasswordPage } from './change-password-page';

@Component({ template: 'elsewhere' })
class Elsewhere {}

/** An agent whose account an administrator has just created. */
const NEW_AGENT: SessionInfo = { ...AGENT_ONE_UNIT, user: { ...AGENT_ONE_UNIT.user, mustChangePassword: true } };

describe('ChangePasswordPage', () => {
  let http: HttpTestingController;
  let page: Page;

  async function open(session: SessionInfo): Promise<void> {
    TestBed.configureTestingModule({
      providers: pageProviders([
        { path: 'change-password', component: ChangePasswordPage },
        { path: 'home', component: Elsewhere },
        { path: 'login', component: Elsewhere },
      ]),
    });
    http = TestBed.inject(HttpTestingController);
    signIn(session);
    page = await openPage('/change-password');
  }

  afterEach(() => http.verify());

  async function fill(current: string, next: string, confirmation = next): Promise<void> {
    await page.type('current-password', current);
    await page.type('new-password', next);
    await page.type('new-password-confirmation', confirmation);
    await page.click('change-password-submit');
  }

  it('tells a user whose password an administrator set to change it, then lets them in', async () => {
    await open(NEW_AGENT);
    expect(page.text('change-password-required')).toBe('您的密码由管理员设置，请先修改为只有您知道的密码。');
    expect(page.text('change-password-back')).withContext('no way around it but signing out').toBeNull();

    await fill('Initial2026x', 'Harbour7Lantern');
    const change = http.expectOne('/api/auth/password');
    expect(change.request.method).toBe('POST');
    expect(change.request.body).toEqual({ currentPassword: 'Initial2026x', newPassword: 'Harbour7Lantern' });
    change.flush(null, { status: 204, statusText: 'No Content' });
    await page.stable();

    expect(TestBed.inject(AuthService).user()?.mustChangePassword).toBeFalse();
    expect(TestBed.inject(Router).url).toBe('/home');
  });

  it('refuses a new password that is common, contains the login or is typed differently, before sending', async () => {
    await open(AGENT_ONE_UNIT);
    expect(page.text('change-password-required')).toBeNull();

    await fill('Start2026x', 'Password123');
    expect(await page.errors('new-password')).toEqual(['该密码过于常见，请换一个']);
    await fill('Start2026x', `x${AGENT_ONE_UNIT.user.login}`);
    expect(await page.errors('new-password')).toEqual(['密码不能包含登录账号或手机号']);
    await fill('Start2026x', 'Harbour7Lantern', 'Harbour7Lanterm');
    expect(await page.errors('new-password-confirmation')).toEqual(['两次输入的密码不一致']);
    http.expectNone('/api/auth/password');
  });

  it('shows a wrong current password under its field', async () => {
    await open(AGENT_ONE_UNIT);
    await fill('not-mine-1', 'Harbour7Lantern');
    http
      .expectOne('/api/auth/password')
      .flush(
        { code: 'VALIDATION_FAILED', message: '', details: { fields: [{ field: 'currentPassword', code: 'PASSWORD_WRONG', message: '' }] } },
        { status: 400, statusText: 'Bad Request' },
      );
    await page.stable();
    expect(await page.errors('current-password')).toEqual(['当前密码不正确']);
    expect(TestBed.inject(Router).url).toBe('/change-password');
  });
});
