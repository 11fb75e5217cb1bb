import type { ErrorCode, FieldErrorCode } from '@common/errors';

export interface FieldProblem {
  field: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/** A failure the user can act on; the error middleware words `code` in the caller's language. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'NOT_FOUND');
export const forbidden = () => new AppError(403, 'FORBIDDEN');
export const unauthenticated = (code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'ACCOUNT_DISABLED' = 'UNAUTHENTICATED') => new AppError(401, code);
export const invalidFields = (fields: FieldProblem[]) => new AppError(400, 'VALIDATION_FAILED', {}, fields);

/** The browser closed a download before it was all sent (cancelled, or the tab closed): nothing went wrong here. */
export class DownloadClosed extends Error {
  constructor() {
    super('the download was closed before the export finished');
  }
}
