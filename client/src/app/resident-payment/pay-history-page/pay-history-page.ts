import { Component, computed, inject, input, numberAttribute, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { shanghaiDateTime, shanghaiParts } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { FenPipe } from '../../shared/format/fen.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { PayApi } from '../pay-api';

const PAGE_SIZE = 10;

/** The person's resident payments by year (paid by them, for themselves or others, or for them), paged on the server; state in the URL. */
@Component({
  selector: 'app-pay-history-page',
  imports: [MatButtonModule, MatCardModule, MatFormFieldModule, MatSelectModule, RouterLink, TranslatePipe, FenPipe, LoadError],
  templateUrl: './pay-history-page.html',
  styleUrl: './pay-history-page.scss',
})
export class PayHistoryPage {
  /** Query parameters. */
  readonly year = input(undefined, { transform: (v: unknown) => (v ? numberAttribute(v) : undefined) });
  readonly page = input(0, { transform: (v: unknown) => numberAttribute(v, 0) });

  private readonly api = inject(PayApi);
  private readonly router = inject(Router);

  protected readonly payments = resource({
    params: () => ({ year: this.year(), page: this.page(), pageSize: PAGE_SIZE }),
    loader: ({ params }) => firstValueFrom(this.api.residentPayments(params)),
  });
  protected readonly list = computed(() => valueOf(this.payments));
  protected readonly pages = computed(() => Math.max(1, Math.ceil((this.list()?.total ?? 0) / PAGE_SIZE)));
  /** The coverage years a person can have paid through the hall. */
  protected readonly years = Array.from({ length: 4 }, (_, i) => shanghaiParts(new Date()).year + 1 - i);

  protected show(query: { year?: number | null; page?: number }): void {
    void this.router.navigate([], { queryParams: query, queryParamsHandling: 'merge' });
  }

  protected at(instant: string): string {
    return shanghaiDateTime(new Date(instant));
  }
}
