import { NgTemplateOutlet } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { ReactiveFormsModule, type FormGroup } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router } from '@angular/router';
import type { SessionInfo } from '@common/api/auth';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { afterSignInPath, AuthService } from '../../core/auth/auth.service';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { agentLoginForm, reviewerLoginForm, unitLoginForm } from '../login-forms';
import { PageFrame } from '../../shared/page-frame/page-frame';

@Component({
  selector: 'app-login-page',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTabsModule,
    TranslatePipe,
    FieldErrorPipe,
    PageFrame,
  ],
  templateUrl: './login-page.html',
  styleUrls: ['../../shared/frame-card.scss', './login-page.scss'],
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly unitForm = unitLoginForm();
  protected readonly agentForm = agentLoginForm();
  protected readonly reviewerForm = reviewerLoginForm();
  protected readonly submitting = signal(false);
  /** Why the last attempt failed (wrong password, throttled, locked, disabled …). */
  protected readonly failure = signal<Message | null>(null);

  protected roleChanged(): void {
    this.failure.set(null);
  }

  protected loginUnit(): void {
    this.submit(this.unitForm, () => this.auth.loginUnit(this.unitForm.getRawValue()));
  }

  protected loginAgent(): void {
    this.submit(this.agentForm, () => this.auth.loginAgent(this.agentForm.getRawValue()));
  }

  protected loginReviewer(): void {
    this.submit(this.reviewerForm, () => this.auth.loginReviewer(this.reviewerForm.getRawValue()));
  }

  private submit(form: FormGroup, login: () => Observable<SessionInfo>): void {
    this.failure.set(null);
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    login().subscribe({
      next: (session) => {
        this.submitting.set(false);
        void this.router.navigateByUrl(afterSignInPath(session));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        if (!applyServerErrors(form, error)) this.failure.set(errorMessage(error));
      },
    });
  }
}
