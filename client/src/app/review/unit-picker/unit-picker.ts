import { booleanAttribute, Component, computed, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { UnitSummary } from '@common/api/payments';
import { TranslatePipe } from '@ngx-translate/core';
import { searchTerm } from '../../shared/table/paging';
import { reviewUnitsResource } from '../review-api';

/**
 * Finds a unit on the server as the reviewer types a part of its name or the start of its credit code.
 * `cleared` empties the field once a unit is chosen (the console shows its choice as a chip).
 */
@Component({
  selector: 'app-unit-picker',
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, TranslatePipe],
  template: `
    <mat-form-field [class.wide]="!cleared()">
      <mat-label>{{ 'reviewUnits.label' | translate }}</mat-label>
      <input
        matInput
        [formControl]="control"
        [matAutocomplete]="unitList"
        autocomplete="off"
        [placeholder]="'reviewUnits.placeholder' | translate"
        [attr.data-testid]="testId()"
      />
      <mat-autocomplete #unitList [displayWith]="unitName" (optionSelected)="choose($event.option.value)">
        @for (unit of options(); track unit.id) {
          <mat-option [value]="unit" [attr.data-testid]="testId() + '-option'">
            {{ unit.name }} <span class="code">{{ unit.creditCode }}</span>
          </mat-option>
        }
        @if (searched() && units.hasValue() && options().length === 0) {
          <mat-option disabled>{{ 'reviewUnits.none' | translate }}</mat-option>
        }
      </mat-autocomplete>
      @if (units.isLoading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (units.error()) {
        <mat-hint class="failed">{{ 'reviewUnits.failed' | translate }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
    .wide {
      width: 360px;
      max-width: 100%;
    }
    .code {
      margin-left: 8px;
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.85em;
    }
    .failed {
      color: var(--mat-sys-error);
    }
  `,
})
export class UnitPicker {
  readonly testId = input('unit-picker');
  readonly cleared = input(false, { transform: booleanAttribute });
  readonly chosen = output<UnitSummary>();

  protected readonly control = new FormControl<string | UnitSummary>('', { nonNullable: true });
  private readonly term = searchTerm(this.control);
  private readonly value = toSignal(this.control.valueChanges, { initialValue: this.control.value });
  /** What to look for: nothing once a unit is chosen or the field is emptied, without waiting for the pause. */
  protected readonly searched = computed(() => {
    const value = this.value();
    return typeof value === 'string' && value.trim() !== '' ? this.term() : '';
  });
  protected readonly units = reviewUnitsResource(this.searched);
  protected readonly options = computed(() => (this.searched() ? (this.units.value()?.items ?? []) : []));
  protected readonly unitName = (unit: UnitSummary | string | null) => (typeof unit === 'string' ? unit : (unit?.name ?? ''));

  protected choose(unit: UnitSummary): void {
    this.chosen.emit(unit);
    if (this.cleared()) this.control.setValue('');
  }
}
