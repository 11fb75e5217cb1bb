import { Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { FamilyMember } from '@common/api/residents';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { required } from '../../shared/forms/field-validators';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { Notice } from '../../shared/notice/notice';
import { Toast } from '../../shared/toast';
import { FamilyApi, familyMembersResource } from '../family-api';

/** 家庭成员: the payer adds members by name and ID number, sees their payment-related view only, and removes them. */
@Component({
  selector: 'app-family-page',
  imports: [
    FieldErrorPipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    Notice,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './family-page.html',
  styleUrl: '../../shared/personal-page.scss',
})
export class FamilyPage {
  private readonly api = inject(FamilyApi);
  private readonly toast = inject(Toast);

  protected readonly members = familyMembersResource();
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [required] }),
    idNumber: new FormControl('', { nonNullable: true, validators: [required] }),
  });
  protected readonly error = signal<Message | null>(null);
  protected readonly saving = signal(false);

  protected add(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.api.add(this.form.getRawValue()).subscribe({
      next: () => {
        this.saving.set(false);
        this.form.reset();
        this.toast.show('family.added');
        this.members.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (!applyServerErrors(this.form, error)) this.error.set(errorMessage(error));
      },
    });
  }

  protected remove(member: FamilyMember): void {
    this.api.remove(member.id).subscribe({
      next: () => {
        this.toast.show('family.removed');
        this.members.reload();
      },
      error: (error: unknown) => this.error.set(errorMessage(error)),
    });
  }
}
