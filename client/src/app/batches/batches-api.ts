import { HttpClient, type HttpEvent } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { BatchKind, BatchPreviewPage, BatchSubmitResult, BatchValidation, SheetErrorPage } from '@common/api/declarations';
import { XLSX_CONTENT_TYPE } from '@common/xlsx';
import type { Observable } from 'rxjs';
import { idempotencyHeaders } from '../shared/idempotency';

/** The template of a kind, headers in the user's language: empty, or for base declarations prefilled with the unit's insured persons. */
export const templateUrl = (kind: BatchKind) => (kind === 'base-declaration' ? '/api/base-declarations/template' : `/api/templates/${kind}`);

/** The user's own workbook back, with an error column and the bad cells marked. */
export const annotatedUrl = (token: string) => `/api/batches/validations/${encodeURIComponent(token)}/annotated`;

@Service()
export class BatchesApi {
  private readonly http = inject(HttpClient);

  /** The dry run: the raw file as the body, with upload progress events before the answer. */
  validate(kind: BatchKind, file: File): Observable<HttpEvent<BatchValidation>> {
    return this.http.post<BatchValidation>('/api/batches/validate', file, {
      params: { kind },
      // Header values are ASCII; the server decodes the name.
      headers: { 'Content-Type': XLSX_CONTENT_TYPE, 'X-File-Name': encodeURIComponent(file.name) },
      observe: 'events',
      reportUploadProgress: true,
    });
  }

  /** A further page of what the dry run's valid rows will become; the first came with the dry run. */
  preview(token: string, page: number, pageSize: number): Observable<BatchPreviewPage> {
    return this.http.get<BatchPreviewPage>(`/api/batches/validations/${encodeURIComponent(token)}/preview`, { params: { page, pageSize } });
  }

  /** A page of the dry run's problems beyond those its answer carried. */
  errors(token: string, page: number, pageSize: number): Observable<SheetErrorPage> {
    return this.http.get<SheetErrorPage>(`/api/batches/validations/${encodeURIComponent(token)}/errors`, { params: { page, pageSize } });
  }

  /** The valid rows of a dry run, as one batch. */
  submit(token: string, key: string): Observable<BatchSubmitResult> {
    return this.http.post<BatchSubmitResult>('/api/batches', { token }, { headers: idempotencyHeaders(key) });
  }
}
