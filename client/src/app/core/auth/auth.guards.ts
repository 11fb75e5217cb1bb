import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Role } from '@common/api/auth';
import { AuthService, homePath } from './auth.service';
import { returnQuery } from './return-path';

/** Signed-in pages; everyone else goes to the login page, which brings them back here after signing in. */
export const signedIn: CanActivateFn = (_route, state) => {
  const session = inject(AuthService).session();
  return session !== null || inject(Router).createUrlTree(['/login'], { queryParams: returnQuery(state.url) });
};

/** Everything but the change-password page waits until a password set by an administrator is changed. */
export const passwordChanged: CanActivateFn = () => {
  const session = inject(AuthService).session();
  return !session?.user.mustChangePassword || inject(Router).parseUrl('/change-password');
};

/** The login page; a signed-in user goes to their home instead. */
export const signedOut: CanActivateFn = () => {
  const session = inject(AuthService).session();
  return session === null || inject(Router).parseUrl(homePath(session));
};

/** Unit pages need a unit: an agent who has not picked one goes to the unit picker, and from there on here. */
export const unitChosen: CanActivateFn = (_route, state) => {
  const session = inject(AuthService).session();
  return (
    session?.user.role !== 'agent' || session.unit !== null || inject(Router).createUrlTree(['/select-unit'], { queryParams: returnQuery(state.url) })
  );
};

/** The unit picker is for agents only. */
export const agentOnly: CanActivateFn = () => {
  const session = inject(AuthService).session();
  return session?.user.role === 'agent' || inject(Router).parseUrl(homePath(session));
};

/** Pages of some roles only; anyone else is sent to their own home. */
export function rolesAllowed(...roles: Role[]): CanActivateFn {
  return () => {
    const session = inject(AuthService).session();
    return (session !== null && roles.includes(session.user.role)) || inject(Router).parseUrl(homePath(session));
  };
}
