import { insuredPage, insuredQuery } from '@common/api/declarations';
import { route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { InsuredService } from './insured.service';

export function insuredRoutes(insured: InsuredService): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/insured-persons',
      summary: "Persons the unit insures or once insured (each with the latest employment), searched by ID number or name",
      tag: 'insured',
      access: UNIT_ROLES,
      query: insuredQuery,
      response: insuredPage,
      handle: (ctx) => insured.list(unitOf(ctx), ctx.query),
    }),
  ];
}
