import { bankBranchPage, bankBranchQuery } from '@common/api/maintenance';
import {
  registrationCaptcha,
  registrationReceipt,
  registrationStatus,
  registrationStatusQuery,
  unitRegistrationInput,
} from '@common/api/registration';
import { route, type RequestContext, type RouteDefinition } from '../http/route';
import type { RegistrationService } from './registration.service';

/** Where a request comes from, for the throttle: Express's `req.ip` (X-Forwarded-For only from TRUST_PROXY's proxies). */
const addressOf = (ctx: RequestContext<unknown, unknown, unknown>) => ctx.req.ip ?? 'unknown';

/** The public registration page's routes: anyone may call them, each throttled per address. */
export function registrationRoutes(registrations: RegistrationService): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/registrations/captcha',
      summary: 'A one-time CAPTCHA for the registration form',
      tag: 'registration',
      access: 'public',
      response: registrationCaptcha,
      handle: (ctx) => registrations.captcha(addressOf(ctx)),
    }),
    route({
      method: 'post',
      path: '/registrations',
      summary: "Registers a unit for review; answers the code that shows the registration's status",
      tag: 'registration',
      access: 'public',
      body: unitRegistrationInput,
      response: registrationReceipt,
      status: 201,
      handle: (ctx) => registrations.submit(ctx.body, addressOf(ctx), ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/registrations/status',
      summary: "A registration's status (and the reason once rejected), by credit code and the code shown at submission",
      tag: 'registration',
      access: 'public',
      body: registrationStatusQuery,
      response: registrationStatus,
      handle: (ctx) => registrations.status(ctx.body.creditCode, ctx.body.statusCode, addressOf(ctx)),
    }),
    route({
      method: 'get',
      path: '/registrations/bank-branches',
      summary: 'Bank branches of the bundled list, for the registration form',
      tag: 'registration',
      access: 'public',
      query: bankBranchQuery,
      response: bankBranchPage,
      handle: async (ctx) => registrations.maintenance.searchBranches(ctx.query),
    }),
  ];
}
