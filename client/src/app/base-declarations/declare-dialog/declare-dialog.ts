import { Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { BasePerson, ContributionYear } from '@common/api/base-declarations';
import type { Submission } from '@common/api/submissions';
import { displayPeriod } from '@common/fee-period';
import { contributionBaseFen } from '@common/insurance';
import { wageFenFromYuan } from '@common/validators/yuan';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, tap, type Observable } from 'rxjs';
import { DialogFormFooter } from '../../shared/forms/dialog-form-footer';
import { DialogSubmission } from '../../shared/forms/dialog-submission';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { required } from '../../shared/forms/field-validators';
import { FenPipe } from '../../shared/format/fen.pipe';
import { Toast } from '../../shared/toast';
import { BaseDeclarationsApi } from '../base-declarations-api';

export interface DeclareDialogData {
  person: BasePerson;
  year: ContributionYear;
  /** The wage the form starts with (the person's base now, from the insured list); empty without it. */
  wageFen?: number;
  /** The rejected base declaration this one corrects. */
  corrects?: number;
}

/**
 * Opens the dialog (from the base declaration page or the insured list): the submission once sent (the dialog
 * has said so), nothing if cancelled.
 */
export function openDeclareDialog(dialog: MatDialog, data: DeclareDialogData): Observable<Submission> {
  return dialog
    .open<DeclareDialog, DeclareDialogData, Submission>(DeclareDialog, { data, width: '520px', maxWidth: '95vw' })
    .afterClosed()
    .pipe(filter((submitted): submitted is Submission => submitted !== undefined));
}

const wage: ValidatorFn = (control) => (wageFenFromYuan(String(control.value)) === null ? { AMOUNT_FORMAT: true } : null);

/** One person's declared wage, with the base it becomes shown before it is submitted; closes with the submission. */
@Component({
  selector: 'app-declare-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, TranslatePipe, FieldErrorPipe, FenPipe, DialogFormFooter],
  template: `
    <h2 mat-dialog-title>{{ 'baseDeclaration.dialog.title' | translate: { name: data.person.name } }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p data-testid="declare-current">{{ 'baseDeclaration.dialog.current' | translate: { base: (data.person.currentBaseFen | fen) } }}</p>
        <mat-form-field>
          <mat-label>{{ 'baseDeclaration.fields.wageFen' | translate }}</mat-label>
          <input matInput formControlName="wage" inputmode="decimal" data-testid="declare-wage" />
          <mat-error>{{ form.controls.wage | fieldError | translate }}</mat-error>
        </mat-form-field>
        @if (clamped(); as base) {
          <p data-testid="declare-clamped">
            {{
              'baseDeclaration.dialog.clamped'
                | translate: { base: (base | fen), floor: (data.year.floorFen | fen), ceiling: (data.year.ceilingFen | fen) }
            }}
          </p>
        }
      </mat-dialog-content>
      <app-dialog-form-footer [submission]="submission" submitLabel="baseDeclaration.dialog.submit" testId="declare" />
    </form>
  `,
  styleUrl: '../../shared/forms/dialog-form.scss',
})
export class DeclareDialog {
  private readonly api = inject(BaseDeclarationsApi);
  private readonly toast = inject(Toast);
  protected readonly data = inject<DeclareDialogData>(MAT_DIALOG_DATA);
  protected readonly form = new FormGroup({
    wage: new FormControl(this.data.wageFen === undefined ? '' : (this.data.wageFen / 100).toFixed(2), {
      nonNullable: true,
      validators: [required, wage],
    }),
  });
  // The server names the wage `wageFen`; the form holds it in yuan.
  protected readonly submission = new DialogSubmission<Submission>(this.form, inject(MatDialogRef), { wageFen: 'wage' });
  private readonly typed = toSignal(this.form.controls.wage.valueChanges, { initialValue: this.form.controls.wage.value });
  /** The year's floor and ceiling applied as the server will: shown before submitting. */
  protected readonly clamped = computed(() => {
    const fen = wageFenFromYuan(this.typed());
    return fen === null ? null : contributionBaseFen(fen, this.data.year.floorFen, this.data.year.ceilingFen);
  });

  protected submit(): void {
    this.submission.send(
      () => ({ personId: this.data.person.personId, wageFen: wageFenFromYuan(this.form.controls.wage.value)! }),
      (input, key) =>
        this.api
          .declare(input, key, this.data.corrects)
          .pipe(tap((submitted) => this.toast.show('baseDeclaration.submitted', { month: displayPeriod(submitted.effectiveMonth ?? '') }))),
    );
  }
}
