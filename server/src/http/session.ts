import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { parseCookie as parseCookies } from 'cookie';
import { AppError } from './errors';
import type { Actor } from './route';

/** A session ends after this long however busy it is; the cookie lives as long. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

/** What the middleware needs of the sign-in feature: the session behind a cookie's token. */
export interface SessionResolver {
  /**
   * Null for an unknown token; throws an AppError saying why a session ended. `reuse`: a read may be answered with
   * the session as this instance resolved it a moment ago (auth/session-cache.ts).
   */
  resolveSession(token: string, reuse: boolean): Promise<ResolvedSession | null>;
  /** A state-changing request has been answered (or abandoned): sessions it may have changed are not reused. */
  writeEnded(): void;
}

export const SESSION_COOKIE = 'uh_session';
/** Readable by the page: Angular's HttpClient copies it into the X-XSRF-TOKEN header. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CookieOptions {
  secure: boolean;
}

export function setSessionCookies(res: Response, token: string, csrfToken: string, options: CookieOptions): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secure,
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS,
  });
  setXsrfCookie(res, csrfToken, options);
}

export function clearSessionCookie(res: Response, options: CookieOptions): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: options.secure, path: '/' });
}

function setXsrfCookie(res: Response, value: string, options: CookieOptions): void {
  res.cookie(XSRF_COOKIE, value, { httpOnly: false, sameSite: 'strict', secure: options.secure, path: '/' });
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Resolves the session cookie into `res.locals.actor` and enforces CSRF on state-changing requests:
 * the X-XSRF-TOKEN header must equal the XSRF-TOKEN cookie and, once signed in, the session's own token.
 */
export function sessionMiddleware(auth: SessionResolver, options: CookieOptions, webhookPaths: ReadonlySet<string> = new Set()) {
  return async (req: Request, res: Response, next: NextFunction) => {
    // A webhook's caller is a server with a signature, not a browser with cookies (route.ts `webhook`).
    if (webhookPaths.has(req.path)) {
      res.locals.actor = null;
      return next();
    }
    const safe = SAFE_METHODS.has(req.method);
    if (!safe) res.once('close', () => auth.writeEnded());
    const cookies = parseCookies(req.headers.cookie ?? '');
    const token = cookies[SESSION_COOKIE];
    const xsrfCookie = cookies[XSRF_COOKIE];
    res.locals.actor = null;

    let resolved = null;
    if (token) {
      try {
        resolved = await auth.resolveSession(token, safe);
      } catch (error) {
        // An ended session makes the caller anonymous; routes that need a session say why it ended.
        if (!(error instanceof AppError)) return next(error);
        res.locals.sessionEnded = error.code;
      }
      if (!resolved) clearSessionCookie(res, options);
    }
    res.locals.actor = resolved?.actor ?? null;

    if (!safe) {
      const header = req.get(XSRF_HEADER);
      const expected = resolved ? resolved.csrfToken : xsrfCookie;
      if (!header || !xsrfCookie || !expected || !sameToken(header, xsrfCookie) || !sameToken(header, expected)) {
        return next(new AppError(403, 'CSRF_INVALID'));
      }
    }
    if (resolved && xsrfCookie !== resolved.csrfToken) setXsrfCookie(res, resolved.csrfToken, options);
    else if (!resolved && !xsrfCookie) setXsrfCookie(res, randomBytes(24).toString('base64url'), options);
    next();
  };
}

/** After logout the old token must not be reused as the pre-login token. */
export function renewXsrfCookie(res: Response, options: CookieOptions): void {
  setXsrfCookie(res, randomBytes(24).toString('base64url'), options);
}
