import {
  agentLoginRequest,
  changePasswordRequest,
  personLoginRequest,
  reviewerLoginRequest,
  selectUnitRequest,
  sessionInfo,
  unitLoginRequest,
  type Role,
} from '@common/api/auth';
import type { RequestContext, RouteDefinition } from '../http/route';
import { actorOf, route } from '../http/route';
import { renewXsrfCookie, setSessionCookies, clearSessionCookie, type CookieOptions } from '../http/session';
import type { AuthService, LoginResult } from './auth.service';

export function authRoutes(auth: AuthService, cookies: CookieOptions): RouteDefinition[] {
  const signIn = (ctx: RequestContext<unknown>, result: LoginResult) => {
    setSessionCookies(ctx.res, result.token, result.csrfToken, cookies);
    return result.info;
  };
  const login = (role: Role, ctx: RequestContext<unknown>, login: string, password: string) =>
    auth.login(role, login, password, ctx.req.ip ?? 'unknown', ctx.requestId).then((result) => signIn(ctx, result));

  return [
    route({
      method: 'post',
      path: '/auth/login/unit',
      summary: 'Unit administrator signs in with the unified social credit code',
      tag: 'auth',
      access: 'public',
      body: unitLoginRequest,
      response: sessionInfo,
      handle: (ctx) => login('unit_admin', ctx, ctx.body.creditCode, ctx.body.password),
    }),
    route({
      method: 'post',
      path: '/auth/login/agent',
      summary: 'Agent signs in with a mobile number; one bound to several units chooses one next',
      tag: 'auth',
      access: 'public',
      body: agentLoginRequest,
      response: sessionInfo,
      handle: (ctx) => login('agent', ctx, ctx.body.mobile, ctx.body.password),
    }),
    route({
      method: 'post',
      path: '/auth/login/reviewer',
      summary: 'Agency reviewer signs in',
      tag: 'auth',
      access: 'public',
      body: reviewerLoginRequest,
      response: sessionInfo,
      handle: (ctx) => login('reviewer', ctx, ctx.body.username, ctx.body.password),
    }),
    route({
      method: 'post',
      path: '/auth/login/person',
      summary: 'A person signs in to the personal hall with their ID number; after 2 failures (CAPTCHA_REQUIRED) with a CAPTCHA too',
      tag: 'auth',
      access: 'public',
      body: personLoginRequest,
      response: sessionInfo,
      handle: (ctx) => auth.loginPerson(ctx.body, ctx.req.ip ?? 'unknown', ctx.requestId).then((result) => signIn(ctx, result)),
    }),
    route({
      method: 'get',
      path: '/auth/me',
      summary: 'Who is signed in, and for which unit',
      tag: 'auth',
      access: 'signed-in',
      beforePasswordChange: true,
      response: sessionInfo,
      handle: (ctx) => auth.sessionInfo(actorOf(ctx)),
    }),
    route({
      method: 'post',
      path: '/auth/password',
      summary: 'Changes one’s own password (the current one required); the other sessions end',
      tag: 'auth',
      access: 'signed-in',
      beforePasswordChange: true,
      body: changePasswordRequest,
      handle: (ctx) => auth.changePassword(actorOf(ctx), ctx.body.currentPassword, ctx.body.newPassword, ctx.req.ip ?? 'unknown', ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/auth/unit',
      summary: 'An agent chooses the unit this session acts for',
      tag: 'auth',
      access: 'signed-in',
      body: selectUnitRequest,
      response: sessionInfo,
      handle: (ctx) => auth.selectUnit(actorOf(ctx), ctx.body.unitId, ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/auth/logout',
      summary: 'Ends the session',
      tag: 'auth',
      access: 'signed-in',
      beforePasswordChange: true,
      handle: async (ctx) => {
        await auth.logout(actorOf(ctx), ctx.requestId);
        clearSessionCookie(ctx.res, cookies);
        renewXsrfCookie(ctx.res, cookies);
        return undefined;
      },
    }),
  ];
}
