import type { SessionInfo } from '@common/api/auth';
import { afterSignInPath } from './auth.service';

/** Where a page that needs signing in sends the visitor: the login page, with the way back. */
export const RETURN_PARAM = 'next';

/** Pages a visitor is never sent back to: they lead to signing in again. */
const SIGN_IN_PAGES = /^\/(login|select-unit)(?=[/?#]|$)/;

/**
 * The page to go back to after signing in, if it is one of the hall's own pages; null for anything else (another
 * site, a protocol-relative or backslashed path, control characters), so the login page is never an open redirect.
 */
export function returnPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses.
  if (/[\\\u0000-\u001f\u007f]/.test(value) || SIGN_IN_PAGES.test(value) || value === '/') return null;
  const base = 'https://hall.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : null;
}

/** The query that carries the way back, or none when there is nowhere to go back to. */
export function returnQuery(url: string): Record<string, string> {
  const path = returnPath(url);
  return path === null ? {} : { [RETURN_PARAM]: path };
}

/**
 * Where a user who has just signed in goes: back to the page they came for once their session may show it (an
 * agent picks a unit first, carrying the way back), otherwise where their session belongs.
 */
export function signedInPath(session: SessionInfo, next: unknown): string {
  const home = afterSignInPath(session);
  const back = returnPath(next);
  if (back === null) return home;
  if (home === '/select-unit') return `/select-unit?${new URLSearchParams({ [RETURN_PARAM]: back }).toString()}`;
  return home === '/home' || home === '/review' || home === '/me' ? back : home;
}
