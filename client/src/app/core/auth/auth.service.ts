import { HttpClient, HttpContext, HttpErrorResponse, httpResource } from '@angular/common/http';
import { computed, inject, Service, signal } from '@angular/core';
import type { AgentInvitationList } from '@common/api/agents';
import type {
  AgentLoginRequest,
  ChangePasswordRequest,
  PersonLoginRequest,
  ReviewerLoginRequest,
  SelectUnitRequest,
  SessionInfo,
  UnitLoginRequest,
} from '@common/api/auth';
import { catchError, finalize, map, of, tap, throwError, type Observable } from 'rxjs';
import { SESSION_PROBE } from '../http/session-probe';
import { FormDrafts } from './form-drafts';

/** An agent's invitations to units waiting for an answer, asked for only while `asked` says there are some. */
export function invitationsResource(asked: () => boolean) {
  return httpResource<AgentInvitationList>(() => (asked() ? '/api/auth/invitations' : undefined));
}

/** Who is signed in, and the calls that change it. */
@Service()
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly drafts = inject(FormDrafts);
  private readonly state = signal<SessionInfo | null>(null);

  readonly session = this.state.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly unit = computed(() => this.state()?.unit ?? null);
  /** An agent bound to several units may switch between them; one with invitations answers them there too. */
  readonly canSwitchUnit = computed(() => {
    const session = this.state();
    return session?.user.role === 'agent' && (session.units.length > 1 || session.pendingInvitations > 0);
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

  /** After failed sign-ins the server answers CAPTCHA_REQUIRED, and the next attempt carries a CAPTCHA. */
  loginPerson(request: PersonLoginRequest): Observable<SessionInfo> {
    return this.start(this.http.post<SessionInfo>('/api/auth/login/person', request));
  }

  selectUnit(unitId: number): Observable<SessionInfo> {
    const request: SelectUnitRequest = { unitId };
    return this.start(this.http.post<SessionInfo>('/api/auth/unit', request));
  }

  /** Accepting a unit's invitation binds the agent to it: the session's units change. */
  acceptInvitation(unitId: number): Observable<SessionInfo> {
    return this.start(this.http.post<SessionInfo>(`/api/auth/invitations/${unitId}/accept`, null));
  }

  declineInvitation(unitId: number): Observable<void> {
    return this.http
      .post<void>(`/api/auth/invitations/${unitId}/decline`, null)
      .pipe(tap(() => this.state.update((session) => session && { ...session, pendingInvitations: Math.max(0, session.pendingInvitations - 1) })));
  }

  /** The user's own new password; the server ends their other sessions, and this one may go anywhere again. */
  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http
      .post<void>('/api/auth/password', request)
      .pipe(tap(() => this.state.update((session) => session && { ...session, user: { ...session.user, mustChangePassword: false } })));
  }

  /** Ends the session here even when the server cannot be told. */
  logout(): Observable<void> {
    // A session that has already ended needs no "signed out" notice on the way out.
    const context = new HttpContext().set(SESSION_PROBE, true);
    return this.http.post<void>('/api/auth/logout', null, { context }).pipe(
      map(() => undefined),
      catchError((error: unknown) => (error instanceof HttpErrorResponse ? of(undefined) : throwError(() => error))),
      finalize(() => {
        this.drafts.clear();
        this.clear();
      }),
    );
  }

  clear(): void {
    this.state.set(null);
  }

  private start(call: Observable<SessionInfo>): Observable<SessionInfo> {
    return call.pipe(
      tap((session) => {
        // What someone else typed before in this tab is not for this user.
        this.drafts.clear(session.user.id);
        this.state.set(session);
      }),
    );
  }
}

/**
 * Where a session belongs: first the change of a password an administrator set, then reviewers at the
 * review home, persons in the personal hall, an agent without a unit at the unit picker.
 */
export function homePath(session: SessionInfo | null): string {
  if (session === null) return '/login';
  if (session.user.mustChangePassword) return '/change-password';
  if (session.user.role === 'reviewer') return '/review';
  if (session.user.role === 'person') return '/me';
  if (session.unit === null) return '/select-unit';
  return '/home';
}

/** Just signed in: an agent with invitations to answer sees them (on the unit picker) first. */
export function afterSignInPath(session: SessionInfo): string {
  const home = homePath(session);
  return home === '/home' && session.user.role === 'agent' && session.pendingInvitations > 0 ? '/select-unit' : home;
}
