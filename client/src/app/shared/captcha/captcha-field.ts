import { HttpClient } from '@angular/common/http';
import { Component, computed, inject, input, signal } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { RegistrationCaptcha } from '@common/api/registration';
import { TranslatePipe } from '@ngx-translate/core';
import { FieldErrorPipe } from '../forms/field-error.pipe';

/**
 * The public forms' one-time CAPTCHA (person registration, a person's sign-in after failures): the picture,
 * a button for a new one, and the answer. Every answer uses it up, so the form asks `refresh()` after each.
 */
@Component({
  selector: 'app-captcha-field',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, TranslatePipe, FieldErrorPipe],
  template: `
    <div class="captcha">
      @if (image(); as image) {
        <img [src]="image" [alt]="'registration.captchaImage' | translate" width="150" height="50" [attr.data-testid]="testId() + '-captcha-image'" />
      }
      <button
        mat-icon-button
        type="button"
        (click)="refresh()"
        [attr.aria-label]="'registration.newCaptcha' | translate"
        [attr.data-testid]="testId() + '-new-captcha'"
      >
        <mat-icon>refresh</mat-icon>
      </button>
      <mat-form-field>
        <mat-label>{{ 'registration.fields.captchaAnswer' | translate }}</mat-label>
        <input matInput [formControl]="control()" autocomplete="off" maxlength="10" [attr.data-testid]="testId() + '-captcha-answer'" />
        <mat-error>{{ control() | fieldError | translate }}</mat-error>
      </mat-form-field>
    </div>
  `,
  styles: `
    .captcha {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;

      img {
        border: 1px solid var(--mat-sys-outline-variant);
        border-radius: 4px;
      }

      mat-form-field {
        flex: 1 1 160px;
      }
    }
  `,
})
export class CaptchaField {
  private readonly http = inject(HttpClient);

  readonly control = input.required<FormControl<string>>();
  /** Prefix of the test ids: `<testId>-captcha-answer` … */
  readonly testId = input.required<string>();

  private readonly captcha = signal<RegistrationCaptcha | null>(null);
  protected readonly image = computed(() => {
    const captcha = this.captcha();
    return captcha ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}` : null;
  });
  /** The token to send with the answer; null until the picture has come. */
  readonly token = computed(() => this.captcha()?.token ?? null);

  constructor() {
    this.refresh();
  }

  refresh(): void {
    this.captcha.set(null);
    this.http.get<RegistrationCaptcha>('/api/registrations/captcha').subscribe({
      next: (captcha) => {
        this.captcha.set(captcha);
        // Read at once, not in the constructor: the control input is set after it.
        this.control().setValue('');
        this.control().markAsUntouched();
      },
      error: () => this.captcha.set(null),
    });
  }
}
