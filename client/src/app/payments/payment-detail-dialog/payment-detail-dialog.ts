import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import { Fact, Facts } from '../../shared/facts/facts';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { StatusChip } from '../../shared/status-chip/status-chip';
import { paymentDetailResource } from '../payments-api';
import { RatePipe } from './rate.pipe';

export interface PaymentDetailDialogData {
  id: number;
}

/** One payment detail in full: the whole ID number (lists show it masked), base, rates and amounts, collection. */
@Component({
  selector: 'app-payment-detail-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule, TranslatePipe, Fact, Facts, FenPipe, PeriodPipe, RatePipe, LoadError, StatusChip],
  templateUrl: './payment-detail-dialog.html',
  styleUrl: './payment-detail-dialog.scss',
})
export class PaymentDetailDialog {
  private readonly data = inject<PaymentDetailDialogData>(MAT_DIALOG_DATA);

  protected readonly payment = paymentDetailResource(() => this.data.id);
}
