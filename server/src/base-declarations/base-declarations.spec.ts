import type { PaymentDetail } from '@common/api/payments';
import { activeEmployees, auditEntriesOf, newIdNumber, unitIdOf } from '../../test/declarations';
import { filledTemplate, uploadWorkbook, zip } from '../../test/batch-files';
import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { periodTotalsOf } from '../../test/period-totals';
import { downloadWorkbook } from '../../test/workbooks';

/** Shanghai is UTC+8: 16:00 UTC is midnight there. */
const WINDOW_OPENS = '2027-06-30T16:00:00.000Z';
const WINDOW_CLOSES_AFTER = '2027-08-31T16:00:00.000Z';
/** 10 August 2027, 10:00 in Shanghai: the window for the year July 2027 – June 2028 is open. */
const IN_WINDOW = '2027-08-10T02:00:00.000Z';

describe('annual contribution base declaration', () => {
  let hall: TestHall;
  let admin: HallClient;
  let reviewer: HallClient;
  let unitId: number;

  /** Sessions do not outlive a jump of days: both sign in afresh at the instant. */
  async function at(instant: string): Promise<void> {
    hall.clock.set(instant);
    admin = await hall.client('en');
    await admin.signInUnitAdmin(0);
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
  }

  beforeEach(async () => {
    hall = await createTestHall();
    unitId = await unitIdOf(hall, 0);
  });
  afterEach(() => hall.close());

  it('opens and closes on the configured days in Asia/Shanghai, and outside the window refuses naming it', async () => {
    const [person] = await activeEmployees(hall, 0);
    const declare = () => admin.post('/api/base-declarations', { personId: person.personId, wageFen: 600_000 });

    await at('2026-11-10T02:00:00.000Z');
    const status = await admin.get('/api/base-declarations/status');
    expect(status.body).toEqual({
      year: { firstMonth: '202607', lastMonth: '202706', opensOn: '2026-07-01', closesOn: '2026-08-31', floorFen: 480_000, ceilingFen: 2_400_000 },
      open: false,
      next: { firstMonth: '202707', lastMonth: '202806', opensOn: '2027-07-01', closesOn: '2027-08-31', floorFen: 480_000, ceilingFen: 2_400_000 },
    });
    const refused = await declare();
    expect([refused.status, refused.body.code]).toEqual([409, 'BASE_DECLARATION_CLOSED']);
    expect(refused.body.message).toBe(
      'Bases for the contribution year 2027-07 to 2028-06 are declared from 2027-07-01 to 2027-08-31; the window is not open now.',
    );
    const zh = await hall.client('zh-CN');
    await zh.signInUnitAdmin(0);
    expect((await zh.post('/api/base-declarations', { personId: person.personId, wageFen: 600_000 })).body.message).toBe(
      '2027-07 至 2028-06 缴费年度的基数申报期为 2027-07-01 至 2027-08-31，现在不在申报期内。',
    );

    // One second before midnight of 1 July in Shanghai, still June there.
    await at(new Date(Date.parse(WINDOW_OPENS) - 1000).toISOString());
    expect((await declare()).body.code).toBe('BASE_DECLARATION_CLOSED');
    await at(WINDOW_OPENS);
    expect((await admin.get('/api/base-declarations/status')).body.open).toBeTrue();
    expect((await declare()).status).toBe(201);

    await at(new Date(Date.parse(WINDOW_CLOSES_AFTER) - 1000).toISOString());
    expect((await admin.get('/api/base-declarations/status')).body.open).toBeTrue();
    await at(WINDOW_CLOSES_AFTER);
    expect((await admin.get('/api/base-declarations/status')).body.open).toBeFalse();
    const [, other] = await activeEmployees(hall, 0);
    const late = await admin.post('/api/base-declarations', { personId: other.personId, wageFen: 600_000 });
    expect([late.status, late.body.code]).toEqual([409, 'BASE_DECLARATION_CLOSED']);
  });

  it("holds the declared wage between the year's floor and ceiling (4,800 and 24,000 yuan)", async () => {
    await at(IN_WINDOW);
    const [low, middle, high] = await activeEmployees(hall, 0);
    const declared = [];
    for (const [person, wageFen] of [
      [low, 300_000],
      [middle, 1_000_050],
      [high, 3_000_000],
    ] as const) {
      const res = await admin.post('/api/base-declarations', { personId: person.personId, wageFen });
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
      declared.push(res.body);
    }
    expect(declared.map((d) => [d.kind, d.effectiveMonth, d.payload.wageFen, d.payload.baseFen, d.payload.lastMonth])).toEqual([
      ['base-declaration', '202707', 300_000, 480_000, '202806'],
      ['base-declaration', '202707', 1_000_050, 1_000_050, '202806'],
      ['base-declaration', '202707', 3_000_000, 2_400_000, '202806'],
    ]);
  });

  it('keeps one pending declaration per person and contribution year, in the database too', async () => {
    await at(IN_WINDOW);
    const [person] = await activeEmployees(hall, 0);
    expect((await admin.post('/api/base-declarations', { personId: person.personId, wageFen: 600_000 })).status).toBe(201);
    const again = await admin.post('/api/base-declarations', { personId: person.personId, wageFen: 700_000 });
    expect([again.status, again.body.code]).toEqual([409, 'BASE_DECLARATION_PENDING']);

    const first = await hall.db.knex('declarations').where({ type: 'base-declaration', id_number: person.idNumber }).first();
    const { id: _id, ...copy } = first;
    await expectAsync(hall.db.knex('declarations').insert(copy)).toBeRejected();
    // Another year is another slot.
    await expectAsync(hall.db.knex('declarations').insert({ ...copy, effective_month: '202807' })).toBeResolved();
  });

  it('corrects a rejected declaration once, by a new one naming it; another unit cannot', async () => {
    await at(IN_WINDOW);
    const [person] = await activeEmployees(hall, 0);
    const declared = await admin.post('/api/base-declarations', { personId: person.personId, wageFen: 100_000 });
    expect(declared.status).withContext(JSON.stringify(declared.body)).toBe(201);
    const rejected = declared.body.id as number;
    expect((await reviewer.post(`/api/review/submissions/${rejected}/decision`, { approve: false, reason: '工资有误' })).status).toBe(200);

    const corrected = await admin.post(`/api/base-declarations?corrects=${rejected}`, { personId: person.personId, wageFen: 650_000 });
    expect(corrected.status).withContext(JSON.stringify(corrected.body)).toBe(201);
    expect(corrected.body).toEqual(jasmine.objectContaining({ status: 'pending', correctsId: rejected }));
    expect(corrected.body.payload.wageFen).toBe(650_000);
    expect((await admin.get(`/api/submissions/${rejected}`)).body.correctedById).toBe(corrected.body.id);

    expect((await admin.post(`/api/submissions/${corrected.body.id}/withdraw`)).status).toBe(200);
    const [, second] = await activeEmployees(hall, 0);
    const other = await hall.client('en');
    await other.signInUnitAdmin(1);
    const [otherPerson] = await activeEmployees(hall, 1);
    const ofOtherUnit = await other.post(`/api/base-declarations?corrects=${rejected}`, { personId: otherPerson.personId, wageFen: 650_000 });
    expect(ofOtherUnit.status).toBe(404);

    expect((await admin.post(`/api/base-declarations?corrects=${rejected}`, { personId: person.personId, wageFen: 660_000 })).status).toBe(201);
    const again = await admin.post(`/api/base-declarations?corrects=${rejected}`, { personId: second.personId, wageFen: 650_000 });
    expect([again.status, again.body.code]).toEqual([409, 'SUBMISSION_ALREADY_CORRECTED']);
    expect(
      await hall.db.knex('declarations').where({ type: 'base-declaration' }).whereIn('id_number', [second.idNumber, otherPerson.idNumber]).first(),
    ).toBeUndefined();
  });

  it('lists who is not declared yet, paged and searched on the server', async () => {
    await at(IN_WINDOW);
    const insured = await activeEmployees(hall, 0);
    const before = await admin.get('/api/base-declarations/persons?status=undeclared&pageSize=5');
    expect(before.body.items.length).toBe(5);
    const total = before.body.total;
    expect(total).toBeGreaterThanOrEqual(insured.length);

    await admin.post('/api/base-declarations', { personId: insured[0].personId, wageFen: 700_000 });
    expect((await admin.get('/api/base-declarations/persons?status=undeclared')).body.total).toBe(total - 1);
    const pending = await admin.get('/api/base-declarations/persons?status=pending');
    expect(pending.body.items.map((p: { personId: number; wageFen: number; baseFen: number }) => [p.personId, p.wageFen, p.baseFen])).toEqual([
      [insured[0].personId, 700_000, 700_000],
    ]);
    const found = await admin.get(`/api/base-declarations/persons?status=undeclared&q=${insured[1].idNumber}`);
    expect(found.body.items.map((p: { personId: number }) => p.personId)).toEqual([insured[1].personId]);
  });

  it('applies an approved base from the first month of the year: an unpaid assessed month is assessed again, a paid one never changes', async () => {
    await at(IN_WINDOW);
    const [person] = await activeEmployees(hall, 0);
    // July 2027 assessed and paid, August 2027 assessed and due.
    expect((await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202707' })).status).toBe(200);
    const due = await hall.db
      .knex('payment_details')
      .where({ unit_id: unitId, fee_period: '202707' })
      .sum({ n: 'unit_amount_fen' })
      .sum({ p: 'person_amount_fen' })
      .first();
    const collected = await reviewer.post('/api/review/collections', {
      unitId,
      feePeriod: '202707',
      collectedOn: '2027-08-05',
      serial: 'JS-202707',
      amountFen: Number(due?.n) + Number(due?.p),
    });
    expect(collected.status).withContext(JSON.stringify(collected.body)).toBe(200);
    expect((await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202708' })).status).toBe(200);
    const details = async () =>
      (await admin.get(`/api/payments/details?q=${person.idNumber}&from=202707&to=202708&pageSize=50`)).body.items as PaymentDetail[];
    const paidBefore = (await details()).filter((d) => d.feePeriod === '202707');
    expect(paidBefore.length).toBe(3);
    expect(paidBefore.every((d) => d.status === 'paid')).toBeTrue();

    const declared = await admin.post('/api/base-declarations', { personId: person.personId, wageFen: 3_000_000 });
    const approved = await reviewer.post(`/api/review/submissions/${declared.body.id}/decision`, { approve: true });
    expect(approved.status).toBe(200);

    const after = await details();
    // Paid: exactly as before.
    expect(after.filter((d) => d.feePeriod === '202707')).toEqual(paidBefore);
    // Due: the ceiling 24,000 yuan; 310 at 7.5 % and 2 % = 1,800.00 and 480.00, 330 and 510 at 0.5 % = 120.00.
    const august = after
      .filter((d) => d.feePeriod === '202708')
      .map((d) => [d.insuranceType, d.baseFen, d.unitAmountFen, d.personAmountFen, d.status]);
    expect(august.sort()).toEqual([
      ['310', 2_400_000, 180_000, 48_000, 'due'],
      ['330', 2_400_000, 12_000, 0, 'due'],
      ['510', 2_400_000, 12_000, 0, 'due'],
    ]);
    const totals = await periodTotalsOf(hall, unitId);
    expect(totals.stored).toEqual(totals.summed);
    // A month assessed later takes the base in force then.
    expect((await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202709' })).status).toBe(200);
    const september = await hall.db
      .knex('payment_details')
      .where({ unit_id: unitId, fee_period: '202709', person_id: person.personId })
      .pluck('base_fen');
    expect(september).toEqual([2_400_000, 2_400_000, 2_400_000]);

    const declaredList = await admin.get('/api/base-declarations/persons?status=declared');
    expect(
      declaredList.body.items.map((p: { personId: number; baseFen: number; currentBaseFen: number }) => [p.personId, p.baseFen, p.currentBaseFen]),
    ).toEqual([[person.personId, 2_400_000, 2_400_000]]);
    const [entry] = await auditEntriesOf(admin, 'submission_approved', declared.body.id);
    expect(entry.after).toEqual(jasmine.objectContaining({ status: 'approved', baseFen: 2_400_000, fromMonth: '202707' }));
  });

  it('prefills the template and reads it back with every error at once, then submits the valid rows as one batch', async () => {
    await at(IN_WINDOW);
    const template = await downloadWorkbook(admin, '/api/base-declarations/template', 'zh-CN');
    expect(template.res.status).toBe(200);
    const sheet = template.sheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['*姓名', '*证件号码', '当前缴费基数（元）', '*上年度月平均工资（元）']);
    const insured = await activeEmployees(hall, 0);
    const prefilled = new Map<string, number>();
    for (let r = 2; r <= sheet.rowCount; r++) prefilled.set(String(sheet.getCell(r, 2).value), r);
    for (const person of insured) expect(prefilled.has(person.idNumber)).withContext(person.idNumber).toBeTrue();
    // ID numbers are text, in a text-formatted column.
    expect(typeof sheet.getCell(2, 2).value).toBe('string');
    expect(sheet.getColumn(2).numFmt).toBe('@');

    // Every prefilled row declares 6,000 yuan; then the rows with faults, and two added at the end.
    for (const r of prefilled.values()) sheet.getCell(r, 4).value = 6000;
    const rowOf = (i: number) => prefilled.get(insured[i].idNumber)!;
    sheet.getCell(rowOf(1), 4).value = '七千';
    sheet.getCell(rowOf(2), 1).value = '别人名';
    sheet.getCell(rowOf(3), 4).value = null;
    sheet.getCell(rowOf(4), 4).value = 3000;
    const stranger = sheet.rowCount + 1;
    sheet.getRow(stranger).values = ['陈新员', newIdNumber(951), null, 6000];
    sheet.getRow(stranger + 1).values = [insured[0].name, insured[0].idNumber, null, 6000];
    const file = Buffer.from(await sheet.workbook.xlsx.writeBuffer());

    const validation = await uploadWorkbook(admin, 'base-declaration', file, '缴费基数.xlsx');
    expect(validation.status).withContext(JSON.stringify(validation.body)).toBe(200);
    const errors = (validation.body.errors as { row: number; column: string; code: string }[]).map((e) => `${e.row}${e.column}:${e.code}`);
    const expected: [number, string][] = [
      [rowOf(0), 'B:DUPLICATE_IN_FILE'],
      [rowOf(1), 'D:AMOUNT_FORMAT'],
      [rowOf(2), 'A:NAME_MISMATCH'],
      [rowOf(3), 'D:REQUIRED'],
      [stranger, 'B:NOT_INSURED_HERE'],
      [stranger + 1, 'B:DUPLICATE_IN_FILE'],
    ];
    expect(errors).toEqual(expected.sort((a, b) => a[0] - b[0]).map(([row, error]) => `${row}${error}`));
    expect([validation.body.rows, validation.body.invalidRows]).toEqual([prefilled.size + 2, 6]);

    const annotated = await downloadWorkbook(admin, `/api/batches/validations/${validation.body.token}/annotated`, 'en');
    expect(annotated.res.status).toBe(200);
    expect(String(annotated.sheet.getCell(rowOf(1), 5).value)).toContain('D');

    const submitted = await admin.post('/api/batches', { token: validation.body.token });
    expect(submitted.status).withContext(JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body.declarations).toBe(prefilled.size - 4);
    const rows = await hall.db
      .knex('declarations')
      .where({ batch_id: submitted.body.batchId })
      .select('type', 'id_number', 'payload', 'effective_month');
    const floor = rows.find((d) => d.id_number === insured[4].idNumber);
    expect([floor.type, floor.effective_month, JSON.parse(floor.payload).wageFen, JSON.parse(floor.payload).baseFen]).toEqual([
      'base-declaration',
      '202707',
      300_000,
      480_000,
    ]);

    // The reviewer approves the batch as one.
    const decided = await reviewer.post(`/api/review/batches/${submitted.body.batchId}/decision`, { approve: true });
    expect(decided.body).toEqual({ approved: prefilled.size - 4, rejected: 0 });
  });

  it("puts a base declaration workbook through the importer's hostile-file checks", async () => {
    await at(IN_WINDOW);
    const [person] = await activeEmployees(hall, 0);
    const row = { name: person.name, idNumber: person.idNumber, wageFen: 6000 };
    // Another template, a file that is not a workbook, a macro-enabled one, and one row too many: each refused before any row is read.
    const addition = await uploadWorkbook(admin, 'base-declaration', await filledTemplate('addition', []));
    expect([addition.status, addition.body.code]).toEqual([422, 'UPLOAD_WRONG_TEMPLATE']);
    const text = await uploadWorkbook(admin, 'base-declaration', Buffer.from('姓名,身份证号\n'));
    expect([text.status, text.body.code]).toEqual([415, 'UPLOAD_NOT_XLSX']);
    const macros = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/vbaProject.bin', data: Buffer.from('macro') },
    ]);
    expect((await uploadWorkbook(admin, 'base-declaration', macros)).body.code).toBe('UPLOAD_MACROS');
    const tooMany = await filledTemplate(
      'base-declaration',
      Array.from({ length: 20_001 }, () => row),
    );
    const refused = await uploadWorkbook(admin, 'base-declaration', tooMany);
    expect([refused.status, refused.body.code]).toEqual([422, 'UPLOAD_TOO_MANY_ROWS']);
    // Exactly 20,000 are read, every duplicate counted; the answer names the first ones, the rest are paged.
    const most = await uploadWorkbook(
      admin,
      'base-declaration',
      await filledTemplate(
        'base-declaration',
        Array.from({ length: 20_000 }, () => row),
      ),
    );
    expect([most.status, most.body.rows, most.body.invalidRows]).toEqual([200, 20_000, 20_000]);
    expect([most.body.errorCount, most.body.errors.length]).toEqual([20_000, 100]);
  });

  it('records once, as a system action, that the undeclared keep their base when the window has closed', async () => {
    await at(IN_WINDOW);
    const insured = await activeEmployees(hall, 0);
    await admin.post('/api/base-declarations', { personId: insured[0].personId, wageFen: 700_000 });
    const undeclared = (await admin.get('/api/base-declarations/persons?status=undeclared')).body.total;
    await admin.get('/api/base-declarations/status');
    expect(await auditEntriesOf(admin, 'base_carried_over', '202707')).toEqual([]);

    await at('2027-09-01T02:00:00.000Z');
    await Promise.all([admin.get('/api/base-declarations/status'), admin.get('/api/base-declarations/status')]);
    await admin.get('/api/base-declarations/status');
    const entries = await auditEntriesOf(admin, 'base_carried_over', '202707');
    expect(entries.length).toBe(1);
    expect(entries[0].after).toEqual({ persons: undeclared, carryOver: 'keep', fromMonth: '202707', toMonth: '202806' });
    const trail = await admin.get('/api/audit?type=base_carried_over');
    expect(trail.body.items[0].user).toBeNull();
    // The base of the undeclared goes on: nothing was written for them.
    expect(await hall.db.knex('contribution_bases').where({ unit_id: unitId })).toEqual([]);
  });

  it("exports the year's declared bases with ID numbers as text", async () => {
    await at(IN_WINDOW);
    const [person] = await activeEmployees(hall, 0);
    const declared = await admin.post('/api/base-declarations', { personId: person.personId, wageFen: 1_000_050 });
    await reviewer.post(`/api/review/submissions/${declared.body.id}/decision`, { approve: true });
    const { res, sheet } = await downloadWorkbook(admin, '/api/base-declarations/export', 'en');
    expect(res.status).toBe(200);
    expect(res.headers['x-total-rows']).toBe('1');
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([
      'Name',
      'ID number',
      'Base from',
      'Average monthly wage last year (yuan)',
      'Contribution base (yuan)',
    ]);
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([person.name, person.idNumber, '2027-07', 10_000.5, 10_000.5]);
  });
});
