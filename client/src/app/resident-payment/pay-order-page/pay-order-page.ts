import { DOCUMENT } from '@angular/common';
import { Component, computed, DestroyRef, effect, inject, input, numberAttribute, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { shanghaiDateTime } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { FenPipe } from '../../shared/format/fen.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { Notice } from '../../shared/notice/notice';
import { valueOf } from '../../shared/resource-value';
import { PayApi } from '../pay-api';

/** How often the page asks the hall about a paying order: the browser's return proves nothing, the hall's answer does. */
export const POLL_MS = 2000;

/**
 * Steps 7–8: pay the order on the payment channel's own page, come back, and see the result the hall
 * learned from the channel (its signed notification or its answer to a query), the payment record and the receipt.
 */
@Component({
  selector: 'app-pay-order-page',
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatProgressSpinnerModule, RouterLink, TranslatePipe, FenPipe, LoadError, Notice],
  templateUrl: './pay-order-page.html',
  styleUrl: './pay-order-page.scss',
})
export class PayOrderPage {
  /** The route's `:id`. */
  readonly id = input.required({ transform: numberAttribute });

  private readonly api = inject(PayApi);
  private readonly document = inject(DOCUMENT);

  protected readonly order = resource({
    params: () => ({ id: this.id() }),
    loader: ({ params }) => firstValueFrom(this.api.order(params.id)),
  });
  protected readonly current = computed(() => valueOf(this.order));
  protected readonly starting = signal(false);
  protected readonly failure = signal<Message | null>(null);

  constructor() {
    const timer = setInterval(() => {
      if (this.current()?.status === 'paying' && !this.order.isLoading()) this.order.reload();
    }, POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    effect(() => {
      if (this.current()?.status !== 'paying') this.starting.set(false);
    });
  }

  /** To the channel's pay page; the channel sends the browser back here. */
  protected async pay(): Promise<void> {
    this.failure.set(null);
    this.starting.set(true);
    try {
      const { payUrl } = await firstValueFrom(this.api.pay(this.id()));
      this.document.location.assign(payUrl);
    } catch (error) {
      this.starting.set(false);
      this.failure.set(errorMessage(error));
    }
  }

  protected at(instant: string): string {
    return shanghaiDateTime(new Date(instant));
  }
}
