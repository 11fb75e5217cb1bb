import knex, { type Knex } from 'knex';
import { addMonths } from '@common/fee-period';
import { formatFen } from '@common/insurance';
import { createTestHall, ENGINE, type HallClient, type TestHall } from '../../test/harness';
import { downloadWorkbook } from '../../test/workbooks';
import { periodTotalsOf } from '../../test/period-totals';
import { DEMO_UNITS } from '../db/seeds/demo';
import { AssessmentService } from './assessment.service';

/** People whose amounts were worked out by hand: demo floor 4,800 yuan, ceiling 24,000 yuan. */
const HAND_CHECKED = [
  { id: '350102199001010015', name: '方地板', wageFen: 300_000, expect: { base: 480_000, u310: 36_000, p310: 9_600, u330: 2_400, u510: 2_400 } },
  { id: '350102199001020011', name: '方中间', wageFen: 1_000_050, expect: { base: 1_000_050, u310: 75_004, p310: 20_001, u330: 5_000, u510: 5_000 } },
  {
    id: '350102199001030017',
    name: '=方天花板',
    wageFen: 3_000_000,
    expect: { base: 2_400_000, u310: 180_000, p310: 48_000, u330: 12_000, u510: 12_000 },
  },
] as const;

async function enrol(hall: TestHall, unitId: number, person: (typeof HAND_CHECKED)[number], startMonth: string, endMonth: string | null = null) {
  const at = hall.clock.now().toISOString();
  const [{ id: personId }] = await hall.db
    .knex('insured_persons')
    .insert({ id_type: '01', id_number: person.id, name: person.name, sex: 'male', birth_date: '1990-01-01', created_at: at, updated_at: at })
    .returning('id');
  const status = endMonth ? 'suspended' : 'active';
  await hall.db.knex('employments').insert({
    unit_id: unitId,
    person_id: personId,
    id_number: person.id,
    person_name: person.name,
    wage_fen: person.wageFen,
    personnel_category: 'in_service',
    status,
    start_month: startMonth,
    end_month: endMonth,
    created_at: at,
    updated_at: at,
  });
  for (const type of ['310', '330', '510']) {
    await hall.db.knex('enrollments').insert({
      person_id: personId,
      unit_id: unitId,
      insurance_type: type,
      start_month: startMonth,
      end_month: endMonth,
      status,
      created_at: at,
      updated_at: at,
    });
  }
  return personId as number;
}

describe('payment details and contributions', () => {
  let hall: TestHall;
  let admin: HallClient;
  let reviewer: HallClient;
  let unitId: number;

  beforeEach(async () => {
    hall = await createTestHall();
    admin = await hall.client('en');
    unitId = (await admin.signInUnitAdmin(0)).body.unit.id;
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
  });
  afterEach(() => hall.close());

  it('assesses the hand-checked people with the base clamped to floor and ceiling, in integer fen, for all three types', async () => {
    for (const person of HAND_CHECKED) await enrol(hall, unitId, person, '202611');
    const assessed = await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202611' });
    expect(assessed.status).toBe(200);
    expect(assessed.body.inserted).toBe(9);

    for (const person of HAND_CHECKED) {
      const res = await admin.get(`/api/payments/details?q=${person.id}&from=202611&to=202611&pageSize=10`);
      const byType = Object.fromEntries(res.body.items.map((d: any) => [d.insuranceType, d]));
      expect(Object.keys(byType).sort()).withContext(person.name).toEqual(['310', '330', '510']);
      expect(byType['310'].baseFen).toBe(person.expect.base);
      expect(byType['310'].unitAmountFen).toBe(person.expect.u310);
      expect(byType['310'].personAmountFen).toBe(person.expect.p310);
      expect(byType['330'].unitAmountFen).toBe(person.expect.u330);
      expect(byType['330'].personAmountFen).toBe(0);
      expect(byType['510'].unitAmountFen).toBe(person.expect.u510);
      expect(byType['310'].idNumberMasked).toBe(person.id.slice(0, 6) + '********' + person.id.slice(-4));
      expect(byType['310'].status).toBe('due');
    }
  });

  it('changes nothing when the same unit and period are assessed twice', async () => {
    await enrol(hall, unitId, HAND_CHECKED[0], '202611');
    const first = await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202611' });
    // Every column, the times of the last assessment included, which no screen shows: the rows are read.
    const before = await hall.db.knex('payment_details').where({ unit_id: unitId, fee_period: '202611' }).orderBy('id');
    const second = await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202611' });
    const after = await hall.db.knex('payment_details').where({ unit_id: unitId, fee_period: '202611' }).orderBy('id');
    expect(first.body.inserted).toBe(3);
    expect(second.body).toEqual(jasmine.objectContaining({ inserted: 0, updated: 0, removed: 0 }));
    expect(after).toEqual(before);
  });

  it('assesses a reduced person up to the reduction month only, and a person added for next month from next month', async () => {
    const [reduced, added] = HAND_CHECKED;
    await enrol(hall, unitId, reduced, '202601', '202611');
    await enrol(hall, unitId, added, '202612');
    await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202611' });
    await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202612' });
    const periodsOf = async (person: (typeof HAND_CHECKED)[number]) => {
      const details = (await admin.get(`/api/payments/details?q=${person.id}&pageSize=200`)).body.items;
      return [...new Set(details.map((d: { feePeriod: string }) => d.feePeriod))].sort();
    };
    expect(await periodsOf(reduced)).toEqual(['202611']);
    expect(await periodsOf(added)).toEqual(['202612']);
  });

  it('assesses the current period by itself the first time it is looked at', async () => {
    hall.clock.set('2026-12-03T02:00:00Z');
    await admin.signInUnitAdmin(0);
    // Any look through the API would assess the period: that nothing is there yet is read from the table.
    expect(await hall.db.knex('payment_details').where({ unit_id: unitId, fee_period: '202612' }).first()).toBeUndefined();
    const res = await admin.get('/api/payments/periods?from=202612&to=202612');
    expect(res.body.items.length).toBe(1);
    expect(res.body.items[0].dueFen).toBeGreaterThan(0);
    const active = await hall.db.knex('employments').where({ unit_id: unitId, status: 'active' }).count({ n: '*' }).first();
    expect(res.body.items[0].persons).toBe(Number(active!.n));

    // A page with rows of earlier periods, read before the new month was assessed, is read again once it is.
    hall.clock.set('2027-01-05T02:00:00Z');
    expect(await hall.db.knex('payment_details').where({ unit_id: unitId, fee_period: '202701' }).first()).toBeUndefined();
    await admin.signInUnitAdmin(0);
    const periods = await admin.get('/api/payments/periods?pageSize=3');
    expect(periods.body.items.map((p: { feePeriod: string }) => p.feePeriod)).toEqual(['202701', '202612', '202611']);
    hall.clock.set('2027-02-05T02:00:00Z');
    await admin.signInUnitAdmin(0);
    const details = await admin.get('/api/payments/details?pageSize=1');
    expect(details.body.items[0].feePeriod).toBe('202702');
    const assessed = await hall.db.knex('payment_details').where({ unit_id: unitId, fee_period: '202702' }).count({ n: '*' }).first();
    expect(details.body.total).toBe(Number((await hall.db.knex('payment_details').where({ unit_id: unitId }).count({ n: '*' }).first())!.n));
    expect(Number(assessed!.n)).toBeGreaterThan(0);
  });

  it('totals due, paid and overdue per period, and a recorded collection makes the details paid', async () => {
    const adminB = await hall.client('en');
    const unitB = (await adminB.signInUnitAdmin(1)).body.unit.id;
    const last = addMonths('202611', -1);
    const before = await adminB.get(`/api/payments/periods?from=${last}&to=202611&direction=asc`);
    const [october, november] = before.body.items;
    expect(october.feePeriod).toBe(last);
    // The demo leaves unit B's last month unpaid: overdue now; this month is merely due.
    expect(october.paidFen).toBe(0);
    expect(october.overdueFen).toBe(october.dueFen);
    expect(november.overdueFen).toBe(0);
    const sum = await hall.db.knex('payment_details').where({ unit_id: unitB, fee_period: last }).select('unit_amount_fen', 'person_amount_fen');
    expect(october.dueFen).toBe(sum.reduce((n, r) => n + r.unit_amount_fen + r.person_amount_fen, 0));

    const paidEarlier = (await admin.get('/api/payments/periods?from=202609&to=202609')).body.items[0];
    expect(paidEarlier).toEqual(jasmine.objectContaining({ collectedOn: '2026-09-15', overdueFen: 0, paidFen: paidEarlier.dueFen }));

    const collection = { unitId: unitB, feePeriod: last, collectedOn: '2026-11-12', serial: 'ZS-2026-0001' };
    const withoutAmount = await reviewer.post('/api/review/collections', collection);
    expect([withoutAmount.status, withoutAmount.body.details.fields[0].field]).toEqual([400, 'amountFen']);
    // A fen short of what the period's details come to: refused, naming what is unpaid, and nothing is paid.
    const short = await reviewer.post('/api/review/collections', { ...collection, amountFen: october.dueFen - 1 });
    expect(short.status).toBe(400);
    expect(short.body.details.fields).toEqual([
      jasmine.objectContaining({ field: 'amountFen', code: 'COLLECTION_AMOUNT_MISMATCH', params: { due: formatFen(october.dueFen) } }),
    ]);
    expect(short.body.details.fields[0].message).toContain(formatFen(october.dueFen));
    expect((await adminB.get(`/api/payments/periods?from=${last}&to=${last}`)).body.items[0].paidFen).toBe(0);

    const collected = await reviewer.post('/api/review/collections', { ...collection, amountFen: october.dueFen });
    expect(collected.body).toEqual({ feePeriod: last, paidDetails: sum.length, amountFen: october.dueFen });
    const after = (await adminB.get(`/api/payments/periods?from=${last}&to=${last}`)).body.items[0];
    expect(after).toEqual(
      jasmine.objectContaining({ paidFen: october.dueFen, overdueFen: 0, collectedOn: '2026-11-12', collectionSerial: 'ZS-2026-0001' }),
    );
    const detail = await adminB.get(`/api/payments/details?from=${last}&to=${last}&pageSize=1`);
    expect(detail.body.items[0].status).toBe('paid');
    expect(detail.body.items[0].collectionSerial).toBe('ZS-2026-0001');
    const totals = await periodTotalsOf(hall, unitB);
    expect(totals.stored).toEqual(totals.summed);
    expect(totals.summed.types.length).toBeGreaterThan(3);
  });

  it("keeps the unit's period totals equal to its details through an assessment, a reduction assessed again, and a collection", async () => {
    const [stays, reduced] = HAND_CHECKED;
    await enrol(hall, unitId, stays, '202601');
    const reducedId = await enrol(hall, unitId, reduced, '202601');
    expect((await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202612' })).status).toBe(200);
    const assessed = await periodTotalsOf(hall, unitId);
    expect(assessed.stored).toEqual(assessed.summed);
    // The reduction approved from December: the enrolment ends in November and the period is assessed afresh.
    await hall.db.knex('employments').where({ person_id: reducedId }).update({ end_month: '202611', status: 'suspended' });
    await hall.db.knex('enrollments').where({ person_id: reducedId }).update({ end_month: '202611', status: 'suspended' });
    const reassessed = await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202612' });
    expect(reassessed.body.removed).toBe(3);
    const afterReduction = await periodTotalsOf(hall, unitId);
    expect(afterReduction.stored).toEqual(afterReduction.summed);
    expect(afterReduction.stored).not.toEqual(assessed.stored);

    const due = (await admin.get('/api/payments/periods?from=202612&to=202612')).body.items[0];
    const paid = await reviewer.post('/api/review/collections', {
      unitId,
      feePeriod: '202611',
      collectedOn: '2026-11-20',
      serial: 'ZS-TOTALS',
      amountFen: (await admin.get('/api/payments/periods?from=202611&to=202611')).body.items[0].dueFen,
    });
    expect(paid.status).withContext(JSON.stringify(paid.body)).toBe(200);
    const collected = await periodTotalsOf(hall, unitId);
    expect(collected.stored).toEqual(collected.summed);
    expect(due.persons).toBe(Number(collected.summed.persons.find((line) => line.startsWith('202612 '))!.split(' ')[1]));
  });

  it('pages, sorts and filters on the server, searching names and ID numbers by their start', async () => {
    const page0 = await admin.get('/api/payments/details?from=202611&to=202611&insuranceType=310&page=0&pageSize=5&sort=baseFen&direction=asc');
    const all = await hall.db.knex('payment_details').where({ unit_id: unitId, fee_period: '202611', insurance_type: '310' });
    expect(page0.body.total).toBe(all.length);
    expect(page0.body.items.length).toBe(5);
    // A page past the last has no rows but still the total, of details and of periods.
    const beyond = await admin.get('/api/payments/details?from=202611&to=202611&insuranceType=310&page=99&pageSize=5');
    expect(beyond.body).toEqual(jasmine.objectContaining({ items: [], total: all.length }));
    const periods = await hall.db.knex('payment_details').where({ unit_id: unitId }).countDistinct({ n: 'fee_period' }).first();
    expect((await admin.get('/api/payments/periods?page=99&pageSize=12')).body).toEqual(
      jasmine.objectContaining({ items: [], total: Number(periods!.n) }),
    );
    const bases = page0.body.items.map((d: any) => d.baseFen);
    expect(bases).toEqual([...bases].sort((a, b) => a - b));
    const names = await admin.get(`/api/payments/details?q=${encodeURIComponent(page0.body.items[0].name.slice(0, 1))}&from=202611&to=202611`);
    expect(names.body.total).toBeGreaterThan(0);
    expect(names.body.items.every((d: any) => d.name.startsWith(page0.body.items[0].name.slice(0, 1)))).toBeTrue();
    const bad = await admin.get('/api/payments/details?from=2026-11');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('from');
  });

  it('exports exactly the filtered rows, with a title, translated headers, money as numbers and no formulas', async () => {
    for (const person of HAND_CHECKED) await enrol(hall, unitId, person, '202611');
    await reviewer.post('/api/review/assessments', { unitId, feePeriod: '202611' });
    const { res, sheet } = await downloadWorkbook(admin, '/api/payments/details/export?q=350102199001&from=202611&to=202611', 'en');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(DEMO_UNITS[0].name));
    expect(res.headers['x-total-rows']).toBe('9');

    expect(String(sheet.getCell('A1').value)).toContain(DEMO_UNITS[0].name);
    expect(String(sheet.getCell('A2').value)).toContain('2026-11');
    // The payment details screen's columns in its order and words, then the collection serial.
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([
      'Fee period',
      'Name',
      'ID number',
      'Insurance type',
      'Contribution base',
      'Unit share',
      'Personal share',
      'Status',
      'Paid on',
      'Collection serial',
    ]);
    expect(sheet.views[0]).toEqual(jasmine.objectContaining({ state: 'frozen', ySplit: 4 }));
    expect(sheet.autoFilter).toBe('A4:J4');
    const rows = [];
    for (let r = 5; r <= sheet.rowCount; r++) rows.push(sheet.getRow(r));
    expect(rows.length).toBe(9);
    const names = rows.map((r) => r.getCell(2).value);
    expect(names).toContain("'=方天花板");
    expect(rows.every((r) => r.getCell(1).value === '2026-11')).toBeTrue();
    expect(rows.every((r) => r.getCell(8).value === 'Due')).toBeTrue();
    const unitTotal = rows.reduce((n, r) => n + Math.round(Number(r.getCell(6).value) * 100), 0);
    const expected = HAND_CHECKED.reduce((n, p) => n + p.expect.u310 + p.expect.u330 + p.expect.u510, 0);
    expect(unitTotal).toBe(expected);
    expect(typeof rows[0].getCell(5).value).toBe('number');
    expect(rows[0].getCell(5).numFmt).toBe('#,##0.00');
  });

  it("shows the unit's information, masking the bank account", async () => {
    await hall.db.knex('units').where({ id: unitId }).update({ bank_account_number: '6222021001115678901' });
    const res = await admin.get('/api/unit');
    expect(res.body.name).toBe(DEMO_UNITS[0].name);
    expect(res.body.insuranceTypes.map((t: any) => t.insuranceType)).toEqual(['310', '330', '510']);
    expect(res.body.bank.accountNumberMasked).toBe('***************8901');
  });
});

describe('the monthly assessment of a period for every unit', () => {
  let hall: TestHall;
  let reviewer: HallClient;
  const PERIOD = '202612';
  /** Every detail of the period as a line: who, what, and the amounts (not the id or the time it was written). */
  const detailLines = async (h: TestHall) =>
    (
      await h.db
        .knex('payment_details')
        .where({ fee_period: PERIOD })
        .select(
          'unit_id',
          'person_id',
          'insurance_type',
          'base_fen',
          'unit_rate_bp',
          'person_rate_bp',
          'unit_amount_fen',
          'person_amount_fen',
          'paid_at',
        )
    )
      .map((r) => JSON.stringify(r))
      .sort();

  beforeEach(async () => {
    hall = await createTestHall();
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
  });
  afterEach(() => hall.close());

  it('writes the hand-checked amounts, in integer fen, for all three types', async () => {
    const unitId = (await hall.db.knex('units').where({ credit_code: DEMO_UNITS[1].creditCode }).first('id')).id as number;
    const personId = await enrol(hall, unitId, HAND_CHECKED[2], '202601');
    const res = await reviewer.post('/api/review/assessments/all', { feePeriod: PERIOD });
    expect(res.status).toBe(200);
    const rows = await hall.db.knex('payment_details').where({ person_id: personId, fee_period: PERIOD }).orderBy('insurance_type');
    const { expect: e } = HAND_CHECKED[2];
    expect(rows.map((r) => [r.insurance_type, r.base_fen, r.unit_amount_fen, r.person_amount_fen])).toEqual([
      ['310', e.base, e.u310, e.p310],
      ['330', e.base, e.u330, 0],
      ['510', e.base, e.u510, 0],
    ]);
  });

  it('takes the latest base declared from the period or before, not a later one', async () => {
    const unitId = (await hall.db.knex('units').where({ credit_code: DEMO_UNITS[1].creditCode }).first('id')).id as number;
    const personId = await enrol(hall, unitId, HAND_CHECKED[0], '202601');
    const at = hall.clock.now().toISOString();
    const [{ id: declarationId }] = await hall.db
      .knex('declarations')
      .insert({ type: 'base_declaration', status: 'approved', payload: '{}', submitted_at: at })
      .returning('id');
    // 6,000.00 yuan from July, 9,000.00 from the December being assessed, 12,000.00 only from January.
    for (const [fromMonth, baseFen] of [
      ['202607', 600_000],
      ['202612', 900_000],
      ['202701', 1_200_000],
    ] as const) {
      await hall.db.knex('contribution_bases').insert({
        unit_id: unitId,
        person_id: personId,
        from_month: fromMonth,
        wage_fen: baseFen,
        base_fen: baseFen,
        declaration_id: declarationId,
        created_at: at,
      });
    }
    await reviewer.post('/api/review/assessments/all', { feePeriod: PERIOD });
    const rows = await hall.db.knex('payment_details').where({ person_id: personId, fee_period: PERIOD }).orderBy('insurance_type');
    // 310 at 7.5 % and 2 % of 9,000.00 yuan: 675.00 and 180.00; 330 and 510 at 0.5 %: 45.00.
    expect(rows.map((r) => [r.insurance_type, r.base_fen, r.unit_amount_fen, r.person_amount_fen])).toEqual([
      ['310', 900_000, 67_500, 18_000],
      ['330', 900_000, 4_500, 0],
      ['510', 900_000, 4_500, 0],
    ]);
  });

  it('writes the rows the per-unit assessment writes, and after a crash halfway a second run completes them to the same rows', async () => {
    // The oracle: every unit assessed one by one through the reviewer's per-unit route, on a hall of its own.
    const oracle = await createTestHall();
    try {
      const oracleReviewer = await oracle.client('en');
      await oracleReviewer.signInReviewer();
      for (const id of await oracle.db.knex('units').orderBy('id').pluck('id')) {
        expect((await oracleReviewer.post('/api/review/assessments', { unitId: id, feePeriod: PERIOD })).status).toBe(200);
      }
      const expected = await detailLines(oracle);
      expect(expected.length).toBeGreaterThan(0);

      const units = await hall.db.knex('units').orderBy('id').pluck('id');
      const reviewerId = (await hall.db.knex('users').where({ role: 'reviewer' }).first('id')).id as number;
      const assessments = hall.app.locals.services.assessments;
      // One unit a chunk; the second chunk's transaction dies before it commits.
      await expectAsync(
        assessments.assessAll(PERIOD, reviewerId, undefined, {
          chunkUnits: 1,
          beforeCommit: (chunk) => {
            if (chunk === 2) throw new Error('crash');
          },
        }),
      ).toBeRejectedWithError('crash');
      const [first, second] = units;
      expect(await hall.db.knex('payment_details').where({ unit_id: first, fee_period: PERIOD }).count({ n: '*' }).first()).not.toEqual({ n: 0 });
      expect(Number((await hall.db.knex('payment_details').where({ unit_id: second, fee_period: PERIOD }).count({ n: '*' }).first())!.n)).toBe(0);
      // The other worker may have committed a chunk after the first before the crash stopped it.
      const survived = (await hall.db.knex('assessments').where({ fee_period: PERIOD }).pluck('unit_id')).map(Number);
      expect(survived).toContain(Number(first));
      expect(survived).not.toContain(Number(second));

      const rerun = await reviewer.post('/api/review/assessments/all', { feePeriod: PERIOD });
      expect(rerun.body).toEqual(jasmine.objectContaining({ feePeriod: PERIOD, units: units.length - survived.length, skipped: survived.length }));
      expect(await detailLines(hall)).toEqual(expected);
      for (const id of units) {
        const totals = await periodTotalsOf(hall, id);
        expect(totals.stored).withContext(`unit ${id}`).toEqual(totals.summed);
      }
      expect((await hall.db.knex('assessments').where({ fee_period: PERIOD }).orderBy('unit_id').pluck('unit_id')).map(Number)).toEqual(
        units.map(Number),
      );
    } finally {
      await oracle.close();
    }
  });

  it('writes each detail once when two instances, each on its own connection pool, run it at the same time', async () => {
    // Several instances share PostgreSQL; SQLite is one instance's own file, written through its single connection.
    if (ENGINE !== 'postgres') pending('SQLite is one instance’s own file: no second instance runs beside it');
    const units = await hall.db.knex('units').orderBy('id').pluck('id');
    const reviewerId = (await hall.db.knex('users').where({ role: 'reviewer' }).first('id')).id as number;
    const otherPool = knex(hall.db.knex.client.config as Knex.Config);
    try {
      const instances = [new AssessmentService(hall.db.knex, hall.clock), new AssessmentService(otherPool, hall.clock)];
      // A unit a chunk, so the two interleave unit by unit.
      const runs = await Promise.all(instances.map((a) => a.assessAll(PERIOD, reviewerId, undefined, { chunkUnits: 1 })));
      const details = Number((await hall.db.knex('payment_details').where({ fee_period: PERIOD }).count({ n: '*' }).first())!.n);
      expect(details).toBeGreaterThan(0);
      expect(runs[0].units + runs[1].units).toBe(units.length);
      expect(runs[0].inserted + runs[1].inserted).toBe(details);
      const twice = await hall.db
        .knex('payment_details')
        .where({ fee_period: PERIOD })
        .groupBy('unit_id', 'person_id', 'insurance_type')
        .havingRaw('count(*) > 1')
        .select('person_id');
      expect(twice).toEqual([]);
      // Each unit's assessment is recorded once, by whichever instance did it.
      const recorded = await hall.db.knex('audit_log').where({ action: 'assessment', entity_id: PERIOD }).orderBy('unit_id').pluck('unit_id');
      expect(recorded.map(Number)).toEqual(units.map(Number));
      for (const id of units) {
        const totals = await periodTotalsOf(hall, id);
        expect(totals.stored).withContext(`unit ${id}`).toEqual(totals.summed);
      }
    } finally {
      await otherPool.destroy();
    }
  });

  it('changes nothing when run again', async () => {
    const first = await reviewer.post('/api/review/assessments/all', { feePeriod: PERIOD });
    const before = await hall.db.knex('payment_details').where({ fee_period: PERIOD }).orderBy('id');
    const second = await reviewer.post('/api/review/assessments/all', { feePeriod: PERIOD });
    expect(first.body.inserted).toBeGreaterThan(0);
    expect(second.body).toEqual({ feePeriod: PERIOD, units: 0, skipped: first.body.units, inserted: 0 });
    expect(await hall.db.knex('payment_details').where({ fee_period: PERIOD }).orderBy('id')).toEqual(before);
  });

  it('assesses a unit whose period went stale on its own, so its unpaid details follow a changed wage', async () => {
    const unitId = (await hall.db.knex('units').where({ credit_code: DEMO_UNITS[0].creditCode }).first('id')).id as number;
    const personId = await enrol(hall, unitId, HAND_CHECKED[0], '202601');
    await reviewer.post('/api/review/assessments/all', { feePeriod: PERIOD });
    // An approval changing the person's wage forgets the unit's assessment of the period (markStale).
    await hall.db.knex('employments').where({ person_id: personId }).update({ wage_fen: HAND_CHECKED[1].wageFen });
    await hall.db.knex('assessments').where({ unit_id: unitId, fee_period: PERIOD }).delete();
    const rerun = await reviewer.post('/api/review/assessments/all', { feePeriod: PERIOD });
    expect(rerun.body.units).toBe(1);
    const row = await hall.db.knex('payment_details').where({ person_id: personId, fee_period: PERIOD, insurance_type: '310' }).first();
    expect([row.base_fen, row.unit_amount_fen, row.person_amount_fen]).toEqual([
      HAND_CHECKED[1].expect.base,
      HAND_CHECKED[1].expect.u310,
      HAND_CHECKED[1].expect.p310,
    ]);
  });
});
