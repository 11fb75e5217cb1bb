/**
 * Every endpoint, every kind of caller: anonymous callers get 401, roles without the right 403 (the roles
 * are this file's own table, EXPECTED_ACCESS, not the declarations'), the right roles get in, a user of
 * unit B asking for anything of unit A 404 (or, for lists, nothing of A), and every state-changing
 * request without the CSRF token is refused. A new route without a case and a line in EXPECTED_ACCESS
 * fails the first test.
 */
import type { Role } from '@common/api/auth';
import type request from 'supertest';
import { AGENTS, changedTables, createTestHall, databaseSnapshot, type HallClient, type TestHall } from './harness';
import { DEMO_PASSWORDS, DEMO_PERSONS, DEMO_REVIEWER, DEMO_UNITS } from '../src/db/seeds/demo';
import { activeEmployees, addition, newIdNumber, residents, submitBatch } from './declarations';
import { batchRow, filledTemplate, uploadWorkbook } from './batch-files';
import { NEW_UNIT, registration } from './registrations';
import { personRegistration } from './persons';
import { downloadWorkbook } from './workbooks';
import { PERSON_ROLES, UNIT_ROLES, type Access, type RouteDefinition } from '../src/http/route';
import { addedMember, idNumberBornOn, registrationOf } from './residents';

interface World {
  hall: TestHall;
  /** Ids of things that belong to unit A. */
  unitA: {
    unitId: number;
    invitedAgentId: number;
    agentId: number;
    paymentDetailId: number;
    personId: number;
    idNumber: string;
    name: string;
    declarationId: number;
    batchId: number;
    /** One of the messages its approvals wrote. */
    messageId: number;
  };
  /** Employed by unit A and reduced there in 202611, then added by unit B from 202612 (both approved). */
  moved: { personId: number };
  /** Had urban-rural resident insurance until unit A's addition of them from 202611 was approved. */
  formerResident: { personId: number };
  /**
   * Person A (DEMO_PERSONS[0]), once employed by unit A (202501–202506), and the certificate they issued for
   * themselves; person A's family member, registered by person A as a resident (pending); an entry of the
   * assisted list; and a paid payment order of person A's with its receipt code.
   */
  personA: {
    certificateCode: string;
    unitName: string;
    memberId: number;
    registrationId: number;
    assistedId: number;
    orderId: number;
    receiptCode: string;
  };
}

interface TenancyCase {
  /** The URL with unit A's ids filled in, and a valid body. */
  url(world: World): string;
  body?: unknown;
  /** What a user of unit B (same role) gets when aiming at unit A. */
  crossUnit: ((b: HallClient, world: World) => Promise<void>) | 'not unit data';
}

const CASES: Record<string, TenancyCase> = {
  'get /health': { url: () => '/api/health', crossUnit: 'not unit data' },
  'get /health/live': { url: () => '/api/health/live', crossUnit: 'not unit data' },
  'get /health/ready': { url: () => '/api/health/ready', crossUnit: 'not unit data' },
  'get /openapi.json': { url: () => '/api/openapi.json', crossUnit: 'not unit data' },
  'post /auth/login/unit': {
    url: () => '/api/auth/login/unit',
    body: { creditCode: DEMO_UNITS[0].creditCode, password: DEMO_PASSWORDS.unitAdmin },
    crossUnit: 'not unit data',
  },
  'post /auth/login/agent': {
    url: () => '/api/auth/login/agent',
    body: { mobile: AGENTS.unitAOnly, password: DEMO_PASSWORDS.agent },
    crossUnit: 'not unit data',
  },
  'post /auth/login/reviewer': {
    url: () => '/api/auth/login/reviewer',
    body: { username: DEMO_REVIEWER.username, password: DEMO_PASSWORDS.reviewer },
    crossUnit: 'not unit data',
  },
  'post /auth/login/person': {
    url: () => '/api/auth/login/person',
    body: { idNumber: DEMO_PERSONS[0].idNumber, password: DEMO_PASSWORDS.person },
    crossUnit: 'not unit data',
  },
  'post /persons/registrations': {
    url: () => '/api/persons/registrations',
    body: { ...personRegistration(), captchaToken: 'not-handed-out', captchaAnswer: 'abcde' },
    crossUnit: 'not unit data',
  },
  // Person routes: crossUnit runs as person B, who must get nothing of person A.
  'get /me/insurance': {
    url: () => '/api/me/insurance',
    crossUnit: async (b, { personA }) => {
      const res = await b.get('/api/me/insurance');
      expect(res.body.items.map((i: { insuranceType: string }) => i.insuranceType)).toEqual(['390']);
      expect(JSON.stringify(res.body)).not.toContain(personA.unitName);
    },
  },
  'get /me/employments': {
    url: () => '/api/me/employments',
    crossUnit: async (b) => expect((await b.get('/api/me/employments')).body.items).toEqual([]),
  },
  'get /me/payment-details': {
    url: () => '/api/me/payment-details?from=202501&to=202506',
    crossUnit: async (b) => expect((await b.get('/api/me/payment-details?from=202501&to=202506')).body.total).toBe(0),
  },
  'post /me/certificates': {
    url: () => '/api/me/certificates',
    body: { from: '202503', to: '202503' },
    crossUnit: async (b, { hall }) => {
      const before = await hall.db.knex('certificates').whereNull('unit_id').count<{ n: number }[]>('* as n');
      expect((await b.post('/api/me/certificates', { from: '202503', to: '202503' })).status).toBe(400);
      expect(await hall.db.knex('certificates').whereNull('unit_id').count<{ n: number }[]>('* as n')).toEqual(before);
    },
  },
  'get /me/certificates/:code': {
    url: ({ personA }) => `/api/me/certificates/${personA.certificateCode}`,
    crossUnit: async (b, { personA }) => expect((await b.get(`/api/me/certificates/${personA.certificateCode}`)).status).toBe(404),
  },
  'get /auth/me': {
    url: () => '/api/auth/me',
    crossUnit: async (b) => {
      const me = await b.get('/api/auth/me');
      expect(JSON.stringify(me.body)).not.toContain(DEMO_UNITS[0].creditCode);
    },
  },
  'post /auth/unit': {
    url: () => '/api/auth/unit',
    body: { unitId: 1 },
    crossUnit: async (b, { hall }) => {
      const unitA = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[0].creditCode }).first('id');
      const res = await b.post('/api/auth/unit', { unitId: unitA.id });
      expect(res.status).toBe(res.body.code === 'FORBIDDEN' ? 403 : 404);
    },
  },
  'post /auth/password': {
    url: () => '/api/auth/password',
    // Only ever one's own password: there is no other account to aim at.
    body: { currentPassword: 'wrong-password', newPassword: 'Tenancy2026x' },
    crossUnit: 'not unit data',
  },
  'post /auth/logout': { url: () => '/api/auth/logout', crossUnit: 'not unit data' },
  'get /home': {
    url: () => '/api/home',
    crossUnit: async (b, { hall }) => {
      const res = await b.get('/api/home');
      const unitB = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[1].creditCode }).first('id');
      // Insured this month: the person unit B takes on from 202612 is not yet.
      const insuredB = await hall.db
        .knex('employments')
        .where({ unit_id: unitB.id, status: 'active' })
        .where('start_month', '<=', '202611')
        .count({ n: '*' })
        .first();
      expect(res.body.insuredCount).toBe(Number(insuredB!.n));
    },
  },
  'get /review/home': { url: () => '/api/review/home', crossUnit: 'not unit data' },
  'get /agents': {
    url: () => '/api/agents',
    crossUnit: async (b) => {
      const res = await b.get('/api/agents');
      expect(res.body.items.map((a: { mobile: string }) => a.mobile)).not.toContain(AGENTS.unitAOnly);
    },
  },
  'post /agents': {
    url: () => '/api/agents',
    body: { name: '测试员', mobile: '13900000077', password: 'Kestrel2026q' },
    crossUnit: async (b, { hall }) => {
      const res = await b.post('/api/agents', { name: '测试员', mobile: '13900000078', password: 'Kestrel2026q' });
      const unitA = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[0].creditCode }).first('id');
      const bound = await hall.db.knex('agent_units').where({ agent_id: res.body.id, unit_id: unitA.id }).first();
      expect(bound).toBeUndefined();
    },
  },
  'delete /agents/:id/invitation': {
    url: ({ unitA }) => `/api/agents/${unitA.invitedAgentId}/invitation`,
    crossUnit: async (b, { unitA, hall }) => {
      expect((await b.send('delete', `/api/agents/${unitA.invitedAgentId}/invitation`)).status).toBe(404);
      expect(await hall.db.knex('agent_invitations').where({ unit_id: unitA.unitId, agent_id: unitA.invitedAgentId }).first()).toBeDefined();
    },
  },
  'get /auth/invitations': {
    url: () => '/api/auth/invitations',
    crossUnit: async (b) => {
      const res = await b.get('/api/auth/invitations');
      // Unit A's invitation is addressed to another account: an administrator has none, the agent of B sees none.
      if (res.status !== 403) expect(res.body.items).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain(DEMO_UNITS[0].name);
    },
  },
  'post /auth/invitations/:unitId/accept': {
    url: ({ unitA }) => `/api/auth/invitations/${unitA.unitId}/accept`,
    crossUnit: async (b, { unitA, hall }) => {
      const res = await b.post(`/api/auth/invitations/${unitA.unitId}/accept`);
      expect(res.status).toBe(res.body.code === 'FORBIDDEN' ? 403 : 404);
      expect(await hall.db.knex('agent_units').where({ unit_id: unitA.unitId, agent_id: unitA.invitedAgentId }).first()).toBeUndefined();
      expect(await hall.db.knex('agent_invitations').where({ unit_id: unitA.unitId, agent_id: unitA.invitedAgentId }).first()).toBeDefined();
    },
  },
  'post /auth/invitations/:unitId/decline': {
    url: ({ unitA }) => `/api/auth/invitations/${unitA.unitId}/decline`,
    crossUnit: async (b, { unitA, hall }) => {
      const res = await b.post(`/api/auth/invitations/${unitA.unitId}/decline`);
      expect(res.status).toBe(res.body.code === 'FORBIDDEN' ? 403 : 404);
      expect(await hall.db.knex('agent_invitations').where({ unit_id: unitA.unitId, agent_id: unitA.invitedAgentId }).first()).toBeDefined();
    },
  },
  'post /agents/:id/disable': {
    url: ({ unitA }) => `/api/agents/${unitA.agentId}/disable`,
    crossUnit: async (b, { unitA, hall }) => {
      expect((await b.post(`/api/agents/${unitA.agentId}/disable`)).status).toBe(404);
      const binding = await hall.db.knex('agent_units').where({ agent_id: unitA.agentId }).first('disabled');
      expect(Boolean(binding.disabled)).toBeFalse();
    },
  },
  'get /unit': {
    url: () => '/api/unit',
    crossUnit: async (b) => {
      expect((await b.get('/api/unit')).body.creditCode).toBe(DEMO_UNITS[1].creditCode);
    },
  },
  'get /payments/details': {
    url: () => '/api/payments/details',
    crossUnit: async (b, { unitA }) => {
      expect((await b.get(`/api/payments/details?q=${unitA.idNumber}`)).body.total).toBe(0);
    },
  },
  'get /payments/details/:id': {
    url: ({ unitA }) => `/api/payments/details/${unitA.paymentDetailId}`,
    crossUnit: async (b, { unitA }) => {
      expect((await b.get(`/api/payments/details/${unitA.paymentDetailId}`)).status).toBe(404);
    },
  },
  'get /payments/details/export': {
    url: () => '/api/payments/details/export',
    crossUnit: async (b, { unitA }) => {
      const res = await b.get(`/api/payments/details/export?q=${unitA.idNumber}`);
      expect(res.headers['x-total-rows']).toBe('0');
      expect(res.headers['content-disposition']).not.toContain(encodeURIComponent(DEMO_UNITS[0].name));
    },
  },
  'get /payments/periods': {
    url: () => '/api/payments/periods',
    crossUnit: async (b, { hall }) => {
      const res = await b.get('/api/payments/periods?from=202611&to=202611');
      const unitB = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[1].creditCode }).first('id');
      const rows = await hall.db.knex('payment_details').where({ unit_id: unitB.id, fee_period: '202611' });
      expect(res.body.items[0].dueFen).toBe(rows.reduce((n, r) => n + r.unit_amount_fen + r.person_amount_fen, 0));
    },
  },
  'get /payments/periods/export': {
    url: () => '/api/payments/periods/export',
    crossUnit: async (b) => {
      const res = await b.get('/api/payments/periods/export');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent(DEMO_UNITS[1].name));
      expect(res.headers['content-disposition']).not.toContain(encodeURIComponent(DEMO_UNITS[0].name));
    },
  },
  'post /review/assessments': {
    url: () => '/api/review/assessments',
    body: { unitId: 1, feePeriod: '202611' },
    crossUnit: 'not unit data',
  },
  'get /review/units': { url: () => '/api/review/units?q=%E7%A6%8F%E5%B7%9E', crossUnit: 'not unit data' },
  'post /review/assessments/all': { url: () => '/api/review/assessments/all', body: { feePeriod: '202611' }, crossUnit: 'not unit data' },
  'post /review/collections': {
    url: () => '/api/review/collections',
    body: { unitId: 1, feePeriod: '202610', collectedOn: '2026-11-01', serial: 'T-1', amountFen: 1 },
    crossUnit: 'not unit data',
  },
  'get /additions/options': {
    url: () => '/api/additions/options',
    crossUnit: async (b, { hall }) => {
      const unitB = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[1].creditCode }).first('id');
      const types = await hall.db.knex('unit_insurance_types').where({ unit_id: unitB.id }).orderBy('insurance_type');
      expect((await b.get('/api/additions/options')).body.insuranceTypes).toEqual(types.map((t) => t.insurance_type));
    },
  },
  'post /additions/quote': {
    url: () => '/api/additions/quote',
    body: { wageFen: 600_000, effectiveMonth: '202611' },
    crossUnit: async (b, { unitA }) => {
      // With a person: unit A's employee is refused as at the submit, and unit A is not named.
      const res = await b.post('/api/additions/quote', { wageFen: 600_000, effectiveMonth: '202611', idNumber: unitA.idNumber });
      expect(res.status).toBe(400);
      expect(res.body.details.fields).toEqual([jasmine.objectContaining({ field: 'idNumber', code: 'INSURED_ELSEWHERE' })]);
      expect(JSON.stringify(res.body)).not.toContain(DEMO_UNITS[0].name);
    },
  },
  'post /additions': {
    url: () => '/api/additions',
    body: addition(newIdNumber(900)),
    crossUnit: async (b, { unitA }) => {
      // Unit A's employee: refused, and unit A is not named.
      const res = await b.post('/api/additions', addition(unitA.idNumber));
      expect(res.status).toBe(400);
      expect(res.body.details.fields).toEqual([jasmine.objectContaining({ field: 'idNumber', code: 'INSURED_ELSEWHERE' })]);
      expect(JSON.stringify(res.body)).not.toContain(DEMO_UNITS[0].name);
    },
  },
  'get /reductions/options': { url: () => '/api/reductions/options', crossUnit: 'not unit data' },
  'post /reductions': {
    url: () => '/api/reductions',
    body: { idNumber: '110105194912310021', name: '王伟', reason: 'resigned' },
    crossUnit: async (b, { unitA, hall }) => {
      const res = await b.post('/api/reductions', { idNumber: unitA.idNumber, name: unitA.name, reason: 'resigned' });
      expect(res.body.details.fields).toEqual([jasmine.objectContaining({ field: 'idNumber', code: 'NOT_INSURED_HERE' })]);
      expect(await hall.db.knex('declarations').where({ id_number: unitA.idNumber, type: 'reduction' }).first()).toBeUndefined();
    },
  },
  'get /submissions': {
    url: () => '/api/submissions',
    crossUnit: async (b, { unitA }) => {
      const ids = (await b.get('/api/submissions?pageSize=200')).body.items.map((d: { id: number }) => d.id);
      expect(ids).not.toContain(unitA.declarationId);
      expect((await b.get(`/api/submissions?batchId=${unitA.batchId}`)).body.total).toBe(0);
    },
  },
  'get /submissions/export': {
    url: () => '/api/submissions/export',
    crossUnit: async (b, { unitA }) => {
      expect((await b.get(`/api/submissions/export?batchId=${unitA.batchId}`)).headers['x-total-rows']).toBe('0');
      for (const queue of ['pending', 'audited']) {
        const { res, sheet } = await downloadWorkbook(b, `/api/submissions/export?queue=${queue}`);
        expect(res.status).toBe(200);
        const cells = JSON.stringify(sheet.getSheetValues());
        for (const sequence of [901, 902, 903]) expect(cells).not.toContain(newIdNumber(sequence));
      }
    },
  },
  'get /submissions/:id': {
    url: ({ unitA }) => `/api/submissions/${unitA.declarationId}`,
    crossUnit: async (b, { unitA }) => {
      expect((await b.get(`/api/submissions/${unitA.declarationId}`)).status).toBe(404);
    },
  },
  'post /submissions/:id/withdraw': {
    url: ({ unitA }) => `/api/submissions/${unitA.declarationId}/withdraw`,
    crossUnit: async (b, { unitA, hall }) => {
      expect((await b.post(`/api/submissions/${unitA.declarationId}/withdraw`)).status).toBe(404);
      expect((await hall.db.knex('declarations').where({ id: unitA.declarationId }).first('status')).status).toBe('pending');
    },
  },
  'get /insured-persons': {
    url: () => '/api/insured-persons',
    crossUnit: async (b, { unitA }) => {
      expect((await b.get(`/api/insured-persons?q=${unitA.idNumber}`)).body.total).toBe(0);
    },
  },
  'get /insured-persons/:personId': {
    url: ({ unitA }) => `/api/insured-persons/${unitA.personId}`,
    crossUnit: async (b, { unitA, moved, formerResident, hall }) => {
      expect((await b.get(`/api/insured-persons/${unitA.personId}`)).status).toBe(404);
      expect((await b.get(`/api/insured-persons/${formerResident.personId}`)).status).toBe(404);
      // Each unit sees the person who moved with its own employment and insurance only.
      const inB = (await b.get(`/api/insured-persons/${moved.personId}`)).body;
      expect([inB.employment.status, inB.employment.startMonth]).toEqual(['active', '202612']);
      const typesOfB = await insuranceTypesOf(hall, 1);
      expect(inB.insurance.map((i: Insurance) => [i.insuranceType, i.startMonth, i.status])).toEqual(typesOfB.map((t) => [t, '202612', 'active']));

      const a = await signedInAs(hall, 'unit_admin', 0);
      const inA = (await a.get(`/api/insured-persons/${moved.personId}`)).body;
      expect([inA.employment.status, inA.employment.endMonth]).toEqual(['suspended', '202611']);
      const typesOfA = await insuranceTypesOf(hall, 0);
      expect(inA.insurance.map((i: Insurance) => [i.insuranceType, i.endMonth])).toEqual(typesOfA.map((t) => [t, '202611']));
      // Unit A took the former resident on: their resident insurance, held without a unit, is not unit A's to show.
      const resident = (await a.get(`/api/insured-persons/${formerResident.personId}`)).body;
      expect(resident.insurance.map((i: Insurance) => [i.insuranceType, i.startMonth, i.status])).toEqual(
        typesOfA.map((t) => [t, '202611', 'active']),
      );
    },
  },
  'get /insured-persons/export': {
    url: () => '/api/insured-persons/export',
    crossUnit: async (b, { unitA }) => {
      const res = await b.get(`/api/insured-persons/export?q=${unitA.idNumber}`);
      expect(res.headers['x-total-rows']).toBe('0');
    },
  },
  'get /review/submissions': { url: () => '/api/review/submissions', crossUnit: 'not unit data' },
  'get /review/submissions/:id': { url: ({ unitA }) => `/api/review/submissions/${unitA.declarationId}`, crossUnit: 'not unit data' },
  'post /review/submissions/:id/decision': {
    url: ({ unitA }) => `/api/review/submissions/${unitA.declarationId}/decision`,
    body: { approve: false, reason: 'tenancy' },
    crossUnit: 'not unit data',
  },
  'post /review/batches/:id/decision': {
    url: ({ unitA }) => `/api/review/batches/${unitA.batchId}/decision`,
    body: { approve: false, reason: 'tenancy' },
    crossUnit: 'not unit data',
  },
  'get /templates/:kind': { url: () => '/api/templates/addition', crossUnit: 'not unit data' },
  'post /batches/validate': {
    url: () => '/api/batches/validate?kind=reduction',
    crossUnit: async (b, { unitA }) => {
      const file = await filledTemplate('reduction', [{ idNumber: unitA.idNumber, name: unitA.name, reason: 'resigned' }]);
      const res = await uploadWorkbook(b, 'reduction', file);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['NOT_INSURED_HERE']);
      expect(JSON.stringify(res.body)).not.toContain(DEMO_UNITS[0].name);
    },
  },
  'get /batches/validations/:token/annotated': {
    url: () => `/api/batches/validations/${'t'.repeat(32)}/annotated`,
    crossUnit: async (b, { hall }) => {
      expect((await b.get(`/api/batches/validations/${await unitAUploadToken(hall)}/annotated`)).status).toBe(404);
    },
  },
  'get /batches/validations/:token/errors': {
    url: () => `/api/batches/validations/${'t'.repeat(32)}/errors`,
    crossUnit: async (b, { hall }) => {
      const res = await b.get(`/api/batches/validations/${await unitAUploadToken(hall)}/errors`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('items');
    },
  },
  'get /batches/validations/:token/preview': {
    url: () => `/api/batches/validations/${'t'.repeat(32)}/preview`,
    crossUnit: async (b, { hall }) => {
      const res = await b.get(`/api/batches/validations/${await unitAUploadToken(hall)}/preview`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('陈新员');
    },
  },
  'post /batches': {
    url: () => '/api/batches',
    body: { token: 't'.repeat(32) },
    crossUnit: async (b, { hall }) => {
      const token = await unitAUploadToken(hall);
      expect((await b.post('/api/batches', { token })).status).toBe(404);
      expect((await hall.db.knex('batch_uploads').where({ token }).first('batch_id')).batch_id).toBeNull();
    },
  },
  'post /agents/:id/password': {
    url: ({ unitA }) => `/api/agents/${unitA.agentId}/password`,
    body: { password: 'Tenancy2026' },
    crossUnit: async (b, { unitA, hall }) => {
      const before = await hall.db.knex('users').where({ id: unitA.agentId }).first('password_hash');
      expect((await b.post(`/api/agents/${unitA.agentId}/password`, { password: 'Tenancy2026' })).status).toBe(404);
      expect((await hall.db.knex('users').where({ id: unitA.agentId }).first('password_hash')).password_hash).toBe(before.password_hash);
    },
  },
  'get /audit': {
    url: () => '/api/audit',
    crossUnit: async (b, { unitA }) => {
      const res = await b.get(`/api/audit?user=${unitA.agentId}&pageSize=200`);
      expect(res.body.total).toBe(0);
      expect(JSON.stringify((await b.get('/api/audit?pageSize=200')).body)).not.toContain(DEMO_UNITS[0].name);
    },
  },
  'get /audit/export': {
    url: () => '/api/audit/export',
    crossUnit: async (b, { unitA }) => {
      const res = await b.get(`/api/audit/export?user=${unitA.agentId}`);
      expect(res.headers['x-total-rows']).toBe('0');
      expect(res.headers['content-disposition']).not.toContain(encodeURIComponent(DEMO_UNITS[0].name));
    },
  },
  'post /agents/:id/enable': {
    url: ({ unitA }) => `/api/agents/${unitA.agentId}/enable`,
    crossUnit: async (b, { unitA }) => {
      expect((await b.post(`/api/agents/${unitA.agentId}/enable`)).status).toBe(404);
    },
  },
  'get /payments/statement': {
    url: () => '/api/payments/statement?period=202610',
    crossUnit: async (b) => {
      const res = await b.get('/api/payments/statement?period=202610');
      expect(res.body.unitCreditCode).toBe(DEMO_UNITS[1].creditCode);
      expect(JSON.stringify(res.body)).not.toContain(DEMO_UNITS[0].name);
    },
  },
  'post /certificates': {
    url: () => '/api/certificates',
    body: { idNumber: '110105194912310021', from: '202601', to: '202610' },
    crossUnit: async (b, { unitA, hall }) => {
      const res = await b.post('/api/certificates', { idNumber: unitA.idNumber, from: '202601', to: '202610' });
      expect(res.status).toBe(404);
      expect(await hall.db.knex('certificates').where({ person_id: unitA.personId }).first()).toBeUndefined();
    },
  },
  'get /certificates/:code': {
    url: () => '/api/certificates/AAAA-BBBB-CCCC-DDDD',
    crossUnit: async (b, { unitA, hall }) => {
      const a = await hall.client();
      await a.signInUnitAdmin(0);
      const issued = await a.post('/api/certificates', { idNumber: unitA.idNumber, from: '202601', to: '202610' });
      expect(issued.status).toBe(201);
      expect((await b.get(`/api/certificates/${issued.body.code}`)).status).toBe(404);
    },
  },
  'get /certificates/verify/:code': { url: () => '/api/certificates/verify/AAAA-BBBB-CCCC-DDDD', crossUnit: 'not unit data' },
  'post /receipts': {
    url: () => '/api/receipts',
    body: { submissionId: 1 },
    crossUnit: async (b, { unitA, hall }) => {
      expect((await b.post('/api/receipts', { submissionId: unitA.declarationId })).status).toBe(404);
      expect((await b.post('/api/receipts', { batchId: unitA.batchId })).status).toBe(404);
      expect(await hall.db.knex('receipts').where({ unit_id: unitA.unitId }).first()).toBeUndefined();
    },
  },
  'get /receipts/verify/:code': { url: () => '/api/receipts/verify/AAAA-BBBB-CCCC-DDDD', crossUnit: 'not unit data' },
  'post /me/payment-orders': {
    url: () => '/api/me/payment-orders',
    body: { person: { kind: 'self' }, year: 2027, mode: 'daily' },
    crossUnit: async (b, { hall }) => {
      // Paying for someone else is allowed (the flow's "someone else"); person A's own orders stay as they were.
      const personA = await hall.db.knex('insured_persons').where({ id_number: DEMO_PERSONS[0].idNumber }).first('id');
      const before = await hall.db.knex('payment_orders').where({ payer_person_id: personA.id }).select('id', 'status');
      await b.post('/api/me/payment-orders', {
        person: { kind: 'other', name: DEMO_PERSONS[0].name, idNumber: DEMO_PERSONS[0].idNumber },
        year: 2027,
        mode: 'daily',
      });
      expect(await hall.db.knex('payment_orders').where({ payer_person_id: personA.id }).select('id', 'status')).toEqual(before);
    },
  },
  'get /me/payment-orders/:id': {
    url: ({ personA }) => `/api/me/payment-orders/${personA.orderId}`,
    crossUnit: async (b, { personA }) => {
      expect((await b.get(`/api/me/payment-orders/${personA.orderId}`)).status).toBe(404);
    },
  },
  'post /me/payment-orders/:id/pay': {
    url: ({ personA }) => `/api/me/payment-orders/${personA.orderId}/pay`,
    crossUnit: async (b, { personA, hall }) => {
      expect((await b.post(`/api/me/payment-orders/${personA.orderId}/pay`)).status).toBe(404);
      expect((await hall.db.knex('payment_orders').where({ id: personA.orderId }).first('status')).status).toBe('paid');
    },
  },
  'get /me/payment-orders/:id/receipt': {
    url: ({ personA }) => `/api/me/payment-orders/${personA.orderId}/receipt`,
    crossUnit: async (b, { personA }) => {
      const res = await b.get(`/api/me/payment-orders/${personA.orderId}/receipt`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(personA.receiptCode);
    },
  },
  'get /me/resident-payments': {
    url: () => '/api/me/resident-payments',
    crossUnit: async (b, { personA }) => {
      const res = await b.get('/api/me/resident-payments');
      expect(res.body.items.map((p: { orderId: number }) => p.orderId)).not.toContain(personA.orderId);
    },
  },
  'get /payment-receipts/verify/:code': { url: () => '/api/payment-receipts/verify/AAAA-BBBB-CCCC-DDDD', crossUnit: 'not unit data' },
  // The payment channel's: public, but only a body signed with the channel's secret is acted on (payment-orders.spec.ts).
  'post /payment-channel/notifications': { url: () => '/api/payment-channel/notifications', body: {}, crossUnit: 'not unit data' },
  'get /review/resident-payments': { url: () => '/api/review/resident-payments?year=2027', crossUnit: 'not unit data' },
  'get /review/reconciliation': { url: () => '/api/review/reconciliation?day=2026-11-10', crossUnit: 'not unit data' },
  'post /unit/info-changes': {
    url: () => '/api/unit/info-changes',
    body: { contactName: '郑丽华', contactPhone: '0591-83330001', legalRepName: '陈志明', legalRepPhone: '13900000009' },
    crossUnit: async (b, { hall }) => {
      // Both of unit B's roles submit: the second finds the first pending.
      const res = await b.post('/api/unit/info-changes', {
        contactName: '跨单位',
        contactPhone: '0592-5000000',
        legalRepName: '某人',
        legalRepPhone: '13900000008',
      });
      expect([201, 409]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(DEMO_UNITS[0].contact);
      expect(await pendingOfUnitA(hall, 'unit-info-change')).toBeUndefined();
    },
  },
  'post /unit/bank-account-changes': {
    url: () => '/api/unit/bank-account-changes',
    body: { bankCategory: 'ICBC', branchCode: '102391000020', accountName: DEMO_UNITS[0].name, accountNumber: '1402023309200123456' },
    crossUnit: async (b, { hall }) => {
      const res = await b.post('/api/unit/bank-account-changes', {
        bankCategory: 'ICBC',
        branchCode: '102391000020',
        accountName: DEMO_UNITS[0].name,
        accountNumber: '1402023309200123456',
      });
      expect(res.body.details.fields).toEqual([jasmine.objectContaining({ field: 'accountName', code: 'ACCOUNT_NAME_MISMATCH' })]);
      expect(await pendingOfUnitA(hall, 'bank-account-change')).toBeUndefined();
    },
  },
  'get /bank-branches': { url: () => '/api/bank-branches?q=gsfzwy', crossUnit: 'not unit data' },
  // The public registration page's: they read and write no unit's data (registration.spec.ts shows what they reveal).
  'get /registrations/captcha': { url: () => '/api/registrations/captcha', crossUnit: 'not unit data' },
  'post /registrations': {
    url: () => '/api/registrations',
    body: { ...registration(), captchaToken: 'not-handed-out', captchaAnswer: 'abcde' },
    crossUnit: 'not unit data',
  },
  'post /registrations/status': {
    url: () => '/api/registrations/status',
    body: { creditCode: NEW_UNIT.creditCode, statusCode: 'AAAAAAAA' },
    crossUnit: 'not unit data',
  },
  'get /registrations/bank-branches': { url: () => '/api/registrations/bank-branches?q=gsfzwy', crossUnit: 'not unit data' },
  'get /base-declarations/status': {
    url: () => '/api/base-declarations/status',
    crossUnit: async (b, { unitA, hall }) => {
      // The seed's year has closed: B's look records B's carry-over, never A's.
      expect((await b.get('/api/base-declarations/status')).status).toBe(200);
      expect(await hall.db.knex('base_carry_overs').where({ unit_id: unitA.unitId }).first()).toBeUndefined();
    },
  },
  'get /base-declarations/persons': {
    url: () => '/api/base-declarations/persons',
    crossUnit: async (b, { unitA }) => {
      const res = await b.get('/api/base-declarations/persons?pageSize=200');
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.map((p: { personId: number }) => p.personId)).not.toContain(unitA.personId);
    },
  },
  'post /base-declarations': {
    url: () => '/api/base-declarations',
    body: { personId: 1, wageFen: 600_000 },
    crossUnit: async (b, { unitA, hall }) => {
      expect((await b.post('/api/base-declarations', { personId: unitA.personId, wageFen: 600_000 })).status).toBe(404);
      expect(await hall.db.knex('declarations').where({ type: 'base-declaration' }).first()).toBeUndefined();
    },
  },
  'get /base-declarations/template': {
    url: () => '/api/base-declarations/template',
    crossUnit: async (b, { unitA }) => {
      const { res, sheet } = await downloadWorkbook(b, '/api/base-declarations/template');
      expect(res.status).toBe(200);
      const idNumbers = (sheet.getColumn(2).values as unknown[]).map(String);
      expect(idNumbers.length).toBeGreaterThan(2);
      expect(idNumbers).not.toContain(unitA.idNumber);
    },
  },
  'get /base-declarations/export': {
    url: () => '/api/base-declarations/export',
    crossUnit: async (b, { unitA }) => {
      const { res, sheet } = await downloadWorkbook(b, '/api/base-declarations/export');
      expect(res.status).toBe(200);
      expect(JSON.stringify(sheet.getSheetValues())).not.toContain(unitA.idNumber);
    },
  },
  'put /insured-persons/:personId/contact': {
    url: ({ unitA }) => `/api/insured-persons/${unitA.personId}/contact`,
    body: { mobile: '13700009999' },
    crossUnit: async (b, { unitA, hall }) => {
      const before = await hall.db.knex('insured_persons').where({ id: unitA.personId }).first('mobile');
      expect((await b.send('put', `/api/insured-persons/${unitA.personId}/contact`, { mobile: '13700009998' })).status).toBe(404);
      expect((await hall.db.knex('insured_persons').where({ id: unitA.personId }).first('mobile')).mobile).toBe(before.mobile);
    },
  },
  'post /insured-persons/:personId/hukou-changes': {
    url: ({ unitA }) => `/api/insured-persons/${unitA.personId}/hukou-changes`,
    body: { hukouType: 'rural', hukouAddress: '福建省莆田市' },
    crossUnit: async (b, { unitA, hall }) => {
      expect((await b.post(`/api/insured-persons/${unitA.personId}/hukou-changes`, { hukouType: 'rural' })).status).toBe(404);
      expect(await hall.db.knex('declarations').where({ person_id: unitA.personId, type: 'hukou-change' }).first()).toBeUndefined();
    },
  },
  'get /messages': {
    url: () => '/api/messages',
    crossUnit: async (b, { unitA, hall }) => {
      const res = await b.get('/api/messages?pageSize=200');
      const ofA = await hall.db.knex('messages').where({ unit_id: unitA.unitId }).pluck('id');
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.items.map((m: { id: number }) => m.id).filter((id: number) => ofA.includes(id))).toEqual([]);
    },
  },
  'get /messages/unread': {
    url: () => '/api/messages/unread',
    crossUnit: async (b, { hall }) => {
      const res = await b.get('/api/messages/unread');
      const me = (await b.get('/api/auth/me')).body;
      const unreadOfB = await hall.db
        .knex('messages as m')
        .where('m.unit_id', me.unit.id)
        .whereNotExists((q) => q.from('message_reads as r').whereRaw('r.message_id = m.id').where('r.user_id', me.user.id))
        .count({ n: '*' })
        .first();
      expect(res.body.unread).toBe(Number(unreadOfB!.n));
    },
  },
  'post /messages/:id/read': {
    url: ({ unitA }) => `/api/messages/${unitA.messageId}/read`,
    crossUnit: async (b, { unitA, hall }) => {
      expect((await b.post(`/api/messages/${unitA.messageId}/read`)).status).toBe(404);
      expect(await hall.db.knex('message_reads').where({ message_id: unitA.messageId }).first()).toBeUndefined();
    },
  },
  'post /messages/read': {
    url: () => '/api/messages/read',
    crossUnit: async (b, { unitA, hall }) => {
      expect((await b.post('/api/messages/read')).body).toEqual({ unread: 0 });
      const ofA = hall.db.knex('messages').where({ unit_id: unitA.unitId }).select('id');
      expect(await hall.db.knex('message_reads').whereIn('message_id', ofA).first()).toBeUndefined();
    },
  },
  'get /me/family': {
    url: () => '/api/me/family',
    crossUnit: async (b, { personA }) => {
      expect((await b.get('/api/me/family')).body.map((m: { id: number }) => m.id)).not.toContain(personA.memberId);
    },
  },
  'post /me/family': {
    url: () => '/api/me/family',
    body: { name: '陈小禾', idNumber: idNumberBornOn('2013-07-07', 601) },
    crossUnit: async (b, { hall, personA }) => {
      // Adding person A's member makes them person B's member too; person A's own stays as it was.
      const member = await hall.db.knex('family_members').where({ id: personA.memberId }).first();
      const person = await hall.db.knex('insured_persons').where({ id: member.member_person_id }).first('id_number', 'name');
      const res = await b.post('/api/me/family', { name: person.name, idNumber: person.id_number });
      expect(res.body.id).not.toBe(personA.memberId);
      expect(await hall.db.knex('family_members').where({ id: personA.memberId }).first()).toEqual(member);
    },
  },
  'delete /me/family/:id': {
    url: ({ personA }) => `/api/me/family/${personA.memberId}`,
    crossUnit: async (b, { hall, personA }) => {
      expect((await b.send('delete', `/api/me/family/${personA.memberId}`)).status).toBe(404);
      expect(await hall.db.knex('family_members').where({ id: personA.memberId }).first()).toBeDefined();
    },
  },
  'get /me/resident-registrations': {
    url: () => '/api/me/resident-registrations',
    crossUnit: async (b, { personA }) => {
      expect((await b.get('/api/me/resident-registrations')).body.map((r: { id: number }) => r.id)).not.toContain(personA.registrationId);
    },
  },
  'post /me/resident-registrations': {
    url: () => '/api/me/resident-registrations',
    body: registrationOf({ kind: 'self' }),
    crossUnit: async (b, { hall, personA }) => {
      const before = await hall.db.knex('declarations').where({ type: 'resident-registration' }).count({ n: '*' }).first();
      expect((await b.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId: personA.memberId }))).status).toBe(404);
      expect(await hall.db.knex('declarations').where({ type: 'resident-registration' }).count({ n: '*' }).first()).toEqual(before);
    },
  },
  'get /me/resident-payments/years': { url: () => '/api/me/resident-payments/years', crossUnit: 'not unit data' },
  'post /me/resident-payments/payee': {
    url: () => '/api/me/resident-payments/payee',
    body: { person: { kind: 'self' } },
    crossUnit: async (b, { personA }) => {
      expect((await b.post('/api/me/resident-payments/payee', { person: { kind: 'member', memberId: personA.memberId } })).status).toBe(404);
    },
  },
  'post /me/resident-payments/quote': {
    url: () => '/api/me/resident-payments/quote',
    body: { person: { kind: 'self' }, year: 2027, mode: 'daily' },
    crossUnit: async (b, { personA }) => {
      const quote = { person: { kind: 'member', memberId: personA.memberId }, year: 2027, mode: 'daily' };
      expect((await b.post('/api/me/resident-payments/quote', quote)).status).toBe(404);
    },
  },
  // The agency's list: reviewers only, no unit's or person's data.
  'get /assisted-persons': { url: () => '/api/assisted-persons', crossUnit: 'not unit data' },
  'post /assisted-persons': {
    url: () => '/api/assisted-persons',
    body: { idNumber: idNumberBornOn('1955-05-05', 602), name: '林受助', category: 'subsistence', year: 2027 },
    crossUnit: 'not unit data',
  },
  'delete /assisted-persons/:id': { url: ({ personA }) => `/api/assisted-persons/${personA.assistedId}`, crossUnit: 'not unit data' },
  'get /assisted-persons/template': { url: () => '/api/assisted-persons/template', crossUnit: 'not unit data' },
  // No file: refused as one, after the role check.
  'post /assisted-persons/import': { url: () => '/api/assisted-persons/import', crossUnit: 'not unit data' },
};

/** Unit A's pending change of this type, if any. */
async function pendingOfUnitA(hall: TestHall, type: string) {
  const unitA = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[0].creditCode }).first('id');
  return hall.db.knex('declarations').where({ unit_id: unitA.id, type, status: 'pending' }).first();
}

/** A dry run of unit A, with one valid row. */
async function unitAUploadToken(hall: TestHall): Promise<string> {
  const admin = await hall.client();
  await admin.signInUnitAdmin(0);
  const res = await uploadWorkbook(admin, 'addition', await filledTemplate('addition', [batchRow(newIdNumber(904))]));
  return res.body.token;
}

/**
 * Who may call each endpoint, kept here rather than read from the route declarations, so a declaration
 * that lets too many roles in fails. A new route needs its line. `signed-in`: any session.
 */
const EXPECTED_ACCESS: Record<string, Access> = {
  'get /health': 'public',
  'get /health/live': 'public',
  'get /health/ready': 'public',
  'get /openapi.json': 'public',
  'post /auth/login/unit': 'public',
  'post /auth/login/agent': 'public',
  'post /auth/login/reviewer': 'public',
  'post /auth/login/person': 'public',
  'post /persons/registrations': 'public',
  'get /me/insurance': ['person'],
  'get /me/employments': ['person'],
  'get /me/payment-details': ['person'],
  'post /me/certificates': ['person'],
  'get /me/certificates/:code': ['person'],
  'get /auth/me': 'signed-in',
  'post /auth/logout': 'signed-in',
  // Declared for any session; the service lets agents only choose a unit.
  'post /auth/unit': ['agent'],
  'post /auth/password': 'signed-in',
  // Declared for any session (an agent may answer before choosing a unit); the service lets agents only.
  'get /auth/invitations': ['agent'],
  'post /auth/invitations/:unitId/accept': ['agent'],
  'post /auth/invitations/:unitId/decline': ['agent'],
  'get /home': ['unit_admin', 'agent'],
  'get /unit': ['unit_admin', 'agent'],
  'get /agents': ['unit_admin'],
  'post /agents': ['unit_admin'],
  'post /agents/:id/disable': ['unit_admin'],
  'post /agents/:id/enable': ['unit_admin'],
  'post /agents/:id/password': ['unit_admin'],
  'delete /agents/:id/invitation': ['unit_admin'],
  'get /audit': ['unit_admin'],
  'get /audit/export': ['unit_admin'],
  'get /additions/options': ['unit_admin', 'agent'],
  'post /additions/quote': ['unit_admin', 'agent'],
  'post /additions': ['unit_admin', 'agent'],
  'get /reductions/options': ['unit_admin', 'agent'],
  'post /reductions': ['unit_admin', 'agent'],
  'get /submissions': ['unit_admin', 'agent'],
  'get /submissions/export': ['unit_admin', 'agent'],
  'get /submissions/:id': ['unit_admin', 'agent'],
  'post /submissions/:id/withdraw': ['unit_admin', 'agent'],
  'get /templates/:kind': ['unit_admin', 'agent'],
  'post /batches/validate': ['unit_admin', 'agent'],
  'get /batches/validations/:token/annotated': ['unit_admin', 'agent'],
  'get /batches/validations/:token/errors': ['unit_admin', 'agent'],
  'get /batches/validations/:token/preview': ['unit_admin', 'agent'],
  'post /batches': ['unit_admin', 'agent'],
  'get /insured-persons': ['unit_admin', 'agent'],
  'get /insured-persons/export': ['unit_admin', 'agent'],
  'get /insured-persons/:personId': ['unit_admin', 'agent'],
  'put /insured-persons/:personId/contact': ['unit_admin', 'agent'],
  'post /insured-persons/:personId/hukou-changes': ['unit_admin', 'agent'],
  'post /unit/info-changes': ['unit_admin', 'agent'],
  'post /unit/bank-account-changes': ['unit_admin'],
  'get /bank-branches': ['unit_admin', 'agent'],
  'get /registrations/captcha': 'public',
  'post /registrations': 'public',
  'post /registrations/status': 'public',
  'get /registrations/bank-branches': 'public',
  'get /base-declarations/status': ['unit_admin', 'agent'],
  'get /base-declarations/persons': ['unit_admin', 'agent'],
  'post /base-declarations': ['unit_admin', 'agent'],
  'get /base-declarations/template': ['unit_admin', 'agent'],
  'get /base-declarations/export': ['unit_admin', 'agent'],
  'get /payments/details': ['unit_admin', 'agent'],
  'get /payments/details/export': ['unit_admin', 'agent'],
  'get /payments/details/:id': ['unit_admin', 'agent'],
  'get /payments/periods': ['unit_admin', 'agent'],
  'get /payments/periods/export': ['unit_admin', 'agent'],
  'get /payments/statement': ['unit_admin', 'agent'],
  'post /certificates': ['unit_admin', 'agent'],
  'get /certificates/:code': ['unit_admin', 'agent'],
  'get /certificates/verify/:code': 'public',
  'post /receipts': ['unit_admin', 'agent'],
  'get /receipts/verify/:code': 'public',
  'post /me/payment-orders': ['person'],
  'get /me/payment-orders/:id': ['person'],
  'post /me/payment-orders/:id/pay': ['person'],
  'get /me/payment-orders/:id/receipt': ['person'],
  'get /me/resident-payments': ['person'],
  'get /payment-receipts/verify/:code': 'public',
  'post /payment-channel/notifications': 'public',
  'get /review/resident-payments': ['reviewer'],
  'get /review/reconciliation': ['reviewer'],
  'get /review/home': ['reviewer'],
  'get /review/submissions': ['reviewer'],
  'get /review/submissions/:id': ['reviewer'],
  'post /review/submissions/:id/decision': ['reviewer'],
  'post /review/batches/:id/decision': ['reviewer'],
  'post /review/assessments': ['reviewer'],
  'post /review/assessments/all': ['reviewer'],
  'post /review/collections': ['reviewer'],
  'get /review/units': ['reviewer'],
  'get /messages': ['unit_admin', 'agent'],
  'get /messages/unread': ['unit_admin', 'agent'],
  'post /messages/:id/read': ['unit_admin', 'agent'],
  'post /messages/read': ['unit_admin', 'agent'],
  'get /me/family': ['person'],
  'post /me/family': ['person'],
  'delete /me/family/:id': ['person'],
  'get /me/resident-registrations': ['person'],
  'post /me/resident-registrations': ['person'],
  'get /me/resident-payments/years': ['person'],
  'post /me/resident-payments/payee': ['person'],
  'post /me/resident-payments/quote': ['person'],
  'get /assisted-persons': ['reviewer'],
  'post /assisted-persons': ['reviewer'],
  'delete /assisted-persons/:id': ['reviewer'],
  'get /assisted-persons/template': ['reviewer'],
  'post /assisted-persons/import': ['reviewer'],
};

const ROLES = ['unit_admin', 'agent', 'reviewer', 'person'] as const;
const keyOf = (r: RouteDefinition) => `${r.method} ${r.path}`;
/** The roles expected to get in; an endpoint missing from the table lets nobody in, so every walk fails on it. */
const allowedRoles = (def: RouteDefinition): readonly Role[] => {
  const access = EXPECTED_ACCESS[keyOf(def)];
  return access === undefined || access === 'public' ? [] : access === 'signed-in' ? ROLES : access;
};
/** Each of these walks every route, signing in per role: more than the default spec timeout on a busy machine. */
const LOOP_TIMEOUT_MS = 180_000;

type Insurance = { insuranceType: string; startMonth: string; endMonth: string | null; status: string };

async function insuranceTypesOf(hall: TestHall, unitIndex: 0 | 1): Promise<string[]> {
  const unit = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[unitIndex].creditCode }).first('id');
  return hall.db.knex('unit_insurance_types').where({ unit_id: unit.id }).orderBy('insurance_type').pluck('insurance_type');
}

/** A signed-in user of the role in the unit (its single-unit agent); anonymous for no role. */
async function signedInAs(hall: TestHall, role: Role | null, unitIndex: 0 | 1): Promise<HallClient> {
  const client = await hall.client('en');
  if (role === 'unit_admin') await client.signInUnitAdmin(unitIndex);
  if (role === 'agent') await client.signInAgent(unitIndex === 0 ? AGENTS.unitAOnly : AGENTS.unitBOnly);
  if (role === 'reviewer') await client.signInReviewer();
  // Person A and person B of the personal hall: for them the unit index picks the person.
  if (role === 'person') await client.signInPerson(unitIndex);
  return client;
}

/** The world's setup must happen as written: a refusal would leave out the situation the walks check. */
function accepted(res: request.Response, status: number): request.Response {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

async function buildWorld(): Promise<World> {
  const hall = await createTestHall();
  const agent = await hall.db.knex('users').where({ role: 'agent', login: AGENTS.unitAOnly }).first('id');
  const unitA = await hall.db.knex('units').where({ credit_code: DEMO_UNITS[0].creditCode }).first('id');
  const detail = await hall.db
    .knex('payment_details as d')
    .join('insured_persons as p', 'p.id', 'd.person_id')
    .where('d.unit_id', unitA.id)
    .join('employments as e', 'e.person_id', 'p.id')
    .where('e.status', 'active')
    .first('d.id', 'p.id as person_id', 'p.id_number', 'p.name');
  const admin = await hall.client();
  await admin.signInUnitAdmin(0);
  const declared = await admin.post('/api/additions', addition(newIdNumber(901)));
  const batch = await submitBatch(hall, 0, [addition(newIdNumber(902)), addition(newIdNumber(903))]);

  const adminB = await hall.client();
  await adminB.signInUnitAdmin(1);
  const reviewer = await hall.client();
  await reviewer.signInReviewer();
  const approve = async (submitted: Promise<request.Response>) =>
    accepted(await reviewer.post(`/api/review/submissions/${accepted(await submitted, 201).body.id}/decision`, { approve: true }), 200);
  const moved = (await activeEmployees(hall, 0)).find((p) => p.personId !== detail.person_id)!;
  await approve(admin.post('/api/reductions', { idNumber: moved.idNumber, name: moved.name, reason: 'resigned' }));
  await approve(adminB.post('/api/additions', addition(moved.idNumber, { name: moved.name, effectiveMonth: '202612' })));
  const [resident] = await residents(hall);
  await approve(admin.post('/api/additions', addition(resident.idNumber, { name: resident.name })));
  // Unit A invites an agent of unit B: the invitation is that agent's to answer, no one else's.
  const invitee = await adminB.post('/api/agents', { name: '受邀人', mobile: '13900000055', password: 'Invitee2026x' });
  await admin.post('/api/agents', { name: '受邀人', mobile: '13900000055', password: 'Invitee2026x' });

  const message = await hall.db.knex('messages').where({ unit_id: unitA.id }).first('id');
  const personA = await hall.client();
  await personA.signInPerson(0);
  const memberId = await addedMember(personA, '陈小苗', idNumberBornOn('2016-06-06', 600));
  const registered = accepted(await personA.post('/api/me/resident-registrations', registrationOf({ kind: 'member', memberId })), 201);
  const assisted = await hall.db.knex('assisted_persons').orderBy('id').first('id');
  const formerEmployee = await formerEmployeeOfUnitA(hall, unitA.id);
  const paidOrder = await paidOrderOf(hall, DEMO_PERSONS[0].idNumber);
  return {
    hall,
    unitA: {
      unitId: unitA.id,
      invitedAgentId: invitee.body.id,
      agentId: agent.id,
      paymentDetailId: detail.id,
      personId: detail.person_id,
      idNumber: detail.id_number,
      name: detail.name,
      declarationId: declared.body.id,
      batchId: batch.batchId!,
      messageId: message.id,
    },
    moved: { personId: moved.personId },
    formerResident: { personId: resident.personId },
    personA: { ...formerEmployee, memberId, registrationId: registered.body.id, assistedId: assisted.id, ...paidOrder },
  };
}

/**
 * A paid order of the person, written as the payment channel's notification leaves it (the flow itself, through
 * the sandbox acquirer, is payment-orders.spec.ts's): this walk needs only something of person A's to aim at.
 */
async function paidOrderOf(hall: TestHall, idNumber: string): Promise<{ orderId: number; receiptCode: string }> {
  const person = await hall.db.knex('insured_persons').where({ id_number: idNumber }).first('id');
  const receiptCode = 'TENA-NCYA-AAAA-AAAA';
  const [{ id }] = await hall.db
    .knex('payment_orders')
    .insert({
      order_no: 'RPTENANCY0000000000000001',
      payer_person_id: person.id,
      person_id: person.id,
      year: 2026,
      mode: 'daily',
      standard_fen: 40000,
      amount_fen: 40000,
      benefit_start: '2026-01-01',
      waiting_months: 0,
      in_collection_period: true,
      status: 'paid',
      created_at: '2026-11-10T01:00:00.000Z',
      expires_at: '2026-11-10T01:15:00.000Z',
      paid_at: '2026-11-10T01:01:00.000Z',
      paid_on: '2026-11-10',
      transaction_id: 'SBXTENANCY',
      receipt_code: receiptCode,
    })
    .returning('id');
  await hall.db
    .knex('resident_payments')
    .insert({ person_id: person.id, year: 2026, order_id: id, amount_fen: 40000, paid_at: '2026-11-10T01:01:00.000Z', benefit_start: '2026-01-01' });
  return { orderId: id, receiptCode };
}

/** Person A worked for unit A in 202501–202506 (310, one paid month 202503) and issued their own certificate. */
async function formerEmployeeOfUnitA(hall: TestHall, unitId: number): Promise<{ certificateCode: string; unitName: string }> {
  const at = '2025-01-01T00:00:00.000Z';
  const { id: personId } = await hall.db.knex('insured_persons').where({ id_number: DEMO_PERSONS[0].idNumber }).first('id');
  const period = {
    person_id: personId,
    unit_id: unitId,
    start_month: '202501',
    end_month: '202506',
    status: 'suspended',
    created_at: at,
    updated_at: at,
  };
  await hall.db.knex('employments').insert({
    ...period,
    id_number: DEMO_PERSONS[0].idNumber,
    person_name: DEMO_PERSONS[0].name,
    wage_fen: 600_000,
    personnel_category: 'in_service',
  });
  await hall.db.knex('enrollments').insert({ ...period, insurance_type: '310' });
  await hall.db.knex('payment_details').insert({
    unit_id: unitId,
    person_id: personId,
    insurance_type: '310',
    fee_period: '202503',
    base_fen: 600_000,
    unit_rate_bp: 750,
    person_rate_bp: 200,
    unit_amount_fen: 45_000,
    person_amount_fen: 12_000,
    paid_at: '2025-03-20',
    assessed_at: at,
  });
  const person = await hall.client();
  await person.signInPerson(0);
  const certificate = accepted(await person.post('/api/me/certificates', { from: '202503', to: '202503' }), 201);
  const { name } = await hall.db.knex('units').where({ id: unitId }).first('name');
  return { certificateCode: certificate.body.code, unitName: name };
}

const call = (world: World, client: HallClient, def: RouteDefinition) => {
  const c = CASES[keyOf(def)];
  return def.method === 'get' ? client.get(c.url(world)) : client.send(def.method, c.url(world), c.body);
};

/** A world of its own for the calling describe. */
function worldPerDescribe(): { world: World } {
  const context = {} as { world: World };
  beforeAll(async () => {
    context.world = await buildWorld();
  });
  afterAll(() => context.world.hall.close());
  return context;
}

describe('tenancy and roles on every endpoint', () => {
  const context = worldPerDescribe();

  it('has a case and the expected roles for every mounted route', () => {
    const { world } = context;
    const mounted = world.hall.app.locals.routes.map(keyOf).sort();
    expect(mounted).toEqual(Object.keys(CASES).sort());
    expect(mounted).toEqual(Object.keys(EXPECTED_ACCESS).sort());
  });

  it(
    'answers 401 to anonymous callers of every non-public endpoint',
    async () => {
      const { world } = context;
      for (const def of world.hall.app.locals.routes) {
        if (EXPECTED_ACCESS[keyOf(def)] === 'public') continue;
        const res = await call(world, await signedInAs(world.hall, null, 0), def);
        expect([res.status, res.body.code]).withContext(keyOf(def)).toEqual([401, 'UNAUTHENTICATED']);
      }
    },
    LOOP_TIMEOUT_MS,
  );

  it(
    'answers 403 to every role an endpoint is not for',
    async () => {
      const { world } = context;
      for (const def of world.hall.app.locals.routes) {
        if (EXPECTED_ACCESS[keyOf(def)] === 'public') continue;
        for (const role of ROLES.filter((r) => !allowedRoles(def).includes(r))) {
          const res = await call(world, await signedInAs(world.hall, role, 0), def);
          expect([res.status, res.body.code])
            .withContext(`${keyOf(def)} as ${role}`)
            .toEqual([403, 'FORBIDDEN']);
        }
      }
    },
    LOOP_TIMEOUT_MS,
  );

  it(
    "answers 404, or nothing of unit A, to unit B's users on every unit endpoint",
    async () => {
      const { world } = context;
      for (const def of world.hall.app.locals.routes) {
        const c = CASES[keyOf(def)];
        if (c.crossUnit === 'not unit data') continue;
        // A person's route: person B aims at person A's things.
        const roles = allowedRoles(def).filter((r) => UNIT_ROLES.includes(r) || PERSON_ROLES.includes(r));
        expect(roles.length).withContext(keyOf(def)).toBeGreaterThan(0);
        for (const role of roles) await c.crossUnit(await signedInAs(world.hall, role, 1), world);
      }
    },
    LOOP_TIMEOUT_MS,
  );
});

// The walks below carry requests out, so each has a world of its own.
describe('the roles each endpoint lets in', () => {
  const context = worldPerDescribe();

  it(
    'lets in exactly the expected roles, and anyone on public endpoints',
    async () => {
      const { world } = context;
      for (const def of world.hall.app.locals.routes) {
        const isPublic = EXPECTED_ACCESS[keyOf(def)] === 'public';
        const callers: (Role | null)[] = isPublic ? [null] : [...allowedRoles(def)];
        expect(callers.length).withContext(keyOf(def)).toBeGreaterThan(0);
        // Unit B's users aim at unit A's ids: a 404 still shows the route let them in, and unit A's data stays as the walk found it.
        for (const role of callers) {
          const res = await call(world, await signedInAs(world.hall, role, 1), def);
          expect([401, 403])
            .withContext(`${keyOf(def)} as ${role ?? 'anonymous'}: ${JSON.stringify(res.body)}`)
            .not.toContain(res.status);
        }
      }
    },
    LOOP_TIMEOUT_MS,
  );
});

describe('CSRF on every state-changing endpoint', () => {
  const context = worldPerDescribe();

  it(
    'refuses a request without the X-XSRF-TOKEN header from a caller the endpoint is for, changing nothing',
    async () => {
      const { world } = context;
      // A webhook has no browser session to forge: its signature is checked instead (the case below).
      const stateChanging = world.hall.app.locals.routes.filter((def) => def.method !== 'get' && !def.webhook);
      expect(stateChanging.map((def) => def.method)).toContain('put');
      for (const def of stateChanging) {
        const c = CASES[keyOf(def)];
        const role = EXPECTED_ACCESS[keyOf(def)] === 'public' ? null : allowedRoles(def)[0];
        const client = await signedInAs(world.hall, role, 0);
        const before = await databaseSnapshot(world.hall.db);
        // The browser sends the cookies, session and XSRF-TOKEN; a forged page cannot read the token to copy it into the header.
        const req = client.agent[def.method](c.url(world)).set('Accept-Language', 'en');
        const res = await (c.body === undefined ? req : req.send(c.body as object));
        expect([res.status, res.body.code]).withContext(keyOf(def)).toEqual([403, 'CSRF_INVALID']);
        expect(changedTables(before, await databaseSnapshot(world.hall.db)))
          .withContext(keyOf(def))
          .toEqual([]);
      }
    },
    LOOP_TIMEOUT_MS,
  );

  it('lets webhooks (public only) through without a token, and refuses an unsigned body, changing nothing', async () => {
    const { world } = context;
    const webhooks = world.hall.app.locals.routes.filter((def) => def.webhook);
    expect(webhooks.map(keyOf)).toEqual(['post /payment-channel/notifications']);
    for (const def of webhooks) {
      expect(EXPECTED_ACCESS[keyOf(def)]).withContext(keyOf(def)).toBe('public');
      const before = await databaseSnapshot(world.hall.db);
      const client = await signedInAs(world.hall, null, 0);
      const res = await client.agent[def.method](CASES[keyOf(def)].url(world)).set('Accept-Language', 'en').send({ orderNo: 'x' });
      expect([res.status, res.body.code]).withContext(keyOf(def)).toEqual([400, 'PAYMENT_NOTIFICATION_INVALID']);
      expect(changedTables(before, await databaseSnapshot(world.hall.db)))
        .withContext(keyOf(def))
        .toEqual([]);
    }
  });
});
