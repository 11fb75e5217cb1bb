import { Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';

/** One part of the unit's information, as a card with an icon and a title (a translation key). */
@Component({
  selector: 'app-info-section',
  imports: [MatCardModule, MatIconModule, TranslatePipe],
  template: `
    <mat-card appearance="outlined" class="page-section">
      <mat-card-header>
        <mat-icon mat-card-avatar>{{ icon() }}</mat-icon>
        <mat-card-title
          ><h2>{{ heading() | translate }}</h2></mat-card-title
        >
      </mat-card-header>
      <mat-card-content><ng-content /></mat-card-content>
    </mat-card>
  `,
  styles: `
    .page-section {
      height: 100%;
      box-sizing: border-box;
      margin-bottom: 0;
    }
    mat-card-content {
      padding-top: 12px;
    }
    mat-icon[mat-card-avatar] {
      display: grid;
      place-items: center;
      color: var(--mat-sys-primary);
    }
  `,
})
export class InfoSection {
  readonly icon = input.required<string>();
  readonly heading = input.required<string>();
}
