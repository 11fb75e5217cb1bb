import { Component, inject, input, signal, viewChildren, type ElementRef } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import type { SessionInfo } from '@common/api/auth';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { signedInPath } from '../../core/auth/return-path';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { PageFrame } from '../../shared/page-frame/page-frame';
import { LoginForm } from '../login-form/login-form';
import { loginForm, type LoginRole } from '../login-forms';

@Component({
  selector: 'app-login-page',
  imports: [MatCardModule, MatProgressBarModule, TranslatePipe, LoginForm, PageFrame],
  templateUrl: './login-page.html',
  styleUrls: ['../../shared/frame-card.scss', './login-page.scss'],
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** The page that sent the visitor here, to go back to (checked before use). */
  readonly next = input<string>();

  protected readonly roles: readonly LoginRole[] = ['unit', 'agent', 'reviewer'];
  /** The role whose tab is open. */
  protected readonly chosen = signal<LoginRole>('unit');
  private readonly tabs = viewChildren<ElementRef<HTMLButtonElement>>('tab');
  protected readonly forms = { unit: loginForm('unit'), agent: loginForm('agent'), reviewer: loginForm('reviewer') };
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
    if (form.invalid) {
      form.markAllAsTouched();
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
        if (!applyServerErrors(form, error)) this.failure.set(errorMessage(error));
      },
    });
  }

  private login(role: LoginRole): Observable<SessionInfo> {
    switch (role) {
      case 'unit':
        return this.auth.loginUnit(this.forms.unit.getRawValue());
      case 'agent':
        return this.auth.loginAgent(this.forms.agent.getRawValue());
      case 'reviewer':
        return this.auth.loginReviewer(this.forms.reviewer.getRawValue());
    }
  }
}
