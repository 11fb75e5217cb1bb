import { z } from 'zod';
import { additionInput, additionOptions, quote, quoteRequest, reductionInput, reductionOptions } from '@common/api/declarations';
import { correctionQuery, submission, submissionPage, submissionQuery } from '@common/api/submissions';
import { idParam } from '@common/api/fields';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { DeclarationService } from './declarations.service';

const submissionIdParams = z.object({ id: idParam });

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
      summary: 'Submits an addition (增员) for review; `corrects` names the rejected addition it corrects',
      tag: 'additions',
      access: UNIT_ROLES,
      body: additionInput,
      query: correctionQuery,
      response: submission,
      status: 201,
      idempotent: true,
      handle: (ctx) => declarations.submitOne(unitOf(ctx), actorOf(ctx), { kind: 'addition', input: ctx.body }, ctx.requestId, ctx.query.corrects),
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
      summary: 'Submits a reduction (减员) for review; coverage stops at the end of the current month; `corrects` as for additions',
      tag: 'reductions',
      access: UNIT_ROLES,
      body: reductionInput,
      query: correctionQuery,
      response: submission,
      status: 201,
      idempotent: true,
      handle: (ctx) => declarations.submitOne(unitOf(ctx), actorOf(ctx), { kind: 'reduction', input: ctx.body }, ctx.requestId, ctx.query.corrects),
    }),
    route({
      method: 'get',
      path: '/submissions',
      summary: "The unit's submissions pending review or audited, newest first",
      tag: 'submissions',
      access: UNIT_ROLES,
      query: submissionQuery,
      response: submissionPage,
      handle: (ctx) => declarations.list(unitOf(ctx), ctx.query),
    }),
    route({
      method: 'get',
      path: '/submissions/:id',
      summary: 'One submission of the unit',
      tag: 'submissions',
      access: UNIT_ROLES,
      params: submissionIdParams,
      response: submission,
      handle: (ctx) => declarations.find(unitOf(ctx), ctx.params.id),
    }),
    route({
      method: 'post',
      path: '/submissions/:id/withdraw',
      summary: 'Withdraws a submission still pending review',
      tag: 'submissions',
      access: UNIT_ROLES,
      params: submissionIdParams,
      response: submission,
      handle: (ctx) => declarations.withdraw(unitOf(ctx), actorOf(ctx), ctx.params.id, ctx.requestId),
    }),
  ];
}
