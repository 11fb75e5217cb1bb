import { reviewerHome, unitHome } from '@common/api/home';
import { route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { HomeService } from './home.service';

export function homeRoutes(home: HomeService): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/home',
      summary: "The unit's insured count, pending submissions and this month's amount due",
      tag: 'home',
      access: UNIT_ROLES,
      response: unitHome,
      handle: (ctx) => home.unitHome(unitOf(ctx)),
    }),
    route({
      method: 'get',
      path: '/review/home',
      summary: "Pending submissions across units, for the agency's reviewers",
      tag: 'review',
      access: ['reviewer'],
      response: reviewerHome,
      handle: () => home.reviewerHome(),
    }),
  ];
}
