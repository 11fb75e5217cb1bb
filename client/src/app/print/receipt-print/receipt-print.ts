import { Component, computed, inject, input, numberAttribute, resource } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { isChangeKind, type Submission, type SubmissionStatus } from '@common/api/submissions';
import { shanghaiDateTime } from '@common/fee-period';
import { TranslatePipe } from '@ngx-translate/core';
import { ChangeTable } from '../../shared/change-table/change-table';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { LoadError } from '../../shared/load-error/load-error';
import { valueOf } from '../../shared/resource-value';
import { PrintApi } from '../print-api';
import { ReceiptsApi } from '../../receipts/receipts-api';
import { PrintSeal, VERIFY_PAGE_URL } from '../print-seal/print-seal';
import { PrintSheet } from '../print-sheet/print-sheet';

/**
 * The receipt of a submission: one submission, or every row of a batch, with the review result, and the
 * receipt's verification code with a QR code of the page anyone holding the paper checks it on.
 */
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
  private readonly receipts = inject(ReceiptsApi);

  protected readonly submissions = resource({
    params: () => ({ id: this.id(), batchId: this.batchId() }),
    loader: async ({ params }): Promise<Submission[]> =>
      params.id ? [await this.api.submission(params.id)] : this.api.batchSubmissions(params.batchId!),
  });
  /** Issued on the first print; the receipt prints without it (and its QR code) if it cannot be had. */
  protected readonly verification = resource({
    params: () => {
      const [submissionId, batchId] = [this.id(), this.batchId()];
      return submissionId ? { submissionId } : batchId ? { batchId } : undefined;
    },
    loader: async ({ params }) => (await firstValueFrom(this.receipts.code(params))).code,
  });
  protected readonly code = computed(() => valueOf(this.verification));
  protected readonly verifyUrl = VERIFY_PAGE_URL;
  protected readonly rows = computed(() => valueOf(this.submissions));
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
  protected isChange(submission: Submission): boolean {
    return isChangeKind(submission.kind);
  }

  protected at(instant: string | null): string {
    return instant ? shanghaiDateTime(new Date(instant)) : '';
  }
}
