import { HttpErrorResponse } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { maxLength, required } from '../../shared/forms/field-validators';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { Notice } from '../../shared/notice/notice';
import { MONTH_VALUE } from '../../payments/period-filters/period-filters';
import { CertificatesApi } from '../certificates-api';
import { MONTH_PICKER, pickMonth } from '../../shared/dates/iso-date-adapter';

const month = (control: AbstractControl<string | null>): ValidationErrors | null => {
  if (!control.value) return { REQUIRED: true };
  return MONTH_VALUE.test(control.value) ? null : { INVALID: true };
};

const period = (value: string) => value.replace('-', '');

/** The payment certificate form: an employee and a month range; the issued certificate opens ready to print. */
@Component({
  selector: 'app-certificate-page',
  imports: [
    MatDatepickerModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
    FieldErrorPipe,
    Notice,
  ],
  providers: [MONTH_PICKER],
  templateUrl: './certificate-page.html',
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
      align-items: baseline;
    }
    .id-number {
      width: 240px;
    }
  `,
})
export class CertificatePage {
  private readonly api = inject(CertificatesApi);
  private readonly router = inject(Router);
  protected readonly pickMonth = pickMonth;

  protected readonly form = new FormGroup(
    {
      idNumber: new FormControl('', { nonNullable: true, validators: [required, maxLength('idNumber')] }),
      from: new FormControl('', { nonNullable: true, validators: month }),
      to: new FormControl('', { nonNullable: true, validators: month }),
    },
    {
      validators: (group) => {
        const { from, to } = (group as FormGroup).getRawValue();
        const backwards = MONTH_VALUE.test(from) && MONTH_VALUE.test(to) && to < from;
        const toControl = group.get('to')!;
        if (backwards && !toControl.hasError('INVALID')) toControl.setErrors({ ...toControl.errors, INVALID: true });
        return null;
      },
    },
  );
  protected readonly submitting = signal(false);
  protected readonly failure = signal<Message | null>(null);

  protected submit(): void {
    this.failure.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { idNumber, from, to } = this.form.getRawValue();
    this.submitting.set(true);
    this.api.issue({ idNumber: idNumber.trim(), from: period(from), to: period(to) }).subscribe({
      next: (certificate) => {
        this.submitting.set(false);
        void this.router.navigate(['/print/certificates', certificate.code]);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        if (error instanceof HttpErrorResponse && error.status === 404) {
          this.failure.set({ key: 'certificates.notInUnit', params: {} });
        } else if (!applyServerErrors(this.form, error)) {
          this.failure.set(errorMessage(error));
        }
      },
    });
  }
}
