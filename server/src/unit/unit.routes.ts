import { reviewUnitQuery, unitInfo, unitSummaryPage } from '@common/api/payments';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { UnitService } from './unit.service';

export function unitRoutes(units: UnitService): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/unit',
      summary: "The unit's basic, contact, registration and bank information, and its changes pending review",
      tag: 'unit',
      access: UNIT_ROLES,
      response: unitInfo,
      handle: (ctx) => units.info(unitOf(ctx), actorOf(ctx).role),
    }),
    route({
      method: 'get',
      path: '/review/units',
      summary: 'Every unit, for the reviewers to pick one: by a part of the name or the start of the credit code, in order of name',
      tag: 'review',
      access: ['reviewer'],
      query: reviewUnitQuery,
      response: unitSummaryPage,
      handle: (ctx) => units.search(ctx.query),
    }),
  ];
}
