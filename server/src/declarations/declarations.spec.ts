import { AGENTS } from '../../test/harness';
import { activeEmployees, addition, auditEntriesOf, fieldsOf, newIdNumber, residents, unitHallPerSpec, unitIdOf } from '../../test/declarations';
import { DEMO_UNITS } from '../db/seeds/demo';

describe('additions', () => {
  const context = unitHallPerSpec();

  it('offers this month and next up to the cut-off day (25th), and only next month from the 26th in Shanghai', async () => {
    const { hall, signInAt } = context;
    const unit = await signInAt('2026-11-25T15:59:59Z'); // 25 Nov, 23:59:59 in Shanghai
    expect((await unit.get('/api/additions/options')).body).toEqual({
      months: ['202611', '202612'],
      insuranceTypes: ['310', '330', '510'],
      cutoffDay: 25,
    });

    hall.clock.set('2026-11-25T16:00:00Z'); // 26 Nov in Shanghai, still the 25th in UTC
    expect((await unit.get('/api/additions/options')).body.months).toEqual(['202612']);
    const late = await unit.post('/api/additions', addition(newIdNumber(1), { effectiveMonth: '202611' }));
    expect(late.status).toBe(400);
    expect(fieldsOf(late)).toEqual(['effectiveMonth:EFFECTIVE_MONTH_NOT_ALLOWED']);
    expect(late.body.details.fields[0].message).toContain('next month only');
    const next = await unit.post('/api/additions', addition(newIdNumber(1), { effectiveMonth: '202612' }));
    expect(next.status).toBe(201);
    expect(next.body.effectiveMonth).toBe('202612');
  });

  it('turns the month at midnight in Shanghai, while UTC is still on the last day of the month before', async () => {
    const { hall, signInAt } = context;
    const unit = await signInAt('2026-11-30T15:59:59Z');
    expect((await unit.get('/api/additions/options')).body.months).toEqual(['202612']);
    expect((await unit.get('/api/reductions/options')).body.stopMonth).toBe('202611');

    hall.clock.set('2026-11-30T16:00:00Z');
    expect((await unit.get('/api/additions/options')).body.months).toEqual(['202612', '202701']);
    expect((await unit.get('/api/reductions/options')).body.stopMonth).toBe('202612');
  });

  it('crosses from December into January, refusing the past month and a month too far ahead', async () => {
    const { signInAt } = context;
    const unit = await signInAt('2026-12-10T02:00:00Z');
    expect((await unit.get('/api/additions/options')).body.months).toEqual(['202612', '202701']);
    const january = await unit.post('/api/additions', addition(newIdNumber(2), { effectiveMonth: '202701' }));
    expect(january.status).toBe(201);
    expect(january.body.effectiveMonth).toBe('202701');
    for (const month of ['202611', '202702']) {
      const refused = await unit.post('/api/additions', addition(newIdNumber(3), { effectiveMonth: month }));
      expect(fieldsOf(refused)).withContext(month).toEqual(['effectiveMonth:EFFECTIVE_MONTH_NOT_ALLOWED']);
    }
  });

  it('quotes the base clamped to the floor and ceiling and the amounts rounded half up to the fen', async () => {
    const { unit } = context;
    const low = await unit.post('/api/additions/quote', { wageFen: 300_000, effectiveMonth: '202611' });
    expect(low.status).toBe(200);
    expect(low.body).toEqual({
      effectiveMonth: '202611',
      wageFen: 300_000,
      baseFen: 480_000,
      floorFen: 480_000,
      ceilingFen: 2_400_000,
      lines: [
        { insuranceType: '310', unitRateBp: 750, personRateBp: 200, unitFen: 36_000, personFen: 9_600 },
        { insuranceType: '330', unitRateBp: 50, personRateBp: 0, unitFen: 2_400, personFen: 0 },
        { insuranceType: '510', unitRateBp: 50, personRateBp: 0, unitFen: 2_400, personFen: 0 },
      ],
      totalUnitFen: 40_800,
      totalPersonFen: 9_600,
      residentInsuranceEndsWith: null,
    });
    // 480,100 fen × 0.5 % = 2,400.5 fen → 2,401; × 7.5 % = 36,007.5 → 36,008.
    const half = await unit.post('/api/additions/quote', { wageFen: 480_100, effectiveMonth: '202612', insuranceTypes: ['310', '330'] });
    expect(half.body.lines.map((l: { unitFen: number }) => l.unitFen)).toEqual([36_008, 2_401]);
    expect(half.body.totalUnitFen).toBe(38_409);
    const high = await unit.post('/api/additions/quote', { wageFen: 3_000_000, effectiveMonth: '202611' });
    expect(high.body.baseFen).toBe(2_400_000);
    const past = await unit.post('/api/additions/quote', { wageFen: 600_000, effectiveMonth: '202610' });
    expect(fieldsOf(past)).toEqual(['effectiveMonth:EFFECTIVE_MONTH_NOT_ALLOWED']);
  });

  it('refuses at the quote, the first step, a person insured here, elsewhere, already pending or under another name', async () => {
    const { hall, unit } = context;
    const [ours] = await activeEmployees(hall, 0);
    const [theirs] = await activeEmployees(hall, 1);
    const quote = (idNumber: string, name?: string) =>
      unit.post('/api/additions/quote', { wageFen: 600_000, effectiveMonth: '202611', idType: '01', idNumber, ...(name ? { name } : {}) });
    expect(fieldsOf(await quote(ours.idNumber))).toEqual(['idNumber:ALREADY_INSURED_HERE']);
    expect(fieldsOf(await quote(theirs.idNumber))).toEqual(['idNumber:INSURED_ELSEWHERE']);
    const pending = newIdNumber(14);
    expect((await unit.post('/api/additions', addition(pending))).status).toBe(201);
    expect(fieldsOf(await quote(pending))).toEqual(['idNumber:DECLARATION_PENDING']);
    expect(fieldsOf(await quote('340524198001010013'))).toEqual(['idNumber:ID_NUMBER_CHECKSUM']);

    const fresh = await quote(newIdNumber(15), '陈新员');
    expect([fresh.status, fresh.body.baseFen, fresh.body.residentInsuranceEndsWith]).toEqual([200, 600_000, null]);
  });

  it('says at the quote with which month a person’s resident insurance ends', async () => {
    const { hall, unit } = context;
    const [resident] = await residents(hall);
    const res = await unit.post('/api/additions/quote', {
      wageFen: 600_000,
      effectiveMonth: '202612',
      idType: '01',
      idNumber: resident.idNumber,
      name: resident.name,
    });
    expect(res.status).toBe(200);
    expect(res.body.residentInsuranceEndsWith).toBe('202612');
    expect(
      fieldsOf(await unit.post('/api/additions/quote', { wageFen: 600_000, effectiveMonth: '202612', idNumber: resident.idNumber, name: '别人' })),
    ).toEqual(['name:REGISTERED_NAME_MISMATCH']);
  });

  it('submits an addition for review with the unit’s insurance types, changing no record before approval', async () => {
    const { hall, unit } = context;
    const idNumber = newIdNumber(4);
    const res = await unit.post('/api/additions', addition(idNumber, { idNumber: idNumber.toLowerCase(), wageFen: 654_321 }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        kind: 'addition',
        status: 'pending',
        idNumber,
        idNumberMasked: idNumber.slice(0, 6) + '********' + idNumber.slice(-4),
        personName: '陈新员',
        effectiveMonth: '202611',
        batchId: null,
        rowNumber: null,
        submittedBy: `${DEMO_UNITS[0].name}管理员`,
        reviewedBy: null,
      }),
    );
    expect(res.body.payload).toEqual(jasmine.objectContaining({ idNumber, wageFen: 654_321, insuranceTypes: ['310', '330', '510'] }));
    expect((await unit.get(`/api/insured-persons?q=${idNumber}`)).body.total).toBe(0);
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    // Not registered either: the reviewer sees no registered data beside it.
    expect((await reviewer.get(`/api/review/submissions/${res.body.id}`)).body.registeredPerson).toBeNull();
    const audit = await auditEntriesOf(unit, 'submission_submitted', res.body.id);
    expect(audit.map((e) => e.after.idNumber)).toEqual([idNumber]);
  });

  it('stores an ID number typed with a lowercase check character x in upper case, so the same person is one person', async () => {
    const { hall, unit } = context;
    const res = await unit.post('/api/additions', addition('11010519491231002x'));
    expect(res.status).toBe(201);
    const stored = (await unit.get(`/api/submissions/${res.body.id}`)).body;
    expect([stored.idNumber, stored.payload.idNumber]).toEqual(['11010519491231002X', '11010519491231002X']);

    expect(fieldsOf(await unit.post('/api/additions', addition('11010519491231002X')))).toEqual(['idNumber:DECLARATION_PENDING']);
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    expect((await reviewer.post(`/api/review/submissions/${res.body.id}/decision`, { approve: true })).status).toBe(200);
    const insured = (await unit.get('/api/insured-persons?q=11010519491231002x')).body.items;
    expect(insured.map((p: { idNumber: string }) => p.idNumber)).toEqual(['11010519491231002X']);
    expect(fieldsOf(await unit.post('/api/additions', addition('11010519491231002X')))).toEqual(['idNumber:ALREADY_INSURED_HERE']);
  });

  it('checks the ID number by its type: resident ID card, Hong Kong/Macao/Taiwan residence permit, foreigner permanent residence ID', async () => {
    const { unit } = context;
    const refused = async (overrides: object) => fieldsOf(await unit.post('/api/additions', addition(newIdNumber(5), overrides)));
    expect(await refused({ idNumber: '340524198001010013' })).toEqual(['idNumber:ID_NUMBER_CHECKSUM']);
    expect(await refused({ idNumber: '110105491231002' })).toEqual(['idNumber:ID_NUMBER_LEGACY_15']);
    expect(await refused({ idType: '06', idNumber: newIdNumber(6) })).toEqual(['idNumber:ID_NUMBER_PROVINCE']);
    expect(await refused({ idType: '07', idNumber: 'USA358513010012' })).toEqual(['idNumber:ID_NUMBER_BIRTH_DATE']);

    for (const [idType, idNumber] of [
      ['06', '810000199408230021'],
      ['07', '935840199001010015'],
      ['07', 'USA358501010012'],
    ]) {
      const res = await unit.post('/api/additions', addition(idNumber, { idType: idType as '06' | '07' }));
      expect(res.status).withContext(idNumber).toBe(201);
      expect(res.body.payload.idType).toBe(idType);
    }
  });

  it('refuses a person insured here, insured by another unit (without naming it) or already pending', async () => {
    const { hall, unit } = context;
    const [ours] = await activeEmployees(hall, 0);
    const [theirs] = await activeEmployees(hall, 1);
    const [resident] = await residents(hall);
    expect(fieldsOf(await unit.post('/api/additions', addition(ours.idNumber)))).toEqual(['idNumber:ALREADY_INSURED_HERE']);
    const elsewhere = await unit.post('/api/additions', addition(theirs.idNumber));
    expect(fieldsOf(elsewhere)).toEqual(['idNumber:INSURED_ELSEWHERE']);
    expect(JSON.stringify(elsewhere.body)).not.toContain(DEMO_UNITS[1].name);

    expect((await unit.post('/api/additions', addition(resident.idNumber, { name: resident.name }))).status).toBe(201);
    const again = await unit.post('/api/additions', addition(resident.idNumber, { name: resident.name, effectiveMonth: '202612' }));
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(again)).toEqual(['idNumber:DECLARATION_PENDING']);
  });

  it('refuses insurance types the unit is not registered for, and names missing fields', async () => {
    const { hall, unit } = context;
    await hall.db
      .knex('unit_insurance_types')
      .where({ unit_id: await unitIdOf(hall, 0), insurance_type: '510' })
      .delete();
    expect((await unit.get('/api/additions/options')).body.insuranceTypes).toEqual(['310', '330']);
    const res = await unit.post('/api/additions', addition(newIdNumber(7), { insuranceTypes: ['310', '510'] }));
    expect(fieldsOf(res)).toEqual(['insuranceTypes:NOT_IN_LIST']);
    const defaulted = await unit.post('/api/additions', addition(newIdNumber(7)));
    expect(defaulted.body.payload.insuranceTypes).toEqual(['310', '330']);

    const { name: _, ...nameless } = addition(newIdNumber(8));
    expect(fieldsOf(await unit.post('/api/additions', { ...nameless, mobile: '12345' }))).toEqual(['name:REQUIRED', 'mobile:MOBILE_FORMAT']);
  });

  it('applies the name rule: any script with middle dots and inner spaces, stored normalised; no digits, formulas or invisible characters', async () => {
    const { unit } = context;
    const refused = async (name: string) => fieldsOf(await unit.post('/api/additions', addition(newIdNumber(10), { name })));
    expect(await refused('陈新员2')).toEqual(['name:NAME_FORMAT']);
    expect(await refused('=HYPERLINK("http://x","陈")')).toEqual(['name:NAME_FORMAT']);
    expect(await refused('@陈新员')).toEqual(['name:NAME_FORMAT']);
    expect(await refused('陈\u0000新员')).toEqual(['name:NAME_INVISIBLE_CHARACTER']);
    expect(await refused('\u202e陈新员')).toEqual(['name:NAME_INVISIBLE_CHARACTER']);
    expect(await refused('\u200b\u200b')).toEqual(['name:NAME_INVISIBLE_CHARACTER']);

    const minority = await unit.post('/api/additions', addition(newIdNumber(11), { name: '买买提•艾力' }));
    expect(minority.status).toBe(201);
    expect(minority.body.personName).toBe('买买提·艾力');
    const latin = await unit.post('/api/additions', addition(newIdNumber(12), { name: ' José\u00a0Nu\u0301ñez ' }));
    expect(latin.status).toBe(201);
    const stored = (await unit.get(`/api/submissions/${latin.body.id}`)).body;
    expect([stored.personName, stored.payload.name]).toEqual(['José Núñez', 'José Núñez']);
  });

  it('names a zero-width space or bidi mark in the ID number instead of calling it too long', async () => {
    const { unit } = context;
    const idNumber = newIdNumber(13);
    for (const idWithMark of [`${idNumber.slice(0, 9)}\u200b${idNumber.slice(9)}`, `\u200e${idNumber}`]) {
      const res = await unit.post('/api/additions', addition(idNumber, { idNumber: idWithMark }));
      expect(fieldsOf(res)).withContext(JSON.stringify(idWithMark)).toEqual(['idNumber:ID_NUMBER_INVISIBLE_CHARACTER']);
    }
  });

  it('lets an agent of the unit submit too', async () => {
    const { hall } = context;
    const agent = await hall.client();
    await agent.signInAgent(AGENTS.unitAOnly);
    const res = await agent.post('/api/additions', addition(newIdNumber(9)));
    expect(res.status).toBe(201);
    expect(res.body.submittedBy).toBe(DEMO_UNITS[0].agents[0].name);
  });
});

describe('reductions', () => {
  const context = unitHallPerSpec();

  it('stops coverage in the current month only, after review', async () => {
    const { hall, unit } = context;
    const [person] = await activeEmployees(hall, 0);
    expect((await unit.get('/api/reductions/options')).body).toEqual({
      stopMonth: '202611',
      reasons: ['contract_ended', 'resigned', 'dismissed', 'enlisted', 'retired', 'deceased'],
    });
    const res = await unit.post('/api/reductions', { idNumber: person.idNumber, name: person.name, reason: 'resigned', remark: '合同到期前离职' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(jasmine.objectContaining({ kind: 'reduction', status: 'pending', effectiveMonth: '202611', personName: person.name }));
    expect(res.body.payload).toEqual({ idNumber: person.idNumber, name: person.name, reason: 'resigned', remark: '合同到期前离职' });
    const { employment } = (await unit.get(`/api/insured-persons/${person.personId}`)).body;
    expect([employment.status, employment.endMonth]).toEqual(['active', null]);
  });

  it('refuses someone the unit does not insure, a wrong name, and anyone with a pending declaration', async () => {
    const { hall, unit } = context;
    const [first, second] = await activeEmployees(hall, 0);
    const [theirs] = await activeEmployees(hall, 1);
    const [resident] = await residents(hall);
    const reduce = (p: { idNumber: string; name: string }) => unit.post('/api/reductions', { ...p, reason: 'contract_ended' });

    expect(fieldsOf(await reduce(resident))).toEqual(['idNumber:NOT_INSURED_HERE']);
    expect(fieldsOf(await reduce(theirs))).toEqual(['idNumber:NOT_INSURED_HERE']);
    expect(fieldsOf(await reduce({ idNumber: first.idNumber, name: '不是本人' }))).toEqual(['name:NAME_MISMATCH']);

    expect((await reduce(first)).status).toBe(201);
    expect(fieldsOf(await reduce(first))).toEqual(['idNumber:DECLARATION_PENDING']);

    expect((await unit.post('/api/additions', addition(resident.idNumber, { name: resident.name }))).status).toBe(201);
    const pendingAddition = await reduce(resident);
    expect(fieldsOf(pendingAddition)).toEqual(['idNumber:REDUCTION_ADDITION_PENDING']);
    expect(pendingAddition.body.details.fields[0].message).toContain('withdraw the addition');
    expect((await reduce(second)).status).toBe(201);
  });
});
