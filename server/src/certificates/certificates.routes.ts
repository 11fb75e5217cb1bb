import { certificate, certificateRequest, certificateVerification } from '@common/api/certificates';
import { codeParams } from '@common/api/verification';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { CertificateService } from './certificates.service';

export function certificateRoutes(certificates: CertificateService): RouteDefinition[] {
  return [
    route({
      method: 'post',
      path: '/certificates',
      summary: "Issues a payment certificate for one of the unit's employees and a range of fee periods",
      tag: 'certificates',
      access: UNIT_ROLES,
      body: certificateRequest,
      response: certificate,
      status: 201,
      handle: (ctx) => certificates.issue({ ...actorOf(ctx), unitId: unitOf(ctx) }, ctx.body, ctx.requestId),
    }),
    route({
      method: 'get',
      path: '/certificates/:code',
      summary: 'A certificate the unit issued, with its months and amounts, to print again',
      tag: 'certificates',
      access: UNIT_ROLES,
      params: codeParams,
      response: certificate,
      handle: (ctx) => certificates.find(unitOf(ctx), ctx.params.code),
    }),
    route({
      method: 'get',
      path: '/certificates/verify/:code',
      summary: 'Checks a certificate code: masked name and ID number and the months covered, or 404; many misses from one address wait',
      tag: 'certificates',
      access: 'public',
      params: codeParams,
      response: certificateVerification,
      handle: (ctx) => certificates.verify(ctx.params.code, ctx.req.ip ?? 'unknown'),
    }),
  ];
}
