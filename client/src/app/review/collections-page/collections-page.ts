import { Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, type AbstractControl, type ValidationErrors, type ValidatorFn } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { AssessmentResult, CollectionResult, UnitSummary } from '@common/api/payments';
import type { FeePeriod } from '@common/fee-period';
import { fenFromYuan } from '@common/validators/yuan';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { MONTH_VALUE } from '../../payments/period-filters/period-filters';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog';
import { FieldErrorPipe } from '../../shared/forms/field-error.pipe';
import { maxLength, required } from '../../shared/forms/field-validators';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { Notice } from '../../shared/notice/notice';
import { ReviewApi } from '../review-api';
import { UnitPicker } from '../unit-picker/unit-picker';

const month: ValidatorFn = (control) => {
  if (control.value === '') return { REQUIRED: true };
  return MONTH_VALUE.test(control.value) ? null : { MONTH_FORMAT: true };
};

/** Yuan as typed (full-width digits, commas, ¥ and 元 allowed), more than nothing. */
const amount: ValidatorFn = (control) => {
  if (String(control.value).trim() === '') return { REQUIRED: true };
  const fen = fenFromYuan(String(control.value));
  if (fen === null) return { AMOUNT_FORMAT: true };
  return fen === 0 ? { AMOUNT_NOT_POSITIVE: true } : null;
};

const date: ValidatorFn = (control) => (/^\d{4}-\d{2}-\d{2}$/.test(control.value) ? null : { REQUIRED: true });

/** The request's fields that the form holds under another name or shape. */
const CONTROL_OF = { feePeriod: 'period', amountFen: 'amount', collectedOn: 'collectedOn', serial: 'serial' } as const;

const text = (validators: ValidatorFn[]) => new FormControl('', { nonNullable: true, validators });

/** What the page last did, shown until the next action or another unit or period. */
type Outcome =
  | { kind: 'assessed'; unit: UnitSummary; result: AssessmentResult }
  | { kind: 'collected'; unit: UnitSummary; result: CollectionResult }
  | { kind: 'failed'; message: Message };

function narrowed<K extends Outcome['kind']>(outcome: Outcome | null, kind: K): Extract<Outcome, { kind: K }> | null {
  return outcome?.kind === kind ? (outcome as Extract<Outcome, { kind: K }>) : null;
}

/**
 * The agency's work on a unit's fee period: assess it again from the enrollments in force (after a
 * confirmation), or record the amount collected, which makes the period's unpaid details paid.
 */
@Component({
  selector: 'app-collections-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
    FieldErrorPipe,
    FenPipe,
    PeriodPipe,
    Notice,
    UnitPicker,
  ],
  templateUrl: './collections-page.html',
  styleUrl: './collections-page.scss',
})
export class CollectionsPage {
  private readonly api = inject(ReviewApi);
  private readonly dialog = inject(MatDialog);

  protected readonly unit = signal<UnitSummary | null>(null);
  /** The period both actions work on, and what a collection records. */
  protected readonly form = new FormGroup({
    period: text([month]),
    amount: text([amount]),
    collectedOn: text([date]),
    serial: text([required, maxLength('collectionSerial')]),
  });
  protected readonly working = signal(false);
  protected readonly outcome = signal<Outcome | null>(null);
  protected readonly assessed = computed(() => narrowed(this.outcome(), 'assessed'));
  protected readonly collected = computed(() => narrowed(this.outcome(), 'collected'));
  protected readonly failure = computed(() => narrowed(this.outcome(), 'failed')?.message ?? null);

  constructor() {
    this.form.controls.period.valueChanges.subscribe(() => this.outcome.set(null));
  }

  protected pick(unit: UnitSummary): void {
    this.unit.set(unit);
    this.outcome.set(null);
  }

  /** The server's wording of a field error when it sent one (it names the amount due), else the form's own. */
  protected serverMessage(control: AbstractControl): string | null {
    const first = Object.values(control.errors ?? {})[0] as ValidationErrors | true | undefined;
    return typeof first === 'object' && typeof first['server'] === 'string' ? first['server'] : null;
  }

  /** The unit and the period, or null after marking what is missing. */
  private target(): { unit: UnitSummary; feePeriod: FeePeriod } | null {
    const period = this.form.controls.period;
    period.markAsTouched();
    const unit = this.unit();
    if (unit === null) {
      this.outcome.set({ kind: 'failed', message: { key: 'collections.pickUnit', params: {} } });
      return null;
    }
    return period.valid ? { unit, feePeriod: period.value.replace('-', '') } : null;
  }

  protected assess(): void {
    const target = this.target();
    if (target === null) return;
    this.outcome.set(null);
    confirmed(this.dialog, {
      title: 'collections.assessTitle',
      message: 'collections.assessConfirm',
      params: { unit: target.unit.name, period: this.form.controls.period.value },
      confirm: 'collections.assess',
    }).subscribe(() => {
      this.working.set(true);
      this.api.assess(target.unit.id, target.feePeriod).subscribe({
        next: (result) => this.done({ kind: 'assessed', unit: target.unit, result }),
        error: (error: unknown) => this.failed(error),
      });
    });
  }

  protected record(): void {
    const target = this.target();
    this.form.markAllAsTouched();
    if (target === null || this.form.invalid) return;
    const { amount: yuan, collectedOn, serial } = this.form.getRawValue();
    this.outcome.set(null);
    this.working.set(true);
    this.api
      .recordCollection({
        unitId: target.unit.id,
        feePeriod: target.feePeriod,
        amountFen: fenFromYuan(yuan) ?? 0,
        collectedOn,
        serial: serial.trim(),
      })
      .subscribe({
        next: (result) => {
          for (const control of [this.form.controls.amount, this.form.controls.serial]) control.reset();
          this.done({ kind: 'collected', unit: target.unit, result });
        },
        error: (error: unknown) => this.failed(error),
      });
  }

  private done(outcome: Outcome): void {
    this.working.set(false);
    this.outcome.set(outcome);
  }

  private failed(error: unknown): void {
    this.working.set(false);
    if (!applyServerErrors(this.form, error, CONTROL_OF)) this.outcome.set({ kind: 'failed', message: errorMessage(error) });
  }
}
