import { Component, computed, inject, input, numberAttribute, resource } from '@angular/core';
import { shanghaiDateTime } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { PrintSeal, VERIFY_PAGE_URL } from '../../print/print-seal/print-seal';
import { PrintSheet } from '../../print/print-sheet/print-sheet';
import { FenPipe } from '../../shared/format/fen.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { PayApi } from '../pay-api';

/**
 * The electronic payment receipt (社保费电子缴款单) of a paid order, printed by its payer: what was paid, for whom
 * (masked unless the payer themselves), and its verification code with a QR code of the public verification page.
 */
@Component({
  selector: 'app-payment-receipt-print',
  imports: [TranslatePipe, FenPipe, LoadError, PrintSeal, PrintSheet],
  templateUrl: './receipt-print.html',
})
export class PaymentReceiptPrint {
  /** The route's `:id`: the order. */
  readonly id = input.required({ transform: numberAttribute });

  private readonly api = inject(PayApi);

  protected readonly receipt = resource({
    params: () => ({ id: this.id() }),
    loader: ({ params }) => firstValueFrom(this.api.receipt(params.id)),
  });
  protected readonly r = computed(() => valueOf(this.receipt));
  protected readonly verifyUrl = VERIFY_PAGE_URL;

  protected at(instant: string): string {
    return shanghaiDateTime(new Date(instant));
  }
}
