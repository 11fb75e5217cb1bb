import { HttpEventType } from '@angular/common/http';
import { Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  BATCH_KINDS,
  type BatchKind,
  type BatchPreviewRow,
  type BatchSubmitResult,
  type BatchValidation,
  type SheetErrorPage,
} from '@common/api/declarations';
import { TranslatePipe } from '@ngx-translate/core';
import { defer, of, switchMap } from 'rxjs';
import { apiErrorOf, errorMessage, type Message } from '../../core/errors/api-error';
import { translatedPaginator } from '../../core/language/paginator-intl';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog';
import { SubmissionKey } from '../../shared/idempotency';
import { FenPipe } from '../../shared/format/fen.pipe';
import { PeriodPipe } from '../../shared/format/period.pipe';
import { Notice } from '../../shared/notice/notice';
import { StatCard } from '../../shared/stat-card/stat-card';
import { Paging } from '../../shared/table/paging';
import { annotatedUrl, BatchesApi, templateUrl } from '../batches-api';

type Phase = 'idle' | 'uploading' | 'validating' | 'validated' | 'submitting';

/**
 * Why an upload failed. The server words upload refusals with their figures (the size limit, the row
 * count) in the user's language; the catalogue's text has no figures to fill, so the server's words win.
 */
function uploadFailure(error: unknown): Message | { text: string } {
  const message = apiErrorOf(error)?.message;
  return message ? { text: message } : errorMessage(error);
}

/** Submit refusals that mean the dry run no longer holds: the user validates the same file again. */
const VALIDATE_AGAIN = new Set(['BATCH_VALIDATION_STALE', 'BATCH_ALREADY_SUBMITTED', 'BATCH_VALIDATION_EXPIRED']);

/** Why a submit failed, shown beside the submit button; a dry run overtaken by the records names its sheet rows. */
interface SubmitFailure {
  message: Message | { text: string };
  rows: { row: number; message: string }[];
  validateAgain: boolean;
}

function submitFailure(error: unknown): SubmitFailure {
  const body = apiErrorOf(error);
  if (body === null || !VALIDATE_AGAIN.has(body.code)) return { message: errorMessage(error), rows: [], validateAgain: false };
  // The server fills in the rows and the batch; its fields are named `rows.<sheet row>.<field>`.
  const rows = (body.details?.fields ?? []).map((f) => ({ row: Number(f.field.split('.')[1]), message: f.message }));
  return { message: { text: body.message }, rows, validateAgain: true };
}

/**
 * Batch additions, reductions or annual base declarations (批量增减员, 批量申报缴费基数): template, dry run of the
 * filled file, then the valid rows as one batch.
 */
@Component({
  selector: 'app-batch-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    TranslatePipe,
    FenPipe,
    PeriodPipe,
    Notice,
    StatCard,
  ],
  providers: [translatedPaginator],
  templateUrl: './batch-page.html',
  styleUrl: './batch-page.scss',
})
export class BatchPage {
  private readonly api = inject(BatchesApi);
  private readonly dialog = inject(MatDialog);
  private readonly key = new SubmissionKey();

  /** `?kind=` in the URL chooses the kind the page opens with (the base declaration page links here so). */
  readonly kind = input<string | undefined>();
  protected readonly kinds = BATCH_KINDS;
  protected readonly chosenKind = linkedSignal<BatchKind>(() => BATCH_KINDS.find((kind) => kind === this.kind()) ?? 'addition');
  protected readonly templateUrl = computed(() => templateUrl(this.chosenKind()));
  protected readonly file = signal<File | null>(null);
  protected readonly phase = signal<Phase>('idle');
  /** Percent of the file sent. */
  protected readonly progress = signal(0);
  protected readonly validation = signal<BatchValidation | null>(null);
  protected readonly annotatedUrl = computed(() => {
    const validation = this.validation();
    return validation ? annotatedUrl(validation.token) : null;
  });
  protected readonly counts = computed(() => {
    const validation = this.validation();
    if (validation === null) return [];
    return [
      { id: 'rows', icon: 'table_rows', label: 'batch.rows', value: validation.rows },
      { id: 'valid', icon: 'check_circle', label: 'batch.validRows', value: validation.validRows },
      { id: 'invalid', icon: 'error', label: 'batch.invalidRows', value: validation.invalidRows },
    ];
  });
  protected readonly submitted = signal<BatchSubmitResult | null>(null);
  protected readonly failure = signal<Message | { text: string } | null>(null);
  protected readonly submitFailure = signal<SubmitFailure | null>(null);

  protected readonly errorColumns = ['sheet', 'row', 'column', 'message'];
  protected readonly errorPaging = new Paging(() => this.validation());
  /** A page of problems asked for because the dry run's answer carried only the first ones; none for a new dry run. */
  private readonly fetchedErrors = linkedSignal<BatchValidation | null, SheetErrorPage | null>({
    source: this.validation,
    computation: () => null,
  });
  protected readonly errorRows = computed(() => {
    const { page, pageSize } = this.errorPaging.params();
    const fetched = this.fetchedErrors();
    if (fetched?.page === page && fetched.pageSize === pageSize) return fetched.items;
    return (this.validation()?.errors ?? []).slice(page * pageSize, (page + 1) * pageSize);
  });

  protected turnErrorPage(event: PageEvent): void {
    this.errorPaging.change(event);
    const validation = this.validation();
    if (validation === null) return;
    const { errors, errorCount } = validation;
    if (errors.length === errorCount || (event.pageIndex + 1) * event.pageSize <= errors.length) return;
    this.api.errors(validation.token, event.pageIndex, event.pageSize).subscribe({
      next: (page) => this.fetchedErrors.set(page),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }

  protected readonly previewAmounts: { id: string; label: string; fen: keyof BatchPreviewRow }[] = [
    { id: 'wage', label: 'batch.preview.wage', fen: 'wageFen' },
    { id: 'base', label: 'batch.preview.base', fen: 'baseFen' },
    { id: 'unitAmount', label: 'batch.preview.unitAmount', fen: 'unitFen' },
    { id: 'personAmount', label: 'batch.preview.personAmount', fen: 'personFen' },
  ];
  protected readonly previewColumns = ['row', 'name', 'idNumber', 'effectiveMonth', ...this.previewAmounts.map((c) => c.id), 'resident'];
  /** The dry run's first page of outcomes, then whichever page the user turns to. */
  protected readonly preview = linkedSignal(() => this.validation()?.preview ?? null);

  protected turnPreviewPage(event: PageEvent): void {
    const validation = this.validation();
    if (validation === null) return;
    this.api.preview(validation.token, event.pageIndex, event.pageSize).subscribe({
      next: (page) => this.preview.set(page),
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }

  protected chooseKind(kind: BatchKind): void {
    this.chosenKind.set(kind);
    this.startOver();
  }

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.[0] ?? null;
    // Choosing the same file again after fixing it must fire `change` again.
    input.value = '';
    this.startOver();
    this.file.set(file);
  }

  protected upload(): void {
    const file = this.file();
    if (file === null) return;
    this.failure.set(null);
    this.submitFailure.set(null);
    this.submitted.set(null);
    if (!/\.xlsx$/i.test(file.name)) {
      this.failure.set({ key: 'errors.UPLOAD_NOT_XLSX', params: {} });
      return;
    }
    this.phase.set('uploading');
    this.progress.set(0);
    this.api.validate(this.chosenKind(), file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          const percent = event.total ? Math.round((100 * event.loaded) / event.total) : 0;
          this.progress.set(percent);
          // Sent: the server reads and checks every row now.
          if (percent >= 100) this.phase.set('validating');
        } else if (event.type === HttpEventType.Response && event.body) {
          this.validation.set(event.body);
          this.phase.set('validated');
        }
      },
      error: (error: unknown) => {
        this.phase.set('idle');
        this.failure.set(uploadFailure(error));
      },
    });
  }

  protected submit(): void {
    const validation = this.validation();
    if (validation === null) return;
    this.failure.set(null);
    this.submitFailure.set(null);
    const request = { token: validation.token };
    defer(() =>
      validation.invalidRows === 0
        ? of(true)
        : confirmed(this.dialog, {
            title: 'batch.confirm.title',
            message: 'batch.confirm.message',
            params: { valid: validation.validRows, invalid: validation.invalidRows },
            confirm: 'batch.submit',
          }),
    )
      .pipe(
        switchMap(() => {
          this.phase.set('submitting');
          return this.api.submit(request.token, this.key.for(request));
        }),
      )
      .subscribe({
        next: (result) => {
          this.key.done();
          this.submitted.set(result);
          this.startOver();
        },
        error: (error: unknown) => {
          this.phase.set('validated');
          this.submitFailure.set(submitFailure(error));
        },
      });
  }

  protected isMessage(failure: Message | { text: string }): failure is Message {
    return 'key' in failure;
  }

  private startOver(): void {
    this.file.set(null);
    this.validation.set(null);
    this.phase.set('idle');
    this.failure.set(null);
    this.submitFailure.set(null);
  }
}
