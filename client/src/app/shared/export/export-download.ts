import { HttpClient, HttpErrorResponse, HttpEventType, type HttpEvent, type HttpHeaders } from '@angular/common/http';
import { DOCUMENT, inject, Service } from '@angular/core';
import { catchError, defer, distinctUntilChanged, scan, startWith, switchMap, tap, throwError, type Observable } from 'rxjs';

/** How far an export has come. The body is streamed, so its size is known only once it is all in. */
export interface ExportProgress {
  /** Rows the filters match, from `X-Total-Rows`; null until the headers arrive (or when the server omits it). */
  totalRows: number | null;
  receivedBytes: number;
  /** From `Content-Disposition`, once the headers arrive. */
  fileName: string | null;
  done: boolean;
}

const STARTED: ExportProgress = { totalRows: null, receivedBytes: 0, fileName: null, done: false };

/**
 * The file name of a download: RFC 6266's `filename*=UTF-8''…` (percent-encoded, the one that keeps Chinese
 * names), else the plain `filename=`, else null.
 */
export function fileNameOf(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: the plain name below is the server's own fallback.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(contentDisposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name ? name : null;
}

function fromHeaders(progress: ExportProgress, headers: HttpHeaders): ExportProgress {
  const rows = headers.get('X-Total-Rows');
  return {
    ...progress,
    totalRows: rows !== null && /^\d+$/.test(rows) ? Number(rows) : progress.totalRows,
    fileName: fileNameOf(headers.get('Content-Disposition')) ?? progress.fileName,
  };
}

function advance(progress: ExportProgress, event: HttpEvent<Blob>, fallbackName: string): ExportProgress {
  switch (event.type) {
    case HttpEventType.ResponseHeader:
      return fromHeaders(progress, event.headers);
    case HttpEventType.DownloadProgress:
      return { ...progress, receivedBytes: event.loaded };
    case HttpEventType.Response: {
      const received = fromHeaders(progress, event.headers);
      const receivedBytes = event.body?.size ?? progress.receivedBytes;
      return { ...received, fileName: received.fileName ?? fallbackName, receivedBytes, done: true };
    }
    default:
      return progress;
  }
}

/** With `responseType: 'blob'` an API error's `{code, message, details}` arrives as a Blob; read it back. */
async function readableError(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return error;
  let body: unknown = null;
  try {
    body = JSON.parse(await error.error.text());
  } catch {
    // Not JSON (a proxy's page): the status alone tells the user something went wrong.
  }
  return new HttpErrorResponse({
    error: body,
    headers: error.headers,
    status: error.status,
    statusText: error.statusText,
    url: error.url ?? undefined,
  });
}

/**
 * Downloads a list's .xlsx export with the list's own filters, reporting progress as it streams in, and saves
 * it under the server's file name. Unsubscribing cancels the download.
 */
@Service()
export class ExportDownload {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  download(url: string, params: Record<string, string | number>, fallbackName: string): Observable<ExportProgress> {
    return this.http.get(url, { params, observe: 'events', responseType: 'blob', reportDownloadProgress: true }).pipe(
      catchError((error: unknown) => defer(() => readableError(error)).pipe(switchMap((readable) => throwError(() => readable)))),
      tap((event) => {
        if (event.type === HttpEventType.Response && event.body) {
          this.save(event.body, fileNameOf(event.headers.get('Content-Disposition')) ?? fallbackName);
        }
      }),
      scan((progress, event) => advance(progress, event, fallbackName), STARTED),
      startWith(STARTED),
      distinctUntilChanged(),
    );
  }

  private save(blob: Blob, fileName: string): void {
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    this.document.body.append(link);
    link.click();
    link.remove();
    // The browser reads the URL when it handles the click; release the blob after that.
    setTimeout(() => URL.revokeObjectURL(url));
  }
}
