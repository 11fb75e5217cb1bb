import { additionInput, additionOptions, quote, quoteRequest, reductionInput, reductionOptions } from '@common/api/declarations';
import { submission } from '@common/api/submissions';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { DeclarationService } from './declarations.service';

/** Additions and reductions: their options, the addition's quote, and their submission from the forms. */
export function declarationRoutes(declarations: DeclarationService): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/additions/options',
      summary: 'The effective months an addition may choose now (cut-off applied) and the unit’s insurance types',
      tag: 'additions',
      access: UNIT_ROLES,
      response: additionOptions,
      handle: (ctx) => declarations.additionOptions(unitOf(ctx)),
    }),
    route({
      method: 'post',
      path: '/additions/quote',
      summary: 'The contribution base and monthly amounts an addition would bring, for the confirmation step',
      tag: 'additions',
      access: UNIT_ROLES,
      body: quoteRequest,
      response: quote,
      handle: (ctx) => declarations.quote(unitOf(ctx), ctx.body),
    }),
    route({
      method: 'post',
      path: '/additions',
      summary: 'Submits an addition (增员) for review',
      tag: 'additions',
      access: UNIT_ROLES,
      body: additionInput,
      response: submission,
      status: 201,
      idempotent: true,
      handle: (ctx) => declarations.submitOne(unitOf(ctx), actorOf(ctx), { kind: 'addition', input: ctx.body }, ctx.requestId),
    }),
    route({
      method: 'get',
      path: '/reductions/options',
      summary: 'The stop month (always the current month) and the reasons of a reduction',
      tag: 'reductions',
      access: UNIT_ROLES,
      response: reductionOptions,
      handle: async () => declarations.reductionOptions(),
    }),
    route({
      method: 'post',
      path: '/reductions',
      summary: 'Submits a reduction (减员) for review; coverage stops at the end of the current month',
      tag: 'reductions',
      access: UNIT_ROLES,
      body: reductionInput,
      response: submission,
      status: 201,
      idempotent: true,
      handle: (ctx) => declarations.submitOne(unitOf(ctx), actorOf(ctx), { kind: 'reduction', input: ctx.body }, ctx.requestId),
    }),
  ];
}
