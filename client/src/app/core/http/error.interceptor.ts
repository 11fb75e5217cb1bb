import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { ErrorCode } from '@common/errors';
import { catchError, throwError } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { FormDrafts } from '../auth/form-drafts';
import { returnQuery } from '../auth/return-path';
import { apiErrorOf } from '../errors/api-error';
import { ErrorNotifier } from '../errors/error-notifier.service';
import { SESSION_PROBE } from './session-probe';

const SESSION_ENDED: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'ACCOUNT_DISABLED']);

/**
 * A lost session (expired, or the agent was disabled) ends on the login page with the reason shown, which leads
 * back to the page after signing in; what was typed into its form is kept for then.
 */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const notifier = inject(ErrorNotifier);
  const drafts = inject(FormDrafts);
  return next(request).pipe(
    catchError((error: unknown) => {
      const body = apiErrorOf(error);
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        body !== null &&
        SESSION_ENDED.has(body.code) &&
        !request.context.get(SESSION_PROBE)
      ) {
        const user = auth.user();
        if (user !== null) drafts.saveAll(user.id);
        auth.clear();
        notifier.show(error);
        void router.navigate(['/login'], { queryParams: returnQuery(router.url) });
      }
      return throwError(() => error);
    }),
  );
};
