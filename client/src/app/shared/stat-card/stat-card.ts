import { NgTemplateOutlet } from '@angular/common';
import { Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

/** One figure on a home page: an icon, what it counts, the number; with `link`, it opens the list it counts. */
@Component({
  selector: 'app-stat-card',
  imports: [NgTemplateOutlet, MatCardModule, MatIconModule, RouterLink],
  template: `
    <ng-template #figure>
      <div class="label">
        <mat-icon>{{ icon() }}</mat-icon>
        <span>{{ label() }}</span>
      </div>
      <div class="value" data-testid="stat-value">{{ value() }}</div>
    </ng-template>
    @if (link(); as link) {
      <a class="card link" [routerLink]="link" data-testid="stat-link">
        <ng-container *ngTemplateOutlet="figure" />
      </a>
    } @else {
      <mat-card appearance="outlined" class="card">
        <ng-container *ngTemplateOutlet="figure" />
      </mat-card>
    }
  `,
  styles: `
    .card {
      display: block;
      height: 100%;
      box-sizing: border-box;
      padding: 20px;
      background: var(--mat-sys-surface);
    }
    /* A figure that opens its list: the card's look, a link's behaviour. */
    .link {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      color: inherit;
      text-decoration: none;
    }
    .link:hover,
    .link:focus-visible {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
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
  readonly link = input<string>();
}
