import { z } from 'zod';
import { reviewDecision, reviewQuery, reviewResult, submission, submissionPage } from '@common/api/submissions';
import { idParam } from '@common/api/fields';
import { actorOf, route, type RouteDefinition } from '../http/route';
import type { ReviewService } from './review.service';

const idParams = z.object({ id: idParam });

export function reviewRoutes(review: ReviewService): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/review/submissions',
      summary: "Every unit's submissions for the agency's reviewers: pending ones oldest first, decided ones newest first",
      tag: 'review',
      access: ['reviewer'],
      query: reviewQuery,
      response: submissionPage,
      handle: (ctx) => review.list(ctx.query),
    }),
    route({
      method: 'get',
      path: '/review/submissions/:id',
      summary: 'One submission, as submitted',
      tag: 'review',
      access: ['reviewer'],
      params: idParams,
      response: submission,
      handle: (ctx) => review.find(ctx.params.id),
    }),
    route({
      method: 'post',
      path: '/review/submissions/:id/decision',
      summary: 'Approves (applying it to the records) or rejects with a reason one pending submission',
      tag: 'review',
      access: ['reviewer'],
      params: idParams,
      body: reviewDecision,
      response: reviewResult,
      handle: (ctx) => review.decide(actorOf(ctx), ctx.params.id, ctx.body, ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/review/batches/:id/decision',
      summary: "Approves or rejects all of a batch's pending declarations at once; an approval applies all or none",
      tag: 'review',
      access: ['reviewer'],
      params: idParams,
      body: reviewDecision,
      response: reviewResult,
      handle: (ctx) => review.decideBatch(actorOf(ctx), ctx.params.id, ctx.body, ctx.requestId),
    }),
  ];
}
