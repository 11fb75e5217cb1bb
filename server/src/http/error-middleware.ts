import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from '@common/errors';
import { isDatabaseUnavailable, type Dialect } from '../db/dialect';
import type { Logger } from '../logger';
import { AppError, DownloadClosed } from './errors';
import { pickLanguage, type Messages } from './i18n';

/** How long a caller is asked to wait while the database cannot be reached. */
const DATABASE_RETRY_SECONDS = 5;

/** The one place errors become responses: `{code, message, details}` in the caller's language. */
export function errorMiddleware(messages: Messages, logger: Logger, dialect: Dialect) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = typeof req.id === 'string' ? req.id : '';
    if (error instanceof DownloadClosed) {
      logger.info({ requestId }, error.message);
      return;
    }
    const lang = pickLanguage(req.get('accept-language'));
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (isUndecompressable(error)) {
      appError = new AppError(400, 'BODY_ENCODING_INVALID');
    } else if (isBodyParserError(error)) {
      appError =
        error.type === 'entity.too.large'
          ? new AppError(413, 'PAYLOAD_TOO_LARGE')
          : error.type === 'encoding.unsupported'
            ? new AppError(415, 'BODY_ENCODING_INVALID')
            : new AppError(400, 'VALIDATION_FAILED', {}, [{ field: '(body)', code: 'INVALID' }]);
    } else if (isDatabaseUnavailable(error, dialect)) {
      // An outage, not a bug: one line per request, and the request answered as worth retrying.
      logger.warn({ requestId, reason: error instanceof Error ? error.message : String(error) }, 'database unavailable');
      appError = new AppError(503, 'DATABASE_UNAVAILABLE', { seconds: DATABASE_RETRY_SECONDS });
    } else {
      logger.error({ err: error, requestId }, 'unhandled error');
      appError = new AppError(500, 'INTERNAL');
    }

    const body: ApiErrorBody = {
      code: appError.code,
      message: messages.t(lang, `errors.${appError.code}`, appError.params),
    };
    const details: NonNullable<ApiErrorBody['details']> = {};
    if (appError.fields.length > 0) {
      details.fields = appError.fields.map((f) => ({ ...f, message: messages.t(lang, `fieldErrors.${f.code}`, f.params) }));
    }
    if (typeof appError.params.seconds === 'number') {
      details.retryAfterSeconds = appError.params.seconds;
      res.set('Retry-After', String(appError.params.seconds));
    }
    if (appError.status >= 500) details.requestId = requestId;
    if (Object.keys(details).length > 0) body.details = details;
    if (!res.headersSent) res.status(appError.status).json(body);
    // Mid-download: break the connection so the browser reports a failed download, not a truncated file.
    else res.destroy();
  };
}

/** A body that says it is gzip or deflate and is not: body-parser passes zlib's own error on, with status 400. */
function isUndecompressable(error: unknown): boolean {
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
  return status === 400 && typeof code === 'string' && code.startsWith('Z_');
}

function isBodyParserError(error: unknown): error is { type: string } {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' && 'status' in error;
}
