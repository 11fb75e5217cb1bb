import { z } from 'zod';
import { submission, submissionPage, submissionQuery } from '@common/api/submissions';
import { idParam } from '@common/api/fields';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { SubmissionService } from './submissions.service';

const submissionIdParams = z.object({ id: idParam });

/** The unit's queues of its submissions of every kind; each kind is submitted through its own feature. */
export function submissionRoutes(submissions: SubmissionService): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/submissions',
      summary: "The unit's submissions pending review or audited, newest first",
      tag: 'submissions',
      access: UNIT_ROLES,
      query: submissionQuery,
      response: submissionPage,
      handle: (ctx) => submissions.list(unitOf(ctx), actorOf(ctx).role, ctx.query),
    }),
    route({
      method: 'get',
      path: '/submissions/:id',
      summary: 'One submission of the unit',
      tag: 'submissions',
      access: UNIT_ROLES,
      params: submissionIdParams,
      response: submission,
      handle: (ctx) => submissions.find(unitOf(ctx), ctx.params.id, actorOf(ctx).role),
    }),
    route({
      method: 'post',
      path: '/submissions/:id/withdraw',
      summary: 'Withdraws a submission still pending review',
      tag: 'submissions',
      access: UNIT_ROLES,
      params: submissionIdParams,
      response: submission,
      handle: (ctx) => submissions.withdraw(unitOf(ctx), actorOf(ctx), ctx.params.id, ctx.requestId),
    }),
  ];
}
