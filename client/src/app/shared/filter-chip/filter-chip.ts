import { Component, output } from '@angular/core';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';

/** A filter the list is narrowed to (a unit, a batch), with a button that lifts it. */
@Component({
  selector: 'app-filter-chip',
  imports: [MatChipsModule, MatIconModule, TranslatePipe],
  template: `
    <mat-chip-set>
      <mat-chip (removed)="removed.emit()">
        <ng-content />
        <button matChipRemove [attr.aria-label]="'submissions.clearFilter' | translate">
          <mat-icon>cancel</mat-icon>
        </button>
      </mat-chip>
    </mat-chip-set>
  `,
})
export class FilterChip {
  readonly removed = output();
}
