import { Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

const ICONS = { success: 'check_circle', warning: 'warning', error: 'error' } as const;

/** A line that tells the outcome of what the user did (or warns before they do it), with room for a link. */
@Component({
  selector: 'app-notice',
  imports: [MatIconModule],
  host: { '[class]': 'kind()', '[attr.role]': "kind() === 'success' ? 'status' : 'alert'" },
  template: `<mat-icon>{{ icon() }}</mat-icon
    ><span class="text"><ng-content /></span><ng-content select="[notice-action]" />`,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 12px;
      margin-bottom: 16px;
      padding: 8px 16px;
      border-radius: 8px;
    }
    :host(.success) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.warning) {
      background: var(--hall-warning-container);
      color: var(--hall-on-warning-container);
      border-left: 4px solid var(--hall-warning);
    }
    :host(.warning) mat-icon {
      color: var(--hall-warning);
    }
    :host(.error) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .text {
      flex: 1;
    }
  `,
})
export class Notice {
  readonly kind = input<keyof typeof ICONS>('success');
  protected readonly icon = computed(() => ICONS[this.kind()]);
}
