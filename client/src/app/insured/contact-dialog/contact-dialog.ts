import { Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { InsuredPersonDetail } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { DialogFormFooter } from '../../shared/forms/dialog-form-footer';
import { DialogSubmission } from '../../shared/forms/dialog-submission';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { InsuredApi } from '../insured-api';
import { contactChange, contactForm } from '../insured-forms';

/** A person's mobile and contact address, changed at once; closes with the person as now recorded. */
@Component({
  selector: 'app-contact-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, TranslatePipe, FieldErrorPipe, DialogFormFooter],
  template: `
    <h2 mat-dialog-title>{{ 'maintenance.contact.title' | translate: { name: person.basic.name } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="intro">{{ 'maintenance.contact.intro' | translate }}</p>
        <mat-form-field>
          <mat-label>{{ 'insured.fields.mobile' | translate }}</mat-label>
          <input matInput formControlName="mobile" type="tel" data-testid="contact-mobile" />
          <mat-error>{{ form.controls.mobile | fieldError | translate }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'insured.fields.contactAddress' | translate }}</mat-label>
          <input matInput formControlName="contactAddress" data-testid="contact-address" />
          <mat-error>{{ form.controls.contactAddress | fieldError | translate }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-form-footer [submission]="submission" submitLabel="maintenance.save" testId="contact" />
    </form>
  `,
  styleUrl: '../../shared/forms/dialog-form.scss',
})
export class ContactDialog {
  private readonly api = inject(InsuredApi);
  protected readonly person = inject<InsuredPersonDetail>(MAT_DIALOG_DATA);
  protected readonly form = contactForm(this.person);
  protected readonly submission = new DialogSubmission<InsuredPersonDetail>(this.form, inject(MatDialogRef));

  protected submit(): void {
    this.submission.send(
      () => contactChange(this.form),
      (change) => this.api.changeContact(this.person.personId, change),
    );
  }
}
