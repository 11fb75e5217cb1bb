import { Component, computed, inject, input, numberAttribute, resource } from '@angular/core';
import { isChangeKind, type Submission, type SubmissionStatus } from '@common/api/submissions';
import { shanghaiDateTime } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { ChangeTable } from '../../shared/change-table/change-table';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { PrintApi } from '../print-api';
import { PrintSeal } from '../print-seal/print-seal';
import { PrintSheet } from '../print-sheet/print-sheet';

/** The receipt of a submission: one declaration, or every row of a batch, with the review result. */
@Component({
  selector: 'app-receipt-print',
  imports: [TranslatePipe, ChangeTable, PeriodPipe, LoadError, PrintSeal, PrintSheet],
  templateUrl: './receipt-print.html',
})
export class ReceiptPrint {
  /** One submission (route `submissions/:id`) … */
  readonly id = input(undefined, { transform: numberAttribute });
  /** … or a whole batch (route `batches/:batchId`). */
  readonly batchId = input(undefined, { transform: numberAttribute });

  private readonly api = inject(PrintApi);

  protected readonly declarations = resource({
    params: () => ({ id: this.id(), batchId: this.batchId() }),
    loader: async ({ params }): Promise<Submission[]> =>
      params.id ? [await this.api.declaration(params.id)] : this.api.batchDeclarations(params.batchId!),
  });
  protected readonly rows = computed(() => valueOf(this.declarations));
  protected readonly first = computed(() => this.rows()?.[0]);
  /** A withdrawn row was declared and taken back: counted apart, not among the rows declared. */
  protected readonly counts = computed(() => {
    const counts: Record<SubmissionStatus, number> = { pending: 0, approved: 0, rejected: 0, withdrawn: 0 };
    for (const d of this.rows() ?? []) counts[d.status]++;
    return { ...counts, declared: counts.pending + counts.approved + counts.rejected };
  });
  /** A reduction's month is the month coverage stops, an addition's the month it starts. */
  protected readonly monthLabel = computed(() => {
    const kinds = new Set((this.rows() ?? []).filter((d) => d.effectiveMonth).map((d) => d.kind));
    if (kinds.size !== 1) return 'submissions.month';
    return kinds.has('reduction') ? 'submissions.stopMonth' : 'submissions.effectiveMonth';
  });
  /** A change of registered facts prints its fields before and after below the row. */
  protected isChange(declaration: Submission): boolean {
    return isChangeKind(declaration.kind);
  }

  protected at(instant: string | null): string {
    return instant ? shanghaiDateTime(new Date(instant)) : '';
  }
}
