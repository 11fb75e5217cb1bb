import { HttpClient, HttpContext, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Service, signal } from '@angular/core';
import type {
  AgentLoginRequest,
  ReviewerLoginRequest,
  SelectUnitRequest,
  SessionInfo,
  UnitLoginRequest,
} from '@common/api/auth';
import { catchError, finalize, map, of, tap, throwError, type Observable } from 'rxjs';
import { SESSION_PROBE } from '../http/session-probe';

/** Who is signed in, and the calls that change it. */
@Service()
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly state = signal<SessionInfo | null>(null);

  readonly session = this.state.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly unit = computed(() => this.state()?.unit ?? null);
  /** An agent bound to several units may switch between them. */
  readonly canSwitchUnit = computed(() => {
    const session = this.state();
    return session?.user.role === 'agent' && session.units.length > 1;
  });

  /** Asks the server who is signed in; this first call also gives the browser its XSRF cookie. */
  restore(): Observable<SessionInfo | null> {
    return this.http.get<SessionInfo>('/api/auth/me', { context: new HttpContext().set(SESSION_PROBE, true) }).pipe(
      catchError((error: unknown) => {
        // Signed out (or the server is unreachable): the login page handles both.
        if (!(error instanceof HttpErrorResponse && error.status === 401)) console.warn('session check failed', error);
        return of(null);
      }),
      tap((session) => this.state.set(session)),
    );
  }

  loginUnit(request: UnitLoginRequest): Observable<SessionInfo> {
    return this.start(this.http.post<SessionInfo>('/api/auth/login/unit', request));
  }

  loginAgent(request: AgentLoginRequest): Observable<SessionInfo> {
    return this.start(this.http.post<SessionInfo>('/api/auth/login/agent', request));
  }

  loginReviewer(request: ReviewerLoginRequest): Observable<SessionInfo> {
    return this.start(this.http.post<SessionInfo>('/api/auth/login/reviewer', request));
  }

  selectUnit(unitId: number): Observable<SessionInfo> {
    const request: SelectUnitRequest = { unitId };
    return this.start(this.http.post<SessionInfo>('/api/auth/unit', request));
  }

  /** Ends the session here even when the server cannot be told. */
  logout(): Observable<void> {
    // A session that has already ended needs no "signed out" notice on the way out.
    const context = new HttpContext().set(SESSION_PROBE, true);
    return this.http.post<void>('/api/auth/logout', null, { context }).pipe(
      map(() => undefined),
      catchError((error: unknown) => (error instanceof HttpErrorResponse ? of(undefined) : throwError(() => error))),
      finalize(() => this.clear()),
    );
  }

  clear(): void {
    this.state.set(null);
  }

  private start(call: Observable<SessionInfo>): Observable<SessionInfo> {
    return call.pipe(tap((session) => this.state.set(session)));
  }
}

/** Where a session belongs: reviewers at the review home, an agent without a unit at the unit picker. */
export function homePath(session: SessionInfo | null): string {
  if (session === null) return '/login';
  if (session.user.role === 'reviewer') return '/review';
  if (session.unit === null) return '/select-unit';
  return '/home';
}
