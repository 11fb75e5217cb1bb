import { Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { SUBMISSION_QUEUES, submissionQuery, type Submission, type SubmissionQueue } from '@common/api/submissions';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { switchMap } from 'rxjs';
import { ErrorNotifier } from '../../core/errors/error-notifier.service';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog';
import { showSubmission, type SubmissionDetailData } from '../../shared/submission-detail/submission-detail-dialog';
import { SUBMISSION_KIND_FILTER, SubmissionTable } from '../../shared/submission-table/submission-table';
import { FilterChip } from '../../shared/filter-chip/filter-chip';
import { ListPage } from '../../shared/list-page/list-page';
import { FilterSelect } from '../../shared/filter-select/filter-select';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { Toast } from '../../shared/toast';
import { queueParams, submissionPageResource, SUBMISSIONS_EXPORT, SubmissionsApi } from '../submissions-api';

const COLUMNS: Record<SubmissionQueue, string[]> = {
  pending: ['personName', 'idNumber', 'kind', 'effectiveMonth', 'batch', 'submittedAt', 'actions'],
  audited: ['personName', 'idNumber', 'kind', 'effectiveMonth', 'status', 'reviewedAt', 'reviewReason', 'actions'],
};

/** The unit's submissions: pending ones (which it may withdraw) and audited ones with the reviewer's answer. */
@Component({
  selector: 'app-queue-page',
  imports: [
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    MatIconModule,
    MatTableModule,
    MatTabsModule,
    TranslatePipe,
    SubmissionTable,
    FilterChip,
    ListPage,
    FilterSelect,
  ],
  templateUrl: './queue-page.html',
  styleUrl: './queue-page.scss',
})
export class QueuePage {
  private readonly api = inject(SubmissionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly toast = inject(Toast);
  private readonly notifier = inject(ErrorNotifier);

  /** From the route. */
  readonly queue = input<SubmissionQueue>('pending');
  protected readonly queues = SUBMISSION_QUEUES;
  protected readonly kindFilter = SUBMISSION_KIND_FILTER;
  /** Search, kind and the batch (as linked from the batch upload) in the URL. */
  protected readonly list = listState({
    q: queryParam(submissionQuery.shape.q),
    kind: queryParam(submissionQuery.shape.kind),
    batchId: queryParam(submissionQuery.shape.batchId),
  });
  protected readonly search = this.list.searchBox('q');
  protected readonly filters = this.list.values;
  protected readonly paging = this.list.paging;
  /** The queue and its filters: the list's and the export's. */
  private readonly queueFilters = computed(() => ({ queue: this.queue(), ...this.filters() }));
  protected readonly submissions = submissionPageResource(() => ({ ...this.queueFilters(), ...this.paging.params() }));
  protected readonly exportUrl = SUBMISSIONS_EXPORT;
  protected readonly exportParams = computed(() => queueParams(this.queueFilters()));
  protected readonly columns = computed(() => COLUMNS[this.queue()]);
  protected readonly withdrawingId = signal<number | null>(null);

  protected clearBatch(): void {
    void this.list.set({ batchId: undefined });
  }

  protected showDetail(submission: Submission): void {
    const data: SubmissionDetailData = {
      load: () => this.api.detail(submission.id),
      actions: [{ id: 'withdraw', label: 'submissions.withdraw', testId: 'detail-withdraw', warn: true }],
    };
    showSubmission(this.dialog, data).subscribe(() => this.withdraw(submission));
  }

  protected withdraw(submission: Submission): void {
    const params = {
      name: submission.personName ?? this.translate.instant('submissions.theUnit'),
      kind: this.translate.instant(`enums.submissionKind.${submission.kind}`),
    };
    confirmed(this.dialog, {
      title: 'submissions.withdrawConfirm.title',
      message: 'submissions.withdrawConfirm.message',
      params,
      confirm: 'submissions.withdraw',
    })
      .pipe(
        switchMap(() => {
          this.withdrawingId.set(submission.id);
          return this.api.withdraw(submission.id);
        }),
      )
      .subscribe({
        next: () => {
          this.withdrawingId.set(null);
          this.toast.show('submissions.withdrawn', params);
          this.submissions.reload();
        },
        error: (error: unknown) => {
          this.withdrawingId.set(null);
          this.notifier.show(error);
          this.submissions.reload();
        },
      });
  }
}
