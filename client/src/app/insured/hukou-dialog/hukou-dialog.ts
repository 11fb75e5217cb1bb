import { Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { HUKOU_TYPES } from '@common/api/declarations';
import type { Submission, SubmissionOf } from '@common/api/submissions';
import type { InsuredPersonDetail } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { DialogFormFooter } from '../../shared/forms/dialog-form-footer';
import { DialogSubmission } from '../../shared/forms/dialog-submission';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { InsuredApi } from '../insured-api';
import { hukouChange, hukouForm } from '../insured-forms';

/** Whose household registration, and a rejected change of it to correct. */
export interface HukouDialogData {
  person: InsuredPersonDetail;
  rejected?: SubmissionOf<'hukou-change'>;
}

/** A person's household registration, submitted for review; closes with the submission. */
@Component({
  selector: 'app-hukou-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    DialogFormFooter,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'maintenance.hukou.title' | translate: { name: person.basic.name } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="intro">{{ 'maintenance.hukou.intro' | translate }}</p>
        <mat-form-field>
          <mat-label>{{ 'insured.fields.hukouType' | translate }}</mat-label>
          <mat-select formControlName="hukouType" data-testid="hukou-type">
            @for (type of hukouTypes; track type) {
              <mat-option [value]="type">{{ 'enums.hukouType.' + type | translate }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.hukouType | fieldError | translate }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'insured.fields.hukouAddress' | translate }}</mat-label>
          <input matInput formControlName="hukouAddress" data-testid="hukou-address" />
          <mat-error>{{ form.controls.hukouAddress | fieldError | translate }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'insured.fields.ethnicity' | translate }}</mat-label>
          <input matInput formControlName="ethnicity" data-testid="hukou-ethnicity" />
          <mat-error>{{ form.controls.ethnicity | fieldError | translate }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-form-footer [submission]="submission" submitLabel="maintenance.submit" testId="hukou" />
    </form>
  `,
  styleUrl: '../../shared/forms/dialog-form.scss',
})
export class HukouDialog {
  private readonly api = inject(InsuredApi);
  private readonly data = inject<HukouDialogData>(MAT_DIALOG_DATA);
  protected readonly person = this.data.person;
  protected readonly form = hukouForm(this.person, this.data.rejected?.payload);
  protected readonly hukouTypes = HUKOU_TYPES;
  protected readonly submission = new DialogSubmission<Submission>(this.form, inject(MatDialogRef));

  protected submit(): void {
    this.submission.send(
      () => hukouChange(this.form),
      (change, key) => this.api.changeHukou(this.person.personId, change, key, this.data.rejected?.id),
    );
  }
}
