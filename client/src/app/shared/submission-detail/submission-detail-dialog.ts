import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { isChangeKind, type Submission } from '@common/api/submissions';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, type Observable } from 'rxjs';
import { Notice } from '../notice/notice';
import { ChangeTable } from '../change-table/change-table';
import { FenPipe } from '../format/fen.pipe';
import { LoadError } from '../load-error/load-error';
import { valueOf } from '../resource-value';
import { StatusChip } from '../status-chip/status-chip';
import { LanguageService } from '../../core/language/language.service';
import { headerFacts, payloadFacts } from './submission-facts';

/** Something the opener lets the user do from the detail; the dialog closes with its `id`. */
export interface DetailAction {
  id: string;
  label: string;
  testId: string;
  warn?: boolean;
}

export interface SubmissionDetailData {
  /** Loads the whole submission (the lists hold masked ID numbers only). */
  load: () => Observable<Submission>;
  /** Offered while the submission is pending. */
  actions?: readonly DetailAction[];
}

@Component({
  selector: 'app-submission-detail-dialog',
  imports: [
    DatePipe,
    NgTemplateOutlet,
    MatButtonModule,
    MatDialogModule,
    MatProgressBarModule,
    TranslatePipe,
    ChangeTable,
    FenPipe,
    LoadError,
    StatusChip,
    Notice,
  ],
  templateUrl: './submission-detail-dialog.html',
  styleUrl: './submission-detail-dialog.scss',
})
export class SubmissionDetailDialog {
  private readonly data = inject<SubmissionDetailData>(MAT_DIALOG_DATA);
  private readonly language = inject(LanguageService);

  protected readonly detail = rxResource({ stream: () => this.data.load() });
  protected readonly submission = computed(() => valueOf(this.detail));
  protected readonly header = computed(() => {
    const submission = this.submission();
    return submission ? headerFacts(submission) : [];
  });
  protected readonly payload = computed(() => {
    const submission = this.submission();
    return submission ? payloadFacts(submission, this.language.current()) : [];
  });
  /** A change of registered facts shows them before and after instead of the submitted fields. */
  protected readonly isChange = computed(() => {
    const submission = this.submission();
    return submission !== undefined && isChangeKind(submission.kind);
  });
  protected readonly actions = computed(() => (this.submission()?.status === 'pending' ? (this.data.actions ?? []) : []));
}

/** Opens the detail; emits the `id` of the action chosen in it, nothing when it is just closed. */
export function showSubmission(dialog: MatDialog, data: SubmissionDetailData): Observable<string> {
  return dialog
    .open<SubmissionDetailDialog, SubmissionDetailData, string>(SubmissionDetailDialog, {
      data,
      width: '760px',
      maxWidth: '95vw',
    })
    .afterClosed()
    .pipe(filter((action): action is string => !!action && (data.actions ?? []).some((a) => a.id === action)));
}
