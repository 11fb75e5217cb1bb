import { HttpErrorResponse } from '@angular/common/http';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '@common/errors';

/** The `{code, message, details}` body of an API error, or null for anything else. */
export function apiErrorOf(error: unknown): ApiErrorBody | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  if (typeof body !== 'object' || body === null) return null;
  const code = (body as { code?: unknown }).code;
  return ERROR_CODES.includes(code as ErrorCode) ? (body as ApiErrorBody) : null;
}

/** A translation key with its parameters, ready for the `translate` pipe or `TranslateService.instant`. */
export interface Message {
  key: string;
  params: Record<string, unknown>;
}

/** What to tell the user about a failed request: `errors.<code>` for API errors. */
export function errorMessage(error: unknown): Message {
  const body = apiErrorOf(error);
  if (body) return { key: `errors.${body.code}`, params: errorParams(body) };
  if (error instanceof HttpErrorResponse && error.status === 0) return { key: 'notify.offline', params: {} };
  return { key: 'notify.unexpected', params: {} };
}

/** Parameters the `errors.*` texts may use: `{{seconds}}` and `{{minutes}}` (rounded up) of a retry wait. */
export function errorParams(body: ApiErrorBody): Record<string, unknown> {
  const seconds = body.details?.retryAfterSeconds;
  return seconds === undefined ? {} : { seconds, minutes: Math.ceil(seconds / 60) };
}
