import { formatNumber } from '@angular/common';
import { Component, computed, DestroyRef, inject, input, LOCALE_ID, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { Subscription } from 'rxjs';
import { errorMessage, type Message } from '../../core/errors/api-error';
import { ExportDownload, type ExportProgress } from './export-download';

/** `2516582` → `2.4 MB`: what has come in so far. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Exports a list as .xlsx with exactly its current filters, showing the rows being exported and the bytes
 * received while the file streams in (its size is unknown until the end, so the bar is indeterminate).
 */
@Component({
  selector: 'app-export-button',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  template: `
    <button mat-stroked-button type="button" [disabled]="params() === null || running()" (click)="start()" [attr.data-testid]="testId()">
      <mat-icon>download</mat-icon>
      {{ 'exportProgress.export' | translate }}
    </button>
    @if (status(); as status) {
      <div class="progress" role="status" data-testid="export-progress">
        @if (running()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <span class="text" data-testid="export-status">{{ status.key | translate: status.params }}</span>
        @if (running()) {
          <button mat-button type="button" (click)="cancel()" data-testid="export-cancel">
            {{ 'common.cancel' | translate }}
          </button>
        }
      </div>
    }
    @if (failure(); as failure) {
      <span class="failure" role="alert" data-testid="export-error">{{ failure.key | translate: failure.params }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    .progress {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      min-width: 240px;
    }
    mat-progress-bar {
      flex: 1 0 100%;
    }
    .text {
      color: var(--mat-sys-on-surface-variant);
    }
    .failure {
      color: var(--mat-sys-error);
    }
  `,
})
export class ExportButton {
  private readonly exports = inject(ExportDownload);
  private readonly translate = inject(TranslateService);
  private readonly locale = inject(LOCALE_ID);

  readonly url = input.required<string>();
  /** The list's filters as query parameters, without paging; null while they are not valid. */
  readonly params = input.required<Record<string, string | number> | null>();
  /** Translation key of the name to save under when the server gives none. */
  readonly fileName = input.required<string>();
  readonly testId = input.required<string>();

  private readonly progress = signal<ExportProgress | null>(null);
  protected readonly failure = signal<Message | null>(null);
  protected readonly running = computed(() => {
    const progress = this.progress();
    return progress !== null && !progress.done;
  });
  protected readonly status = computed((): Message | null => {
    const progress = this.progress();
    if (!progress) return null;
    const params = {
      rows: progress.totalRows === null ? null : formatNumber(progress.totalRows, this.locale),
      size: formatBytes(progress.receivedBytes),
      fileName: progress.fileName ?? '',
    };
    const counted = progress.totalRows === null ? 'Uncounted' : '';
    return { key: `exportProgress.${progress.done ? 'saved' : 'running'}${counted}`, params };
  });
  private download: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.download?.unsubscribe());
  }

  protected start(): void {
    const params = this.params();
    if (params === null || this.running()) return;
    this.failure.set(null);
    const fallbackName = `${this.translate.instant(this.fileName())}.xlsx`;
    this.download = this.exports.download(this.url(), params, fallbackName).subscribe({
      next: (progress) => this.progress.set(progress),
      error: (error: unknown) => {
        this.progress.set(null);
        this.failure.set(errorMessage(error));
      },
    });
  }

  protected cancel(): void {
    this.download?.unsubscribe();
    this.download = null;
    this.progress.set(null);
  }
}
