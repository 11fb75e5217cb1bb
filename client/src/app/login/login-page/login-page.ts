import { Component, inject, input, signal, viewChild, viewChildren, type ElementRef } from '@angular/core';
import { FormControl } from '@angular/forms';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { SessionInfo } from '@common/api/auth';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { signedInPath } from '../../core/auth/return-path';
import { apiErrorOf, errorMessage, type Message } from '../../core/errors/api-error';
import { CaptchaField } from '../../shared/captcha/captcha-field';
import { required } from '../../shared/forms/field-validators';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { PageFrame } from '../../shared/page-frame/page-frame';
import { LoginForm } from '../login-form/login-form';
import { loginForm, type LoginRole } from '../login-forms';

@Component({
  selector: 'app-login-page',
  imports: [MatCardModule, MatProgressBarModule, RouterLink, TranslatePipe, LoginForm, PageFrame, CaptchaField],
  templateUrl: './login-page.html',
  styleUrls: ['../../shared/frame-card.scss', './login-page.scss'],
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** The page that sent the visitor here, to go back to (checked before use). */
  readonly next = input<string>();

  protected readonly roles: readonly LoginRole[] = ['unit', 'agent', 'reviewer', 'person'];
  /** The role whose tab is open. */
  protected readonly chosen = signal<LoginRole>('unit');
  private readonly tabs = viewChildren<ElementRef<HTMLButtonElement>>('tab');
  protected readonly forms = { unit: loginForm('unit'), agent: loginForm('agent'), reviewer: loginForm('reviewer'), person: loginForm('person') };
  /** A person's sign-in asks for a CAPTCHA once the server has answered CAPTCHA_REQUIRED (after failures). */
  protected readonly captchaNeeded = signal(false);
  protected readonly captchaAnswer = new FormControl('', { nonNullable: true, validators: [required] });
  private readonly captcha = viewChild(CaptchaField);
  protected readonly submitting = signal(false);
  /** Why the last attempt failed (wrong password, throttled, locked, disabled …). */
  protected readonly failure = signal<Message | null>(null);

  protected choose(role: LoginRole): void {
    if (role === this.chosen()) return;
    this.chosen.set(role);
    this.failure.set(null);
  }

  /** Arrow keys step to the neighbouring role (round the ends), Home and End to the first and last. */
  protected moveByKey(event: KeyboardEvent): void {
    const at = this.roles.indexOf(this.chosen());
    const targets: Partial<Record<string, number>> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: this.roles.length - 1 };
    const to = targets[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const index = (to + this.roles.length) % this.roles.length;
    this.choose(this.roles[index]);
    this.tabs()[index].nativeElement.focus();
  }

  protected signIn(role: LoginRole): void {
    const form = this.forms[role];
    this.failure.set(null);
    const captchaMissing = role === 'person' && this.captchaNeeded() && this.captchaAnswer.invalid;
    if (form.invalid || captchaMissing) {
      form.markAllAsTouched();
      this.captchaAnswer.markAsTouched();
      return;
    }
    this.submitting.set(true);
    this.login(role).subscribe({
      next: (session) => {
        this.submitting.set(false);
        void this.router.navigateByUrl(signedInPath(session, this.next()));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        if (role === 'person') this.askCaptchaAgain(error);
        if (this.failure() === null && !applyServerErrors(form, error)) this.failure.set(errorMessage(error));
      },
    });
  }

  /** Every answer uses the CAPTCHA up: a new picture after each failure once one is needed. */
  private askCaptchaAgain(error: unknown): void {
    const body = apiErrorOf(error);
    if (body?.code === 'CAPTCHA_REQUIRED') this.captchaNeeded.set(true);
    const captchaField = body?.details?.fields?.find((f) => f.field === 'captchaAnswer');
    if (captchaField) this.failure.set({ key: `fieldErrors.${captchaField.code}`, params: {} });
    this.captcha()?.refresh();
  }

  private login(role: LoginRole): Observable<SessionInfo> {
    switch (role) {
      case 'unit':
        return this.auth.loginUnit(this.forms.unit.getRawValue());
      case 'agent':
        return this.auth.loginAgent(this.forms.agent.getRawValue());
      case 'reviewer':
        return this.auth.loginReviewer(this.forms.reviewer.getRawValue());
      case 'person': {
        const token = this.captchaNeeded() ? this.captcha()?.token() : null;
        const captcha = token ? { captchaToken: token, captchaAnswer: this.captchaAnswer.value } : {};
        return this.auth.loginPerson({ ...this.forms.person.getRawValue(), ...captcha });
      }
    }
  }
}
