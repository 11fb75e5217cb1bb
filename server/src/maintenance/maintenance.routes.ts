import { z } from 'zod';
import { correctionQuery, submission } from '@common/api/submissions';
import { idParam } from '@common/api/fields';
import {
  bankAccountChangeInput,
  bankBranchPage,
  bankBranchQuery,
  contactChangeInput,
  hukouChangeInput,
  unitInfoChangeInput,
} from '@common/api/maintenance';
import { insuredPersonDetail } from '@common/api/payments';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { MaintenanceService } from './maintenance.service';

const personParams = z.object({ personId: idParam });

export function maintenanceRoutes(maintenance: MaintenanceService): RouteDefinition[] {
  return [
    route({
      method: 'post',
      path: '/unit/info-changes',
      summary: "Submits a change of the unit's contact person and legal representative for review",
      tag: 'maintenance',
      access: UNIT_ROLES,
      body: unitInfoChangeInput,
      query: correctionQuery,
      response: submission,
      status: 201,
      idempotent: true,
      handle: (ctx) => maintenance.submitUnitInfoChange(unitOf(ctx), actorOf(ctx), ctx.body, ctx.requestId, ctx.query.corrects),
    }),
    route({
      method: 'post',
      path: '/unit/bank-account-changes',
      summary: "Submits a new bank account in the unit's name for review; the unit administrator only",
      tag: 'maintenance',
      access: ['unit_admin'],
      body: bankAccountChangeInput,
      query: correctionQuery,
      response: submission,
      status: 201,
      idempotent: true,
      handle: (ctx) => maintenance.submitBankAccountChange(unitOf(ctx), actorOf(ctx), ctx.body, ctx.requestId, ctx.query.corrects),
    }),
    route({
      method: 'get',
      path: '/bank-branches',
      summary: 'Bank branches of the bundled list by keyword, short name or pinyin initials, a short page at a time',
      tag: 'maintenance',
      access: UNIT_ROLES,
      query: bankBranchQuery,
      response: bankBranchPage,
      handle: async (ctx) => maintenance.searchBranches(ctx.query),
    }),
    route({
      method: 'put',
      path: '/insured-persons/:personId/contact',
      summary: 'Changes the mobile and contact address of a person the unit insures, at once',
      tag: 'maintenance',
      access: UNIT_ROLES,
      params: personParams,
      body: contactChangeInput,
      response: insuredPersonDetail,
      handle: (ctx) => maintenance.changeContact(unitOf(ctx), actorOf(ctx), ctx.params.personId, ctx.body, ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/insured-persons/:personId/hukou-changes',
      summary: 'Submits a change of the household registration of a person the unit insures for review',
      tag: 'maintenance',
      access: UNIT_ROLES,
      params: personParams,
      body: hukouChangeInput,
      query: correctionQuery,
      response: submission,
      status: 201,
      idempotent: true,
      handle: (ctx) => maintenance.submitHukouChange(unitOf(ctx), actorOf(ctx), ctx.params.personId, ctx.body, ctx.requestId, ctx.query.corrects),
    }),
  ];
}
