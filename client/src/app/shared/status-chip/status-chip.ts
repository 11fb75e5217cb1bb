import { Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

/** A status as a coloured tag. */
@Component({
  selector: 'app-status-chip',
  imports: [TranslatePipe],
  template: `<span class="chip" [class]="status()" data-testid="status">{{ labels() + '.' + status() | translate }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      white-space: nowrap;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    .pending,
    .due,
    .suspended {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .approved,
    .paid,
    .active {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .rejected,
    .overdue {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class StatusChip {
  /** A submission's, payment detail's, insured person's or enrollment's status code. */
  readonly status = input.required<string>();
  /** The catalogue section that words the status. */
  readonly labels = input('enums.submissionStatus');
}
