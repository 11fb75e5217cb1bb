import { certificate, certificateRequest, certificateVerification } from '@common/api/certificates';
import { ownCertificate, ownCertificateRequest } from '@common/api/personal';
import { codeParams } from '@common/api/verification';
import { actorOf, PERSON_ROLES, personOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
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
      method: 'post',
      path: '/me/certificates',
      summary: "Issues the person's own payment certificate for a range of fee periods, across the units that paid",
      tag: 'certificates',
      access: PERSON_ROLES,
      body: ownCertificateRequest,
      response: ownCertificate,
      status: 201,
      handle: (ctx) => certificates.issueOwn(actorOf(ctx), personOf(ctx), ctx.body, ctx.requestId),
    }),
    route({
      method: 'get',
      path: '/me/certificates/:code',
      summary: "The person's own certificate, to print again",
      tag: 'certificates',
      access: PERSON_ROLES,
      params: codeParams,
      response: ownCertificate,
      handle: (ctx) => certificates.findOwn(personOf(ctx), ctx.params.code),
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
