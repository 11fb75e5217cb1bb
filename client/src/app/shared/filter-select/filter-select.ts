import { Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';

/** What a filter offers: its label, its values and how each is worded. */
export interface ListFilter<T extends string | number> {
  /** Translation key of the filter's label. */
  label: string;
  options: readonly T[];
  /** The catalogue section of the options' words (`${optionLabels}.${option}`) … */
  optionLabels?: string;
  /** … or a function wording an option (a user, say, rather than a code). */
  optionText?: (option: T) => string;
  /** Translation key of the option that lifts the filter; none for a filter that always has a value. */
  allLabel?: string;
}

/**
 * One filter of a list's filter bar: a select of the filter's values, the list's state (the URL) in `value` and
 * its change out of `valueChange`; undefined is "all", as the list's query reads an absent parameter.
 */
@Component({
  selector: 'app-filter-select',
  imports: [MatFormFieldModule, MatSelectModule, TranslatePipe],
  template: `
    @let offered = filter();
    <mat-form-field>
      <mat-label>{{ offered.label | translate }}</mat-label>
      <mat-select [value]="value() ?? ''" (valueChange)="changed($event)" [attr.data-testid]="testId()">
        @if (offered.allLabel; as all) {
          <mat-option value="">{{ all | translate }}</mat-option>
        }
        @for (option of offered.options; track option) {
          <mat-option [value]="option">
            @if (offered.optionText; as text) {
              {{ text(option) }}
            } @else {
              {{ offered.optionLabels + '.' + option | translate }}
            }
          </mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  // As wide as the filter bar's other fields (list-page/_index.scss); a page widens one through its element.
  styles: `
    :host {
      display: block;
      width: 140px;
    }

    mat-form-field {
      width: 100%;
    }
  `,
})
export class FilterSelect<T extends string | number> {
  readonly filter = input.required<ListFilter<T>>();
  readonly value = input<T | undefined>();
  readonly testId = input.required<string>();
  readonly valueChange = output<T | undefined>();

  protected changed(value: T | ''): void {
    this.valueChange.emit(value === '' ? undefined : value);
  }
}
