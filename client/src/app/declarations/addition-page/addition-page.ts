import { Component, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormGroupDirective, ReactiveFormsModule, type AbstractControl, type NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { ADDITION_FIELD_LIST } from '@common/api/addition-fields';
import type { AdditionInput, Quote } from '@common/api/declarations';
import { type Submission } from '@common/api/submissions';
import { displayPeriod, isFeePeriod } from '@common/fee-period';
import { checkIdNumberOfType } from '@common/validators/id-number';
import { TranslatePipe } from '@ngx-translate/core';
import { map, of, startWith, switchMap } from 'rxjs';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { correction, CorrectionNotice } from '../../shared/correction/correction';
import { LoadError } from '../../shared/load-error/load-error';
import { keepDraft } from '../../shared/forms/keep-draft';
import { Notice } from '../../shared/notice/notice';
import { valueOf } from '../../shared/resource-value';
import { AdditionConfirmDialog, type AdditionConfirmData, type AdditionConfirmResult } from '../addition-confirm-dialog/addition-confirm-dialog';
import { additionForm, additionInput, controlName, fillAddition, type AdditionForm } from '../addition-form';
import { additionOptionsResource, AdditionsApi } from '../additions-api';
import { DAY_PICKER } from '../../shared/dates/iso-date-adapter';

/** The request's fields by their controls' names where these differ (the wage, typed in yuan). */
const CONTROL_OF = Object.fromEntries(ADDITION_FIELD_LIST.filter((f) => f.form.name).map((f) => [f.key, controlName(f)]));

/** The form's two cards and their fields, as the registry places them (common/api/addition-fields.ts). */
const SECTIONS = [
  { section: 'person', title: 'additions.person', subtitle: 'additions.requiredNote' },
  { section: 'enrollment', title: 'additions.enrollment', subtitle: null },
].map(({ section, title, subtitle }) => ({
  title,
  subtitle,
  fields: ADDITION_FIELD_LIST.filter((f) => f.form.section === section).map((f) => ({
    ...f,
    name: controlName(f),
    /** A choice is always made: required, or starting from a code (the ID type). */
    chosen: f.required || !!f.form.initial,
  })),
}));

/** The ID number is checked as it is typed: once all 18 characters are in, a wrong one shows at once. */
const asTyped: ErrorStateMatcher = {
  isErrorState: (control: AbstractControl | null, form: FormGroupDirective | NgForm | null) =>
    !!control?.invalid && (control.touched || !!form?.submitted || String(control.value).trim().length >= 18),
};

@Component({
  selector: 'app-addition-page',
  imports: [
    MatDatepickerModule,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    PeriodPipe,
    LoadError,
    Notice,
    CorrectionNotice,
  ],
  providers: [
    DAY_PICKER,
    // Hints and errors take the lines they need (Spanish ones take two) instead of running into the next
    // row, and labels stay above the field, clear of a suffix such as the wage's "yuan".
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline', subscriptSizing: 'dynamic', floatLabel: 'always' } },
  ],
  templateUrl: './addition-page.html',
  styleUrl: './addition-page.scss',
})
export class AdditionPage {
  private readonly api = inject(AdditionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly formDirective = viewChild(FormGroupDirective);

  protected readonly asTyped = asTyped;
  protected readonly sections = SECTIONS;

  protected readonly options = additionOptionsResource();
  /** Built once the server has said which months and insurance types to offer. */
  protected readonly form = computed(() => {
    const options = valueOf(this.options);
    return options ? additionForm(options) : null;
  });
  /** The months offered, as a month the server refused lists them. */
  protected readonly offeredMonths = computed(() => (valueOf(this.options)?.months ?? []).filter(isFeePeriod).map(displayPeriod).join(', '));
  /** Sex and birth date as read from a valid ID number; shown, never typed. */
  protected readonly idFacts = toSignal(
    toObservable(this.form).pipe(
      switchMap((form) =>
        form
          ? form.valueChanges.pipe(
              startWith(null),
              map(() => {
                const { idType, idNumber } = form.getRawValue();
                const result = checkIdNumberOfType(idType || '01', idNumber, new Date());
                return result.ok ? result.facts : null;
              }),
            )
          : of(null),
      ),
    ),
    { initialValue: null },
  );
  protected readonly quoting = signal(false);
  protected readonly failure = signal<Message | null>(null);
  protected readonly submitted = signal<Submission | null>(null);
  /** A rejected addition named by `?corrects=`, whose data fills the form once both are there. */
  protected readonly correction = correction();
  private readonly correcting = computed(() => this.correction.of('addition'));

  constructor() {
    keepDraft(this.form);
    effect(() => {
      const form = this.form();
      const rejected = this.correcting();
      if (form && rejected) untracked(() => fillAddition(form, rejected.payload, valueOf(this.options)?.months ?? []));
    });
  }

  protected review(form: AdditionForm): void {
    this.failure.set(null);
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    const input = additionInput(form);
    const { wageFen, effectiveMonth, insuranceTypes, idType, idNumber, name } = input;
    this.quoting.set(true);
    // With the person, so "already insured" or "already pending" shows on the ID number before the confirmation.
    this.api.quote({ wageFen, effectiveMonth, insuranceTypes, idType, idNumber, name }).subscribe({
      next: (quote) => {
        this.quoting.set(false);
        this.confirm(form, input, quote);
      },
      error: (error: unknown) => {
        this.quoting.set(false);
        this.fail(form, error);
      },
    });
  }

  protected reset(): void {
    this.failure.set(null);
    this.formDirective()?.resetForm();
  }

  private confirm(form: AdditionForm, input: AdditionInput, quote: Quote): void {
    this.dialog
      .open<AdditionConfirmDialog, AdditionConfirmData, AdditionConfirmResult>(AdditionConfirmDialog, {
        data: { input, quote, corrects: this.correcting()?.id },
        width: '600px',
      })
      .afterClosed()
      .subscribe((result) => {
        if (result === undefined) return;
        if ('declaration' in result) {
          this.submitted.set(result.declaration);
          this.reset();
          // Corrected: the to-do is done, and the form is the blank one again.
          if (result.declaration.correctsId !== null) this.correction.done();
        } else {
          this.fail(form, result.fieldErrors);
        }
      });
  }

  private fail(form: AdditionForm, error: unknown): void {
    if (!applyServerErrors(form, error, CONTROL_OF)) this.failure.set(errorMessage(error));
  }
}
