import { Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { errorMessage } from '../../core/errors/api-error';

/** Why a page's data did not load, with a retry. */
@Component({
  selector: 'app-load-error',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <div class="load-error" role="alert" data-testid="load-error">
      <mat-icon>cloud_off</mat-icon>
      <span>{{ message().key | translate: message().params }}</span>
      <button mat-button type="button" (click)="retry.emit()">{{ 'common.retry' | translate }}</button>
    </div>
  `,
  styles: `
    .load-error {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class LoadError {
  readonly error = input.required<unknown>();
  readonly retry = output();

  protected readonly message = computed(() => errorMessage(this.error()));
}
