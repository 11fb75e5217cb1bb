import { Component, computed, input, output } from '@angular/core';
import { ReactiveFormsModule, type FormGroup } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import type { Message } from '../../core/errors/api-error';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { LOGIN_ACCOUNTS, type LoginAccount, type LoginRole } from '../login-forms';

/** One role's sign-in: its account field, the password, why the last attempt failed, and the button. */
@Component({
  selector: 'app-login-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, TranslatePipe, FieldErrorPipe],
  templateUrl: './login-form.html',
  styleUrl: './login-form.scss',
})
export class LoginForm {
  readonly role = input.required<LoginRole>();
  readonly form = input.required<FormGroup>();
  readonly submitting = input(false);
  readonly failure = input<Message | null>(null);
  readonly submitted = output();

  protected readonly account = computed((): LoginAccount => LOGIN_ACCOUNTS[this.role()]);
  /** Test ids keep the words of the field: `login-unit-credit-code`, `login-agent-mobile` … */
  protected readonly accountTestId = computed(
    () => `login-${this.role()}-${this.account().field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
  );
}
