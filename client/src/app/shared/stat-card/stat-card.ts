import { Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

/** One figure on a home page: an icon, what it counts, the number. */
@Component({
  selector: 'app-stat-card',
  imports: [MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" class="card">
      <div class="label">
        <mat-icon>{{ icon() }}</mat-icon>
        <span>{{ label() }}</span>
      </div>
      <div class="value" data-testid="stat-value">{{ value() }}</div>
    </mat-card>
  `,
  styles: `
    .card {
      height: 100%;
      box-sizing: border-box;
      padding: 20px;
      background: var(--mat-sys-surface);
    }
    .label {
      display: flex;
      align-items: center;
      gap: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-title-small);
    }
    .value {
      margin-top: 12px;
      font: var(--mat-sys-display-small);
      color: var(--mat-sys-primary);
    }
  `,
})
export class StatCard {
  readonly icon = input.required<string>();
  readonly label = input.required<string>();
  readonly value = input.required<string | number>();
}
