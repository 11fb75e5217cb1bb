import { HttpClient, httpResource } from '@angular/common/http';
import { Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute } from '@angular/router';
import {
  RESIDENT_CATEGORIES,
  RESIDENT_REGIONS,
  type FamilyMember,
  type ResidentCategory,
  type ResidentRegion,
  type ResidentRegistrationInput,
  type ResidentRegistrationStatus,
} from '@common/api/residents';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { required } from '../../shared/forms/field-validators';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { Notice } from '../../shared/notice/notice';
import { Toast } from '../../shared/toast';

/**
 * 城乡居民参保登记: the payer registers self or a family member (a newborn, added to the family first, included)
 * for the agency's review, and follows the registrations sent, with the reason of a rejection.
 */
@Component({
  selector: 'app-resident-registration-page',
  imports: [
    FieldErrorPipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    Notice,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './registration-page.html',
  styleUrl: '../../shared/personal-page.scss',
})
export class ResidentRegistrationPage {
  private readonly http = inject(HttpClient);
  private readonly toast = inject(Toast);
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });

  protected readonly categories = RESIDENT_CATEGORIES;
  protected readonly regions = RESIDENT_REGIONS;
  protected readonly family = httpResource<FamilyMember[]>(() => '/api/me/family');
  protected readonly registrations = httpResource<ResidentRegistrationStatus[]>(() => '/api/me/resident-registrations');

  /** `self`, or a member's id; a member page's link names the member in `?member=`. */
  protected readonly form = new FormGroup({
    person: new FormControl<string>(this.query().get('member') ?? 'self', { nonNullable: true }),
    category: new FormControl<ResidentCategory | ''>('', { nonNullable: true, validators: [required] }),
    region: new FormControl<ResidentRegion | ''>('', { nonNullable: true, validators: [required] }),
    hukouAddress: new FormControl('', { nonNullable: true, validators: [required] }),
    mobile: new FormControl('', { nonNullable: true, validators: [required] }),
  });
  protected readonly error = signal<Message | null>(null);
  protected readonly saving = signal(false);
  protected readonly members = computed(() => this.family.value() ?? []);

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { person, ...facts } = this.form.getRawValue();
    const body: ResidentRegistrationInput = {
      person: person === 'self' ? { kind: 'self' } : { kind: 'member', memberId: Number(person) },
      ...(facts as Omit<ResidentRegistrationInput, 'person'>),
    };
    this.saving.set(true);
    this.error.set(null);
    this.http.post<ResidentRegistrationStatus>('/api/me/resident-registrations', body).subscribe({
      next: () => {
        this.saving.set(false);
        this.toast.show('residents.submitted');
        this.registrations.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (!applyServerErrors(this.form, error)) this.error.set(errorMessage(error));
      },
    });
  }
}
