import { AGENTS, createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { addition, newIdNumber, unitIdOf } from '../../test/declarations';
import { downloadWorkbook } from '../../test/workbooks';
import { DEMO_UNITS } from '../db/seeds/demo';
import { AuditService } from './audit.service';

describe("the unit's audit trail", () => {
  let hall: TestHall;
  let admin: HallClient;
  let ids: { unitA: number; unitB: number; adminA: number; agentA: number; agentB: number };

  beforeAll(async () => {
    hall = await createTestHall();
    const user = async (where: object) => (await hall.db.knex('users').where(where).first('id')).id as number;
    const unitA = await unitIdOf(hall, 0);
    ids = {
      unitA,
      unitB: await unitIdOf(hall, 1),
      adminA: await user({ role: 'unit_admin', unit_id: unitA }),
      agentA: await user({ login: AGENTS.unitAOnly }),
      agentB: await user({ login: AGENTS.unitBOnly }),
    };
    // 5 and 6 January 2026 in Asia/Shanghai: 16:00 UTC is midnight there.
    await new AuditService(hall.db.knex).recordAll([
      {
        at: '2026-01-05T15:59:59.000Z',
        userId: ids.agentA,
        unitId: ids.unitA,
        action: 'submission_submitted',
        entityType: 'submission',
        entityId: 70,
        after: { name: '王五' },
      },
      {
        at: '2026-01-05T16:00:00.000Z',
        userId: ids.adminA,
        unitId: ids.unitA,
        action: 'agent_disabled',
        entityType: 'agent',
        entityId: ids.agentA,
        before: { disabled: false },
        after: { disabled: true },
      },
      {
        at: '2026-01-06T10:00:00.000Z',
        userId: ids.agentA,
        unitId: ids.unitA,
        action: 'submission_withdrawn',
        entityType: 'submission',
        entityId: '=1+1',
        before: { status: 'pending' },
        after: { status: 'withdrawn' },
      },
      {
        at: '2026-01-06T11:00:00.000Z',
        userId: ids.agentB,
        unitId: ids.unitB,
        action: 'submission_withdrawn',
        entityType: 'submission',
        entityId: 71,
        after: { name: '外单位' },
      },
    ]);
    admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
  });
  afterAll(() => hall.close());

  const list = (query: string) => admin.get(`/api/audit?${query}`);

  it("lists only the unit's entries, newest first, with the user and the records parsed", async () => {
    const res = await list('from=2026-01-06&to=2026-01-06');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items).toEqual([
      {
        id: jasmine.any(Number),
        at: '2026-01-06T10:00:00.000Z',
        user: { id: ids.agentA, name: DEMO_UNITS[0].agents[0].name, role: 'agent' },
        action: 'submission_withdrawn',
        entityType: 'submission',
        entityId: '=1+1',
        entityName: null,
        entityKind: null,
        before: { status: 'pending' },
        after: { status: 'withdrawn' },
      },
      // The agent is named as users know them.
      jasmine.objectContaining({
        action: 'agent_disabled',
        user: jasmine.objectContaining({ id: ids.adminA, role: 'unit_admin' }),
        entityName: DEMO_UNITS[0].agents[0].name,
      }),
    ]);

    const all = await list('pageSize=200');
    expect(all.body.items.length).toBe(all.body.total);
    expect(all.body.items.some((e: { after: unknown }) => JSON.stringify(e.after).includes('外单位'))).toBeFalse();
    const ats = all.body.items.map((e: { at: string }) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
  });

  it('filters by user, action, day range and search, and pages on the server', async () => {
    const actions = async (query: string) => (await list(query)).body.items.map((e: { action: string }) => e.action);
    expect(await actions(`user=${ids.agentA}&to=2026-01-06`)).toEqual(['submission_withdrawn', 'submission_submitted']);
    expect(await actions(`user=${ids.agentB}`)).toEqual([]);
    expect(await actions('type=agent_disabled&to=2026-01-31')).toEqual(['agent_disabled']);
    expect(await actions('from=2026-01-05&to=2026-01-05')).toEqual(['submission_submitted']);
    expect(await actions('q=王五')).toEqual(['submission_submitted']);
    expect(await actions('q=外单位')).toEqual([]);
    expect(await actions('q=WITHDRAWN&to=2026-01-31')).toEqual(['submission_withdrawn']);

    const second = await list('to=2026-01-06&pageSize=1&page=1');
    expect(second.body).toEqual(jasmine.objectContaining({ total: 3, page: 1, pageSize: 1 }));
    expect(second.body.items.map((e: { action: string }) => e.action)).toEqual(['agent_disabled']);
    // A page past the last has no rows but still the total.
    expect((await list('to=2026-01-06&pageSize=1&page=5')).body).toEqual(jasmine.objectContaining({ items: [], total: 3 }));
  });

  it('names a person by name and masked ID number, and the system as the actor of an entry no user made', async () => {
    const person = await hall.db
      .knex('insured_persons')
      .orderBy('id')
      .first<{ id: number; name: string; id_number: string }>('id', 'name', 'id_number');
    await new AuditService(hall.db.knex).recordAll([
      {
        at: '2026-02-01T00:00:00.000Z',
        userId: null,
        unitId: ids.unitA,
        action: 'insured_contact_changed',
        entityType: 'insured_person',
        entityId: person.id,
        before: { mobile: '13800000000' },
        after: { mobile: '13900000000' },
      },
    ]);
    const [entry] = (await list('type=insured_contact_changed&from=2026-02-01&to=2026-02-01')).body.items;
    const masked = `${person.id_number.slice(0, 6)}********${person.id_number.slice(-4)}`;
    expect(entry).toEqual(jasmine.objectContaining({ user: null, entityName: `${person.name}（${masked}）` }));

    const { sheet } = await downloadWorkbook(admin, '/api/audit/export?type=insured_contact_changed&from=2026-02-01&to=2026-02-01', 'en');
    expect(sheet.getRow(5).getCell(2).value).toBe('System');
    expect(sheet.getRow(5).getCell(4).value).toBe(`Insured person ${person.name}（${masked}）`);
  });

  it('names a submission by its kind and number and its person, and words the codes of its record, on the page and in the export', async () => {
    const person = await hall.db
      .knex('insured_persons')
      .orderBy('id')
      .first<{ id: number; name: string; id_number: string }>('id', 'name', 'id_number');
    const [submissionId] = await hall.db
      .knex('declarations')
      .insert({
        unit_id: ids.unitA,
        type: 'reduction',
        status: 'rejected',
        person_id: person.id,
        id_number: person.id_number,
        person_name: person.name,
        payload: JSON.stringify({ idNumber: person.id_number, name: person.name, effectiveMonth: '202612', reason: 'resigned' }),
        effective_month: '202612',
        submitted_by: ids.adminA,
        submitted_at: '2026-02-03T00:00:00.000Z',
      })
      .returning('id')
      .then((rows: ({ id: number } | number)[]) => rows.map((r) => (typeof r === 'number' ? r : r.id)));
    await new AuditService(hall.db.knex).recordAll([
      {
        at: '2026-02-03T01:00:00.000Z',
        userId: ids.adminA,
        unitId: ids.unitA,
        action: 'submission_rejected',
        entityType: 'submission',
        entityId: submissionId,
        before: { status: 'pending' },
        after: { status: 'rejected', reason: 'resigned', insuranceTypes: ['310', '510'], disabled: false },
      },
    ]);
    const masked = `${person.id_number.slice(0, 6)}********${person.id_number.slice(-4)}`;
    const [entry] = (await list('type=submission_rejected&from=2026-02-03&to=2026-02-03')).body.items;
    expect(entry).toEqual(
      jasmine.objectContaining({ entityKind: 'reduction', entityId: String(submissionId), entityName: `${person.name}（${masked}）` }),
    );

    const { sheet } = await downloadWorkbook(admin, '/api/audit/export?type=submission_rejected&from=2026-02-03&to=2026-02-03', 'en');
    expect((sheet.getRow(5).values as unknown[]).slice(4)).toEqual([
      `Reduction #${submissionId} — ${person.name}（${masked}）`,
      'Status: Pending review',
      'Status: Rejected\nReason: Resigned\nInsurance types: Employee basic medical insurance, Maternity insurance\nDisabled: No',
    ]);
  });

  it('names a fee period as people write a month, not by its code', async () => {
    await new AuditService(hall.db.knex).recordAll([
      {
        at: '2026-02-02T00:00:00.000Z',
        userId: null,
        unitId: ids.unitA,
        action: 'assessment',
        entityType: 'fee_period',
        entityId: '202601',
        after: { inserted: 3, updated: 0, removed: 0, unchanged: 0 },
      },
    ]);
    const [entry] = (await list('type=assessment&from=2026-02-02&to=2026-02-02')).body.items;
    expect(entry).toEqual(jasmine.objectContaining({ entityType: 'fee_period', entityId: '202601', entityName: '2026-01' }));
  });

  it('refuses a malformed day, naming the field', async () => {
    const res = await list('from=2026-13-01');
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([jasmine.objectContaining({ field: 'from', code: 'DATE_FORMAT' })]);
  });

  it('exports exactly the filtered entries, in the caller’s language and formula-safe', async () => {
    const { res, sheet } = await downloadWorkbook(admin, `/api/audit/export?user=${ids.agentA}&to=2026-01-06`);
    expect(res.status).toBe(200);
    expect(res.headers['x-total-rows']).toBe('2');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(DEMO_UNITS[0].name));
    expect(String(sheet.getCell('A2').value)).toContain(`User: ${DEMO_UNITS[0].agents[0].name}`);
    // The audit page's columns in its order and words; its changes column opens into before and after.
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual(['Time', 'User', 'Action', 'Entity', 'Before', 'After']);
    expect(sheet.rowCount).toBe(6);
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([
      '2026-01-06 18:00:00',
      `${DEMO_UNITS[0].agents[0].name}（Agent）`,
      'Submission withdrawn',
      'Submission #=1+1',
      'Status: Pending review',
      'Status: Withdrawn',
    ]);
    expect(sheet.getRow(6).getCell(3).value).toBe('Submission made');
    expect(sheet.getRow(6).getCell(5).value).toBeNull();
  });
});

describe('audit entries written before every reviewed submission was called a submission', () => {
  let hall: TestHall;
  let admin: HallClient;

  beforeAll(async () => {
    hall = await createTestHall();
    admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
  });
  afterAll(() => hall.close());

  it('shows, filters and exports them under the names of today, naming the submission', async () => {
    const unitId = await unitIdOf(hall, 0);
    const idNumber = newIdNumber(90);
    const submitted = await admin.post('/api/additions', addition(idNumber, { name: '李四' }));
    expect(submitted.status).toBe(201);
    // As the trail wrote them until #11; the log is append-only, so these rows stay as they are.
    await new AuditService(hall.db.knex).recordAll(
      ['declaration_submitted', 'declaration_withdrawn', 'declaration_approved', 'declaration_rejected'].map((action, i) => ({
        at: `2025-12-0${i + 1}T02:00:00.000Z`,
        userId: null,
        unitId,
        action,
        entityType: 'declaration',
        entityId: submitted.body.id,
      })),
    );

    const trail = await admin.get('/api/audit?to=2025-12-31');
    const named = `李四（${idNumber.slice(0, 6)}********${idNumber.slice(-4)}）`;
    expect(trail.body.items.map((e: { action: string; entityType: string; entityName: string }) => [e.action, e.entityType, e.entityName])).toEqual([
      ['submission_rejected', 'submission', named],
      ['submission_approved', 'submission', named],
      ['submission_withdrawn', 'submission', named],
      ['submission_submitted', 'submission', named],
    ]);
    const withdrawn = await admin.get('/api/audit?type=submission_withdrawn&to=2025-12-31');
    expect(withdrawn.body.items.map((e: { at: string }) => e.at)).toEqual(['2025-12-02T02:00:00.000Z']);

    const { sheet } = await downloadWorkbook(admin, '/api/audit/export?type=submission_withdrawn&to=2025-12-31', 'en');
    expect(sheet.getRow(5).getCell(3).value).toBe('Submission withdrawn');
    expect(sheet.getRow(5).getCell(4).value).toBe(`Addition #${submitted.body.id} — ${named}`);
  });
});
