import { Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  SUBMISSION_KINDS,
  SUBMISSION_STATUSES,
  type ReviewDecision,
  type ReviewResult,
  type Submission,
  type SubmissionKind,
  type SubmissionStatus,
} from '@common/api/submissions';
import type { UnitSummary } from '@common/api/payments';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { filter, type Observable } from 'rxjs';
import { showDeclaration, type DeclarationDetailData } from '../../shared/declaration-detail/declaration-detail-dialog';
import { DeclarationTable } from '../../shared/declaration-table/declaration-table';
import { FilterChip } from '../../shared/filter-chip/filter-chip';
import { ListPage } from '../../shared/list-page/list-page';
import { valueOf } from '../../shared/resource-value';
import { Paging } from '../../shared/table/paging';
import { Toast } from '../../shared/toast';
import { DecisionDialog, type DecisionDialogData } from '../decision-dialog/decision-dialog';
import { ReviewApi, reviewSubmissionsResource } from '../review-api';
import { UnitPicker } from '../unit-picker/unit-picker';
import { DAY_PICKER } from '../../shared/dates/iso-date-adapter';

/** Narrowed to by picking a unit, or by clicking a unit's name or a batch in the list. */
interface Narrowing {
  unit?: { id: number; name: string };
  batchId?: number;
}

/** The reviewer's console: every unit's submissions, filtered; approve or reject one, or a whole batch. */
@Component({
  selector: 'app-review-console',
  imports: [
    MatDatepickerModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    TranslatePipe,
    DeclarationTable,
    FilterChip,
    ListPage,
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

  protected readonly statuses = SUBMISSION_STATUSES;
  protected readonly kinds = SUBMISSION_KINDS;
  protected readonly filters = new FormGroup({
    status: new FormControl<SubmissionStatus>('pending', { nonNullable: true }),
    kind: new FormControl<SubmissionKind | ''>('', { nonNullable: true }),
    /** `YYYY-MM-DD`, submitted on or after / on or before, China time. */
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  private readonly filterValues = toSignal(this.filters.valueChanges, { initialValue: this.filters.getRawValue() });
  protected readonly narrowing = signal<Narrowing>({});
  protected readonly paging = new Paging(() => [this.filterValues(), this.narrowing()]);
  protected readonly declarations = reviewSubmissionsResource(() => {
    const { status, kind, from, to } = this.filterValues();
    const { unit, batchId } = this.narrowing();
    return { status, kind: kind || undefined, from: from || undefined, to: to || undefined, unitId: unit?.id, batchId, ...this.paging.params() };
  });
  protected readonly columns = ['unitName', 'personName', 'idNumber', 'kind', 'effectiveMonth', 'batch', 'submittedAt', 'status', 'actions'];
  /** A whole batch can be decided while its pending rows are listed. */
  protected readonly batchDecidable = computed(
    () => this.narrowing().batchId !== undefined && this.filterValues().status === 'pending' && (valueOf(this.declarations)?.total ?? 0) > 0,
  );

  protected narrowToUnit(declaration: Submission): void {
    this.narrowing.update((n) => ({ ...n, unit: { id: declaration.unitId, name: declaration.unitName ?? '' } }));
  }

  protected pickUnit(unit: UnitSummary): void {
    this.narrowing.update((n) => ({ ...n, unit: { id: unit.id, name: unit.name } }));
  }

  protected narrowToBatch(batchId: number): void {
    this.narrowing.update((n) => ({ ...n, batchId }));
  }

  protected widen(part: keyof Narrowing): void {
    this.narrowing.update((n) => ({ ...n, [part]: undefined }));
  }

  protected showDetail(declaration: Submission): void {
    const data: DeclarationDetailData = {
      load: () => this.api.detail(declaration.id),
      actions: [
        { id: 'reject', label: 'reviewConsole.reject', testId: 'detail-reject', warn: true },
        { id: 'approve', label: 'reviewConsole.approve', testId: 'detail-approve' },
      ],
    };
    showDeclaration(this.dialog, data).subscribe((action) => this.decide(declaration, action === 'approve'));
  }

  protected decide(declaration: Submission, approve: boolean): void {
    const kind = this.translate.instant(`enums.submissionKind.${declaration.kind}`);
    this.openDecision({
      approve,
      subject: {
        key: 'reviewConsole.subjectOne',
        params: { unit: declaration.unitName ?? '', name: declaration.personName ?? declaration.unitName ?? '', kind },
      },
      decide: (decision) => this.api.decide(declaration.id, decision),
    });
  }

  protected decideBatch(approve: boolean): void {
    const batchId = this.narrowing().batchId;
    if (batchId === undefined) return;
    this.openDecision({
      approve,
      subject: { key: 'reviewConsole.subjectBatch', params: { batchId, count: valueOf(this.declarations)?.total ?? 0 } },
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
        this.declarations.reload();
      });
  }
}
