import { Component, computed, effect, input, model, signal, untracked, type Signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, type AbstractControl, type ValidationErrors } from '@angular/forms';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { displayPeriod, type FeePeriod } from '@common/fee-period';
import { EMPLOYEE_INSURANCE_TYPES, type EmployeeInsuranceType } from '@common/insurance';
import { TranslatePipe } from '@ngx-translate/core';
import { MONTH_PICKER, pickMonth } from '../../shared/dates/iso-date-adapter';
import { filter, map, merge } from 'rxjs';

/** Fee periods from and to (`YYYYMM`, either open) and one insurance type or all. */
export interface PeriodFilter {
  from?: FeePeriod;
  to?: FeePeriod;
  insuranceType?: EmployeeInsuranceType;
}

const NO_FILTER: PeriodFilter = {};

/** A list whose URL holds `from`, `to` and `insuranceType` (a `ListState`). */
interface PeriodList {
  readonly values: Signal<PeriodFilter>;
  set(changes: PeriodFilter): Promise<boolean>;
}

/**
 * The period filters of a list kept in its URL, for `<app-period-filters [value]="periods.value()"
 * (valueChange)="periods.change($event)">`: `value` is null while the fields are not valid, and nothing is asked then.
 */
export class PeriodsInUrl {
  private readonly invalid = signal(false);
  readonly value = computed((): PeriodFilter | null => {
    if (this.invalid()) return null;
    const { from, to, insuranceType } = this.list.values();
    return { from, to, insuranceType };
  });

  constructor(private readonly list: PeriodList) {}

  change(value: PeriodFilter | null): void {
    if (value === null || sameFilter(value, this.list.values())) {
      this.invalid.set(value === null);
      return;
    }
    // Valid again only once the URL holds the new filters: the old ones are not asked for on the way.
    void this.list.set({ from: value.from, to: value.to, insuranceType: value.insuranceType }).then(() => this.invalid.set(false));
  }
}

function sameFilter(a: PeriodFilter | null, b: PeriodFilter | null): boolean {
  if (a === null || b === null) return a === b;
  return a.from === b.from && a.to === b.to && a.insuranceType === b.insuranceType;
}

/** What a month input holds (`YYYY-MM`); browsers without one let people type it. */
export const MONTH_VALUE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Empty, or text the month picker could not read (which leaves the control empty too). */
const monthFormat = (control: AbstractControl<string | null>): ValidationErrors | null =>
  !control.value || MONTH_VALUE.test(control.value) ? null : { format: true };

const periodOf = (month: string | null): FeePeriod | undefined => (month ? month.replace('-', '') : undefined);
const monthOf = (period: FeePeriod | undefined): string => (period ? displayPeriod(period) : '');

/** A wrong month shows at once, not only after the field is left. */
const atOnce: ErrorStateMatcher = { isErrorState: (control) => !!control?.invalid };

/** The filters both payment lists share: a range of fee periods (the second not before the first) and a type. */
@Component({
  selector: 'app-period-filters',
  imports: [ReactiveFormsModule, MatDatepickerModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  providers: [MONTH_PICKER],
  template: `
    @for (end of ends; track end.id) {
      <mat-form-field>
        <mat-label>{{ end.label | translate }}</mat-label>
        <input
          matInput
          [matDatepicker]="picker"
          [formControl]="end.control"
          [errorStateMatcher]="atOnce"
          [attr.data-testid]="testId() + '-' + end.id"
        />
        <mat-datepicker-toggle matIconSuffix [for]="picker" />
        <mat-datepicker #picker startView="multi-year" (monthSelected)="pickMonth(end.control, $event, picker)" />
        <mat-error>{{ (end.control.hasError('order') ? 'payments.range.order' : 'payments.range.format') | translate }}</mat-error>
      </mat-form-field>
    }
    <mat-form-field class="type">
      <mat-label>{{ 'payments.fields.insuranceType' | translate }}</mat-label>
      <mat-select [formControl]="insuranceType" [attr.data-testid]="testId() + '-insurance-type'">
        <mat-option value="">{{ 'payments.all' | translate }}</mat-option>
        @for (type of insuranceTypes; track type) {
          <mat-option [value]="type">{{ 'enums.insuranceType.' + type | translate }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
    mat-form-field {
      /* Room for the longest label (es "Desde el periodo") beside the calendar button. */
      width: 200px;
    }
    .type {
      width: 200px;
    }
  `,
})
export class PeriodFilters {
  /**
   * The filters chosen; null while a month is malformed or the range runs backwards. Filters set from outside
   * (the URL, on back or a link) fill the fields.
   */
  readonly value = model<PeriodFilter | null>(NO_FILTER);
  readonly testId = input.required<string>();

  protected readonly atOnce = atOnce;
  protected readonly pickMonth = pickMonth;
  protected readonly insuranceTypes = EMPLOYEE_INSURANCE_TYPES;
  protected readonly from = new FormControl('', { nonNullable: true, validators: monthFormat });
  protected readonly to = new FormControl('', {
    nonNullable: true,
    validators: [
      monthFormat,
      (control: AbstractControl<string>) =>
        this.from.valid && this.from.value && control.value && control.value < this.from.value ? { order: true } : null,
    ],
  });
  protected readonly insuranceType = new FormControl<EmployeeInsuranceType | ''>('', { nonNullable: true });
  protected readonly ends = [
    { id: 'from', label: 'payments.range.from', control: this.from },
    { id: 'to', label: 'payments.range.to', control: this.to },
  ];

  constructor() {
    effect(() => {
      const value = this.value();
      untracked(() => {
        if (value === null || sameFilter(value, this.chosen())) return;
        this.from.setValue(monthOf(value.from), { emitEvent: false });
        this.to.setValue(monthOf(value.to), { emitEvent: false });
        this.insuranceType.setValue(value.insuranceType ?? '', { emitEvent: false });
      });
    });
    this.from.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.to.updateValueAndValidity({ emitEvent: false }));
    merge(this.from.valueChanges, this.to.valueChanges, this.insuranceType.valueChanges)
      .pipe(
        map(() => this.chosen()),
        // Only a filter that differs from the one in force asks the server again.
        filter((chosen) => !sameFilter(chosen, this.value())),
        takeUntilDestroyed(),
      )
      .subscribe((value) => this.value.set(value));
  }

  private chosen(): PeriodFilter | null {
    return this.from.valid && this.to.valid
      ? { from: periodOf(this.from.value), to: periodOf(this.to.value), insuranceType: this.insuranceType.value || undefined }
      : null;
  }
}
