/**
 * One person, many units: unit A employs a person and reduces them; unit B adds the same ID number and is
 * approved. Unit A keeps seeing the person as they were during its own employment.
 */
import type ExcelJS from 'exceljs';
import { SEED_INSTANT, type HallClient } from '../../test/harness';
import { activeEmployees, addition, auditEntriesOf, fieldsOf, newIdNumber, submitBatch, unitHallPerSpec, unitIdOf } from '../../test/declarations';
import { batchRow, filledTemplate, uploadWorkbook } from '../../test/batch-files';
import { downloadWorkbook } from '../../test/workbooks';

/** What unit B types for the person it takes on: every personal field other than unit A's. */
const unitBEntries = {
  ethnicity: '回族',
  hukouType: 'rural',
  hukouAddress: '厦门市同安区新民镇',
  mobile: '13799990000',
  contactAddress: '厦门市思明区鹭江道 8 号',
} as const;

async function workbookOf(client: HallClient, url: string): Promise<ExcelJS.Worksheet> {
  const { res, sheet } = await downloadWorkbook(client, url);
  expect(res.status).toBe(200);
  return sheet;
}

const columnValues = (sheet: ExcelJS.Worksheet, column: number) => {
  const values: unknown[] = [];
  for (let r = 5; r <= sheet.rowCount; r++) values.push(sheet.getRow(r).getCell(column).value);
  return values;
};

describe('a person who moved from unit A to unit B', () => {
  const context = unitHallPerSpec(0);
  let unitB: HallClient;
  let reviewer: HallClient;
  let moved: { personId: number; idNumber: string; name: string };
  /** The person's data as unit A registered it, before the move. */
  let asUnitA: Record<string, string | null>;
  let unitAStartMonth: string;

  const approve = async (id: number) => expect((await reviewer.post(`/api/review/submissions/${id}/decision`, { approve: true })).status).toBe(200);

  beforeEach(async () => {
    const { hall, unit } = context;
    unitB = await hall.client('en');
    await unitB.signInUnitAdmin(1);
    reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    [moved] = await activeEmployees(hall, 0);
    asUnitA = await hall.db
      .knex('insured_persons')
      .where({ id: moved.personId })
      .first('ethnicity', 'hukou_type', 'hukou_address', 'mobile', 'contact_address');
    unitAStartMonth = (
      await hall.db
        .knex('employments')
        .where({ person_id: moved.personId, unit_id: await unitIdOf(hall, 0) })
        .first()
    ).start_month;
    // An old resident insurance the person held before unit A: no unit's view shows it.
    await hall.db.knex('enrollments').insert({
      person_id: moved.personId,
      unit_id: null,
      insurance_type: '390',
      start_month: '201501',
      end_month: '201512',
      status: 'terminated',
      created_at: SEED_INSTANT,
      updated_at: SEED_INSTANT,
    });

    const reduction = await unit.post('/api/reductions', { idNumber: moved.idNumber, name: moved.name, reason: 'resigned' });
    expect(reduction.status).toBe(201);
    await approve(reduction.body.id);
  });

  it('refuses unit B an addition under another name, as a field error on the name in the caller’s language', async () => {
    const renamed = await unitB.post('/api/additions', addition(moved.idNumber, { name: '改名换姓', effectiveMonth: '202612', ...unitBEntries }));
    expect(renamed.status).toBe(400);
    expect(fieldsOf(renamed)).toEqual(['name:REGISTERED_NAME_MISMATCH']);
    expect(renamed.body.details.fields[0].message).toBe('Does not match the name registered for this ID number');
    const zh = await context.hall.client('zh-CN');
    await zh.signInUnitAdmin(1);
    const inChinese = await zh.post('/api/additions', addition(moved.idNumber, { name: '改名换姓', effectiveMonth: '202612' }));
    expect(inChinese.body.details.fields[0].message).toBe('与该身份证号码登记的姓名不一致');
    expect((await unitB.get(`/api/submissions?kind=addition&q=${moved.idNumber}`)).body.total).toBe(0);
  });

  it('refuses a batch row that adds a known ID number under another name, naming the row’s name', async () => {
    const { hall } = context;
    const file = await filledTemplate('addition', [batchRow(moved.idNumber, { name: '改名换姓', effectiveMonth: '2026-12' })]);
    const validation = (await uploadWorkbook(unitB, 'addition', file)).body;
    expect(validation.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [2, 'A', 'REGISTERED_NAME_MISMATCH'],
    ]);
    await expectAsync(submitBatch(hall, 1, [addition(moved.idNumber, { name: '改名换姓', effectiveMonth: '202612' })])).toBeRejectedWith(
      jasmine.objectContaining({ fields: [jasmine.objectContaining({ field: 'rows.2.name', code: 'REGISTERED_NAME_MISMATCH' })] }),
    );
  });

  it('refuses at approval an addition submitted under another name before the person became known', async () => {
    const { unit } = context;
    const idNumber = newIdNumber(90);
    const byA = await unit.post('/api/additions', addition(idNumber, { name: '林一' }));
    const byB = await unitB.post('/api/additions', addition(idNumber, { name: '林二', effectiveMonth: '202612', ...unitBEntries }));
    expect([byA.status, byB.status]).toEqual([201, 201]);
    await approve(byA.body.id);
    const reduced = await unit.post('/api/reductions', { idNumber, name: '林一', reason: 'resigned' });
    await approve(reduced.body.id);

    const conflict = await reviewer.post(`/api/review/submissions/${byB.body.id}/decision`, { approve: true });
    expect([conflict.status, conflict.body.code]).toEqual([409, 'APPROVAL_CONFLICT']);
    expect(conflict.body.details.fields).toEqual([
      jasmine.objectContaining({ field: `declarations.${byB.body.id}`, code: 'REGISTERED_NAME_MISMATCH' }),
    ]);
    // Still pending, unit B's addition shows the reviewer the person as unit A's approval registered them.
    const stillPending = (await reviewer.get(`/api/review/submissions/${byB.body.id}`)).body;
    expect([stillPending.status, stillPending.registeredPerson.name, stillPending.registeredPerson.mobile]).toEqual([
      'pending',
      '林一',
      '13912345678',
    ]);
    expect((await unitB.get(`/api/insured-persons?q=${idNumber}`)).body.total).toBe(0);
  });

  describe('once unit B has added the person with its own contact and household data', () => {
    let declarationId: number;

    beforeEach(async () => {
      const added = await unitB.post('/api/additions', addition(moved.idNumber, { name: moved.name, effectiveMonth: '202612', ...unitBEntries }));
      expect(added.status).toBe(201);
      declarationId = added.body.id;
    });

    it('shows the reviewer the stored personal data beside what unit B submitted, and applies it only on approval, audited', async () => {
      const detail = (await reviewer.get(`/api/review/submissions/${declarationId}`)).body;
      expect(detail.registeredPerson).toEqual({
        name: moved.name,
        ethnicity: asUnitA.ethnicity,
        hukouType: asUnitA.hukou_type,
        hukouAddress: asUnitA.hukou_address,
        mobile: asUnitA.mobile,
        contactAddress: asUnitA.contact_address,
      });
      expect(detail.payload).toEqual(jasmine.objectContaining(unitBEntries));
      // Unit B sees its own submission only, never what unit A registered.
      const ownView = (await unitB.get(`/api/submissions/${declarationId}`)).body;
      expect(ownView.id).toBe(declarationId);
      expect(ownView.registeredPerson).toBeUndefined();
      expect((await unitB.get(`/api/insured-persons/${moved.personId}`)).status).toBe(404);

      await approve(declarationId);
      const audit = await auditEntriesOf(unitB, 'submission_approved', declarationId);
      expect(audit.length).toBe(1);
      expect(audit[0].before.person).toEqual(jasmine.objectContaining({ mobile: asUnitA.mobile, hukouAddress: asUnitA.hukou_address }));
      expect(audit[0].after.person).toEqual(jasmine.objectContaining({ ...unitBEntries, name: moved.name }));
      const unitBView = (await unitB.get(`/api/insured-persons/${moved.personId}`)).body;
      expect(unitBView.contact).toEqual({ mobile: unitBEntries.mobile, contactAddress: unitBEntries.contactAddress });
      expect(unitBView.basic).toEqual(jasmine.objectContaining({ ethnicity: '回族', hukouType: 'rural', hukouAddress: unitBEntries.hukouAddress }));
    });

    describe('and the reviewer has approved it', () => {
      beforeEach(() => approve(declarationId));

      it("keeps unit A's insured list, search by the name and export as during unit A's employment", async () => {
        const { unit } = context;
        const found = (await unit.get(`/api/insured-persons?q=${encodeURIComponent(moved.name)}`)).body;
        const row = found.items.find((i: { personId: number }) => i.personId === moved.personId);
        expect(row).toEqual(jasmine.objectContaining({ name: moved.name, status: 'suspended', startMonth: unitAStartMonth, endMonth: '202611' }));
        expect(row.insuranceTypes).toEqual(['310', '330', '510']);

        const sheet = await workbookOf(unit, `/api/insured-persons/export?q=${encodeURIComponent(moved.name)}`);
        const at = columnValues(sheet, 2).indexOf(moved.idNumber);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(columnValues(sheet, 1)[at]).toBe(moved.name);
        expect(columnValues(sheet, 6)[at]).toBe(`${unitAStartMonth.slice(0, 4)}-${unitAStartMonth.slice(4)}`);
      });

      it("keeps unit A's detail: its own contact, household data, employment and enrollments only", async () => {
        const { unit } = context;
        const detail = (await unit.get(`/api/insured-persons/${moved.personId}`)).body;
        expect(detail.basic).toEqual(
          jasmine.objectContaining({
            name: moved.name,
            ethnicity: asUnitA.ethnicity,
            hukouType: asUnitA.hukou_type,
            hukouAddress: asUnitA.hukou_address,
          }),
        );
        expect(detail.contact).toEqual({ mobile: asUnitA.mobile, contactAddress: asUnitA.contact_address });
        expect(detail.employment).toEqual(jasmine.objectContaining({ status: 'suspended', startMonth: unitAStartMonth, endMonth: '202611' }));
        // Unit B's enrollments from 202612 and the old resident insurance are not unit A's.
        expect(detail.insurance).toEqual(
          ['310', '330', '510'].map((insuranceType) => ({ insuranceType, startMonth: unitAStartMonth, endMonth: '202611', status: 'suspended' })),
        );
      });

      it("keeps unit A's payment details and their export under the person's name", async () => {
        const { unit } = context;
        const details = (await unit.get(`/api/payments/details?q=${encodeURIComponent(moved.name)}&pageSize=100`)).body;
        const mine = details.items.filter((d: { idNumber: string }) => d.idNumber === moved.idNumber);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.every((d: { name: string }) => d.name === moved.name)).toBeTrue();
        const sheet = await workbookOf(unit, `/api/payments/details/export?q=${encodeURIComponent(moved.name)}`);
        expect(columnValues(sheet, 2)).toContain(moved.name);
      });

      it("applies unit B's approved household registration change to unit B's record, never to unit A's view", async () => {
        const { unit } = context;
        const submitted = await unitB.post(`/api/insured-persons/${moved.personId}/hukou-changes`, {
          hukouType: 'urban',
          hukouAddress: '厦门市湖里区殿前街道',
          ethnicity: '畲族',
        });
        expect(submitted.status).toBe(201);
        expect(submitted.body.payload.before).toEqual({
          hukouType: unitBEntries.hukouType,
          hukouAddress: unitBEntries.hukouAddress,
          ethnicity: unitBEntries.ethnicity,
        });
        await approve(submitted.body.id);
        expect((await unitB.get(`/api/insured-persons/${moved.personId}`)).body.basic).toEqual(
          jasmine.objectContaining({ hukouType: 'urban', hukouAddress: '厦门市湖里区殿前街道', ethnicity: '畲族' }),
        );
        expect((await unit.get(`/api/insured-persons/${moved.personId}`)).body.basic).toEqual(
          jasmine.objectContaining({ hukouType: asUnitA.hukou_type, hukouAddress: asUnitA.hukou_address, ethnicity: asUnitA.ethnicity }),
        );
      });

      it("writes unit B's contact edit to unit B's record, never to unit A's view, whose cached lists stay current", async () => {
        const { hall, unit } = context;
        const versionOf = async (unitIndex: 0 | 1) =>
          Number(
            (
              await hall.db
                .knex('units')
                .where({ id: await unitIdOf(hall, unitIndex) })
                .first('data_version')
            ).data_version,
          );
        const [unitABefore, unitBBefore] = [await versionOf(0), await versionOf(1)];
        const edited = await unitB.send('put', `/api/insured-persons/${moved.personId}/contact`, {
          mobile: '13655556666',
          contactAddress: '厦门市湖里区',
        });
        expect(edited.status).toBe(200);
        expect(edited.body.contact).toEqual({ mobile: '13655556666', contactAddress: '厦门市湖里区' });
        expect((await unit.get(`/api/insured-persons/${moved.personId}`)).body.contact).toEqual({
          mobile: asUnitA.mobile,
          contactAddress: asUnitA.contact_address,
        });
        // Nothing unit A shows changed, so its cached pages need not be dropped; unit B's must be.
        expect(await versionOf(0)).toBe(unitABefore);
        expect(await versionOf(1)).toBeGreaterThan(unitBBefore);
      });
    });
  });
});
