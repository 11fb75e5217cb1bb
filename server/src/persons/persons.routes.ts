import {
  insuranceStandings,
  ownEmployments,
  ownPaymentPage,
  ownPaymentQuery,
  personRegistrationInput,
  personRegistrationReceipt,
} from '@common/api/personal';
import { PERSON_ROLES, personOf, route, type RouteDefinition } from '../http/route';
import type { PersonService } from './persons.service';

/** A person's registration (public) and own records (the signed-in person's only). */
export function personRoutes(persons: PersonService): RouteDefinition[] {
  return [
    route({
      method: 'post',
      path: '/persons/registrations',
      summary: 'A person registers an account of the personal hall (CAPTCHA from GET /registrations/captcha); one per person',
      tag: 'persons',
      access: 'public',
      body: personRegistrationInput,
      response: personRegistrationReceipt,
      status: 201,
      handle: (ctx) => persons.register(ctx.body, ctx.req.ip ?? 'unknown', ctx.requestId),
    }),
    route({
      method: 'get',
      path: '/me/insurance',
      summary: "The person's own insurance per type: status, since, until and the insuring unit",
      tag: 'persons',
      access: PERSON_ROLES,
      response: insuranceStandings,
      handle: (ctx) => persons.insurance(personOf(ctx)),
    }),
    route({
      method: 'get',
      path: '/me/employments',
      summary: "The person's own employment history: units and months",
      tag: 'persons',
      access: PERSON_ROLES,
      response: ownEmployments,
      handle: (ctx) => persons.employments(personOf(ctx)),
    }),
    route({
      method: 'get',
      path: '/me/payment-details',
      summary: "The person's own employee payment details by month, with the personal share; paged, sorted, by period range",
      tag: 'persons',
      access: PERSON_ROLES,
      query: ownPaymentQuery,
      response: ownPaymentPage,
      handle: (ctx) => persons.paymentDetails(personOf(ctx), ctx.query),
    }),
  ];
}
