import { Component, computed, effect, ElementRef, inject, signal, untracked, viewChild } from '@angular/core';
import { FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { insuredQuery, TERMINATING_REASONS, type InsuredPerson } from '@common/api/declarations';
import { type Submission } from '@common/api/submissions';
import { displayPeriod } from '@common/fee-period';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { switchMap } from 'rxjs';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog';
import { correction, CorrectionNotice } from '../../shared/correction/correction';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { SubmissionKey } from '../../shared/idempotency';
import { ListPage } from '../../shared/list-page/list-page';
import { LoadError } from '../../shared/load-error/load-error';
import { Notice } from '../../shared/notice/notice';
import { rowsOf, valueOf } from '../../shared/resource-value';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { pick, reductionForm, reductionInput } from '../reduction-form';
import { insuredPersonsResource, reductionOptionsResource, ReductionsApi } from '../reductions-api';

@Component({
  selector: 'app-reduction-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    TranslatePipe,
    FieldErrorPipe,
    PeriodPipe,
    LoadError,
    Notice,
    ListPage,
    CorrectionNotice,
  ],
  templateUrl: './reduction-page.html',
  styleUrl: './reduction-page.scss',
})
export class ReductionPage {
  private readonly api = inject(ReductionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly declare = viewChild.required('declare', { read: ElementRef<HTMLElement> });
  private readonly key = new SubmissionKey();

  protected readonly options = reductionOptionsResource();
  /** The picker's search, order and page in the URL. */
  protected readonly list = listState({
    q: queryParam(insuredQuery.shape.q),
    sort: queryParam(insuredQuery.shape.sort),
    direction: queryParam(insuredQuery.shape.direction),
  });
  protected readonly search = this.list.searchBox('q');
  protected readonly picked = this.list.values;
  protected readonly paging = this.list.paging;
  protected readonly persons = insuredPersonsResource(() => ({ ...this.list.values(), status: 'active', ...this.paging.params() }));
  protected readonly rows = rowsOf(this.persons);
  protected readonly columns = ['name', 'idNumber', 'sex', 'startMonth', 'pending', 'pick'];

  protected readonly form = reductionForm();
  protected readonly selected = signal<InsuredPerson | null>(null);
  protected readonly terminating = TERMINATING_REASONS;
  protected readonly submitting = signal(false);
  protected readonly failure = signal<Message | null>(null);
  protected readonly submitted = signal<Submission | null>(null);
  /** A rejected reduction named by `?corrects=`: its person is looked up and picked, its reason and remark filled in. */
  protected readonly correction = correction();
  private readonly correcting = computed(() => this.correction.of('reduction'));
  private filledFor: number | null = null;

  constructor() {
    effect(() => {
      const rejected = this.correcting();
      if (!rejected || rejected.id === this.filledFor) return;
      const { idNumber, reason, remark } = rejected.payload;
      untracked(() => {
        if (this.list.values().q !== idNumber) void this.list.set({ q: idNumber }, true);
        this.form.patchValue({ reason, remark: remark ?? '' });
      });
      const person = this.rows().find((p) => p.idNumber === idNumber);
      if (person) {
        this.filledFor = rejected.id;
        untracked(() => this.choose(person));
      }
    });
  }

  protected choose(person: InsuredPerson): void {
    this.selected.set(person);
    this.failure.set(null);
    pick(this.form, person);
    // The form is below a page of persons: show it where the reduction goes on.
    this.declare().nativeElement.scrollIntoView({ block: 'start' });
  }

  protected submit(): void {
    const person = this.selected();
    const stopMonth = valueOf(this.options)?.stopMonth;
    this.failure.set(null);
    if (this.form.invalid || person === null || stopMonth === undefined) {
      this.form.markAllAsTouched();
      return;
    }
    const input = reductionInput(this.form);
    confirmed(this.dialog, {
      title: 'reductions.confirm.title',
      message: 'reductions.confirm.message',
      params: {
        name: person.name,
        month: displayPeriod(stopMonth),
        reason: this.translate.instant(`enums.reductionReason.${input.reason}`),
      },
      confirm: 'reductions.submit',
    })
      .pipe(
        switchMap(() => {
          this.submitting.set(true);
          return this.api.submit(input, this.key.for(input), this.correcting()?.id);
        }),
      )
      .subscribe({
        next: (declaration) => {
          this.key.done();
          this.submitting.set(false);
          this.submitted.set(declaration);
          this.selected.set(null);
          this.formDirective().resetForm();
          this.persons.reload();
          // Corrected: the to-do is done.
          if (declaration.correctsId !== null) this.correction.done();
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          if (!applyServerErrors(this.form, error)) this.failure.set(errorMessage(error));
        },
      });
  }
}
