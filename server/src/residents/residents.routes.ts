import { z } from 'zod';
import {
  assistedImportQuery,
  assistedImportResult,
  assistedPerson,
  assistedPersonInput,
  assistedPersonPage,
  assistedPersonQuery,
  familyMember,
  familyMemberInput,
  payeeRequest,
  quoteRequest,
  residentPayee,
  residentQuote,
  residentRegistrationInput,
  residentRegistrationStatus,
  residentYear,
} from '@common/api/residents';
import { idParam } from '@common/api/fields';
import { sendWorkbook, uploadedFile } from '../batches/batches.routes';
import { actorOf, personOf, PERSON_ROLES, route, type RouteDefinition } from '../http/route';
import type { AssistedImport } from './assisted-import';
import type { ResidentService } from './residents.service';

const idParams = z.object({ id: idParam });

export function residentRoutes(residents: ResidentService, assistedImport: AssistedImport): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/me/family',
      summary: "The payer's family members, in the payment-related view (masked name and ID number, insurance types, registration)",
      tag: 'residents',
      access: PERSON_ROLES,
      response: z.array(familyMember),
      handle: (ctx) => residents.family(personOf(ctx)),
    }),
    route({
      method: 'post',
      path: '/me/family',
      summary: 'Adds a family member by name and ID number (a known ID number needs its registered name)',
      tag: 'residents',
      access: PERSON_ROLES,
      body: familyMemberInput,
      response: familyMember,
      status: 201,
      handle: (ctx) => residents.addMember(actorOf(ctx), personOf(ctx), ctx.body, ctx.requestId),
    }),
    route({
      method: 'delete',
      path: '/me/family/:id',
      summary: 'Removes one of the payer’s family members',
      tag: 'residents',
      access: PERSON_ROLES,
      params: idParams,
      handle: (ctx) => residents.removeMember(actorOf(ctx), personOf(ctx), ctx.params.id, ctx.requestId),
    }),
    route({
      method: 'get',
      path: '/me/resident-registrations',
      summary: 'The resident registrations the payer sent, newest first, with their status',
      tag: 'residents',
      access: PERSON_ROLES,
      response: z.array(residentRegistrationStatus),
      handle: (ctx) => residents.registrations(actorOf(ctx)),
    }),
    route({
      method: 'post',
      path: '/me/resident-registrations',
      summary: 'Registers the payer or a family member (a newborn included) as a resident, for the agency’s review',
      tag: 'residents',
      access: PERSON_ROLES,
      body: residentRegistrationInput,
      response: residentRegistrationStatus,
      status: 201,
      handle: (ctx) => residents.register(actorOf(ctx), personOf(ctx), ctx.body, ctx.requestId),
    }),
    route({
      method: 'get',
      path: '/me/resident-payments/years',
      summary: 'The coverage years open for payment today, with their standard amount and collection period',
      tag: 'residents',
      access: PERSON_ROLES,
      response: z.array(residentYear),
      handle: () => residents.openYears(),
    }),
    route({
      method: 'post',
      path: '/me/resident-payments/payee',
      summary: 'Whom a payment is for: registration, insurance types and the years open to them (payment-related view only)',
      tag: 'residents',
      access: PERSON_ROLES,
      body: payeeRequest,
      response: residentPayee,
      handle: (ctx) => residents.payee(personOf(ctx), ctx.body.person),
    }),
    route({
      method: 'post',
      path: '/me/resident-payments/quote',
      summary: 'The amount of a resident contribution (never sent by the client), the waiting period and the day benefits start',
      tag: 'residents',
      access: PERSON_ROLES,
      body: quoteRequest,
      response: residentQuote,
      handle: (ctx) => residents.quote(personOf(ctx), ctx.body),
    }),
    route({
      method: 'get',
      path: '/assisted-persons',
      summary: 'The agency’s list of assisted persons (医疗救助对象), paged, filtered and sorted',
      tag: 'residents',
      access: ['reviewer'],
      query: assistedPersonQuery,
      response: assistedPersonPage,
      handle: (ctx) => residents.assistedPersons(ctx.query),
    }),
    route({
      method: 'post',
      path: '/assisted-persons',
      summary: 'Adds an assisted person for a coverage year',
      tag: 'residents',
      access: ['reviewer'],
      body: assistedPersonInput,
      response: assistedPerson,
      status: 201,
      handle: (ctx) => residents.addAssisted(actorOf(ctx), ctx.body, ctx.requestId),
    }),
    route({
      method: 'get',
      path: '/assisted-persons/template',
      summary: 'The Excel template of the assisted list, headers in the caller’s language',
      tag: 'residents',
      access: ['reviewer'],
      handle: async (ctx) => {
        const { fileName, file } = assistedImport.template(ctx.lang);
        return sendWorkbook(ctx.res, fileName, await file);
      },
    }),
    route({
      method: 'post',
      path: '/assisted-persons/import',
      summary: 'Checks a filled template (the raw .xlsx as the body) and with commit=true imports it: every row in one transaction, or none',
      tag: 'residents',
      access: ['reviewer'],
      query: assistedImportQuery,
      response: assistedImportResult,
      handle: async (ctx) => assistedImport.run(actorOf(ctx), await uploadedFile(ctx.req, ctx.res), ctx.query.commit, ctx.lang, ctx.requestId),
    }),
    route({
      method: 'delete',
      path: '/assisted-persons/:id',
      summary: 'Removes an entry of the assisted list',
      tag: 'residents',
      access: ['reviewer'],
      params: idParams,
      handle: (ctx) => residents.removeAssisted(actorOf(ctx), ctx.params.id, ctx.requestId),
    }),
  ];
}
