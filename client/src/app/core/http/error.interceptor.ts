import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { ErrorCode } from '@common/errors';
import { catchError, throwError } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { apiErrorOf } from '../errors/api-error';
import { ErrorNotifier } from '../errors/error-notifier.service';
import { SESSION_PROBE } from './session-probe';

const SESSION_ENDED: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'ACCOUNT_DISABLED']);

/** A lost session (expired, or the agent was disabled) ends on the login page with the reason shown. */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const notifier = inject(ErrorNotifier);
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
        auth.clear();
        notifier.show(error);
        void router.navigateByUrl('/login');
      }
      return throwError(() => error);
    }),
  );
};
