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
import { downloadWorkbook } from './workbooks';
import { UNIT_ROLES, type Access, type RouteDefinition } from '../src/http/route';

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
  'get /submissions/:id': ['unit_admin', 'agent'],
  'post /submissions/:id/withdraw': ['unit_admin', 'agent'],
  'get /templates/:kind': ['unit_admin', 'agent'],
  'post /batches/validate': ['unit_admin', 'agent'],
  'get /batches/validations/:token/annotated': ['unit_admin', 'agent'],
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
  'get /review/home': ['reviewer'],
  'get /review/submissions': ['reviewer'],
  'get /review/submissions/:id': ['reviewer'],
  'post /review/submissions/:id/decision': ['reviewer'],
  'post /review/batches/:id/decision': ['reviewer'],
  'post /review/assessments': ['reviewer'],
  'post /review/collections': ['reviewer'],
  'get /review/units': ['reviewer'],
  'get /messages': ['unit_admin', 'agent'],
  'get /messages/unread': ['unit_admin', 'agent'],
  'post /messages/:id/read': ['unit_admin', 'agent'],
  'post /messages/read': ['unit_admin', 'agent'],
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
  };
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
        const roles = allowedRoles(def).filter((r) => UNIT_ROLES.includes(r));
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
      const stateChanging = world.hall.app.locals.routes.filter((def) => def.method !== 'get');
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
});
