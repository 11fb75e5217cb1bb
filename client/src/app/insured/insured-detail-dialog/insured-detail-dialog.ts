import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslatePipe } from '@ngx-translate/core';
import { Fact, Facts } from '../../shared/facts/facts';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { StatusChip } from '../../shared/status-chip/status-chip';
import { insuredDetailResource } from '../insured-api';

export interface InsuredDetailDialogData {
  personId: number;
}

/** One insured person in three tabs: who they are (whole ID number), how to reach them, and their coverage. */
@Component({
  selector: 'app-insured-detail-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatProgressBarModule,
    MatTabsModule,
    TranslatePipe,
    Fact,
    Facts,
    FenPipe,
    PeriodPipe,
    LoadError,
    StatusChip,
  ],
  templateUrl: './insured-detail-dialog.html',
  styleUrl: './insured-detail-dialog.scss',
})
export class InsuredDetailDialog {
  private readonly data = inject<InsuredDetailDialogData>(MAT_DIALOG_DATA);

  protected readonly person = insuredDetailResource(() => this.data.personId);
}
