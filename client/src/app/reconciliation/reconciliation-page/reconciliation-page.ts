import { Component, computed, inject, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { shanghaiDateTime } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { FenPipe } from '../../shared/format/fen.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { Notice } from '../../shared/notice/notice';
import { reconciliationResource } from '../reconciliation-api';

/** The reviewer's reconciliation of a day (the `day` query parameter; yesterday in Shanghai unless given): every difference. */
@Component({
  selector: 'app-reconciliation-page',
  imports: [MatCardModule, MatFormFieldModule, MatInputModule, TranslatePipe, FenPipe, LoadError, Notice],
  templateUrl: './reconciliation-page.html',
  styleUrl: './reconciliation-page.scss',
})
export class ReconciliationPage {
  readonly day = input<string>();

  private readonly router = inject(Router);
  /** The statement of a day is complete once the day is over: yesterday by default. */
  protected readonly shownDay = computed(() => this.day() ?? shanghaiDateTime(new Date(Date.now() - 86_400_000)).slice(0, 10));
  protected readonly result = reconciliationResource(this.shownDay);

  protected pick(day: string): void {
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) void this.router.navigate([], { queryParams: { day } });
  }

  protected at(instant: string | null): string {
    return instant ? shanghaiDateTime(new Date(instant)) : '—';
  }
}
