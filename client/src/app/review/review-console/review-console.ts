import { Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import {
  SUBMISSION_STATUSES,
  reviewQuery,
  type ReviewDecision,
  type ReviewResult,
  type Submission,
  type SubmissionStatus,
} from '@common/api/submissions';
import type { UnitSummary } from '@common/api/payments';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { filter, type Observable } from 'rxjs';
import { showSubmission, type SubmissionDetailData } from '../../shared/submission-detail/submission-detail-dialog';
import { SUBMISSION_KIND_FILTER, SubmissionTable } from '../../shared/submission-table/submission-table';
import { FilterChip } from '../../shared/filter-chip/filter-chip';
import { ListPage } from '../../shared/list-page/list-page';
import { FilterSelect, type ListFilter } from '../../shared/filter-select/filter-select';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { valueOf } from '../../shared/resource-value';
import { Toast } from '../../shared/toast';
import { DecisionDialog, type DecisionDialogData } from '../decision-dialog/decision-dialog';
import { ReviewApi, reviewSubmissionsResource } from '../review-api';
import { UnitPicker } from '../unit-picker/unit-picker';
import { DAY_PICKER } from '../../shared/dates/iso-date-adapter';

/** Narrowed to by clicking a unit's name or a batch in the list. */
type Narrowing = 'unitId' | 'batchId';

/** The reviewer's console: every unit's submissions, filtered; approve or reject one, or a whole batch. */
@Component({
  selector: 'app-review-console',
  imports: [
    MatDatepickerModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTableModule,
    TranslatePipe,
    SubmissionTable,
    FilterChip,
    ListPage,
    FilterSelect,
    UnitPicker,
  ],
  providers: [DAY_PICKER],
  templateUrl: './review-console.html',
  styleUrl: './review-console.scss',
})
export class ReviewConsole {
  private readonly api = inject(ReviewApi);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly toast = inject(Toast);

  protected readonly statusFilter: ListFilter<SubmissionStatus> = {
    label: 'submissions.status',
    options: SUBMISSION_STATUSES,
    optionLabels: 'enums.submissionStatus',
  };
  protected readonly kindFilter = SUBMISSION_KIND_FILTER;
  /** The filters, and the unit or batch narrowed to, in the URL. */
  protected readonly list = listState({
    status: queryParam(reviewQuery.shape.status),
    kind: queryParam(reviewQuery.shape.kind),
    from: queryParam(reviewQuery.shape.from),
    to: queryParam(reviewQuery.shape.to),
    unitId: queryParam(reviewQuery.shape.unitId),
    batchId: queryParam(reviewQuery.shape.batchId),
  });
  /** The days, as the date pickers hold them; the other filters are the URL's alone. */
  protected readonly filters = new FormGroup({
    /** `YYYY-MM-DD`, submitted on or after / on or before, China time. */
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly narrowing = computed(() => {
    const { unitId, batchId } = this.list.values();
    return { unitId, batchId };
  });
  protected readonly paging = this.list.paging;
  protected readonly submissions = reviewSubmissionsResource(() => ({ ...this.list.values(), ...this.paging.params() }));
  /** The unit picked, whose name the chip shows before its submissions are listed. */
  private readonly pickedUnit = signal<UnitSummary | null>(null);
  /** The unit narrowed to, as its submissions name it. */
  protected readonly unitName = computed(() => {
    const unitId = this.list.values().unitId;
    const picked = this.pickedUnit();
    if (picked && picked.id === unitId) return picked.name;
    return valueOf(this.submissions)?.items.find((item) => item.unitId === unitId)?.unitName ?? String(unitId ?? '');
  });
  protected readonly columns = ['unitName', 'personName', 'idNumber', 'kind', 'effectiveMonth', 'batch', 'submittedAt', 'status', 'actions'];
  /** A whole batch can be decided while its pending rows are listed. */
  protected readonly batchDecidable = computed(
    () => this.narrowing().batchId !== undefined && this.list.values().status === 'pending' && (valueOf(this.submissions)?.total ?? 0) > 0,
  );

  constructor() {
    this.list.bindForm(this.filters);
  }

  protected narrowToUnit(submission: Submission): void {
    // A registration not yet approved belongs to no unit: nothing to narrow to.
    if (submission.unitId !== null) void this.list.set({ unitId: submission.unitId });
  }

  protected pickUnit(unit: UnitSummary): void {
    this.pickedUnit.set(unit);
    void this.list.set({ unitId: unit.id });
  }

  protected narrowToBatch(batchId: number): void {
    void this.list.set({ batchId });
  }

  protected widen(part: Narrowing): void {
    void this.list.set({ [part]: undefined });
  }

  protected showDetail(submission: Submission): void {
    const data: SubmissionDetailData = {
      load: () => this.api.detail(submission.id),
      actions: [
        { id: 'reject', label: 'reviewConsole.reject', testId: 'detail-reject', warn: true },
        { id: 'approve', label: 'reviewConsole.approve', testId: 'detail-approve' },
      ],
    };
    showSubmission(this.dialog, data).subscribe((action) => this.decide(submission, action === 'approve'));
  }

  protected decide(submission: Submission, approve: boolean): void {
    const kind = this.translate.instant(`enums.submissionKind.${submission.kind}`);
    this.openDecision({
      approve,
      subject: {
        key: 'reviewConsole.subjectOne',
        params: { unit: submission.unitName ?? '', name: submission.personName ?? submission.unitName ?? '', kind },
      },
      decide: (decision) => this.api.decide(submission.id, decision),
    });
  }

  protected decideBatch(approve: boolean): void {
    const batchId = this.narrowing().batchId;
    if (batchId === undefined) return;
    this.openDecision({
      approve,
      subject: { key: 'reviewConsole.subjectBatch', params: { batchId, count: valueOf(this.submissions)?.total ?? 0 } },
      decide: (decision: ReviewDecision): Observable<ReviewResult> => this.api.decideBatch(batchId, decision),
    });
  }

  private openDecision(data: DecisionDialogData): void {
    this.dialog
      .open<DecisionDialog, DecisionDialogData, ReviewResult>(DecisionDialog, { data, width: '520px' })
      .afterClosed()
      .pipe(filter((result): result is ReviewResult => typeof result === 'object'))
      .subscribe((result) => {
        this.toast.show('reviewConsole.decided', result);
        this.submissions.reload();
      });
  }
}
