/**
 * The employee number (工号), the field added through the registry alone (common/api/addition-fields.ts):
 * submitted with an addition, stored on the employment when approved, shown in the insured list, its detail
 * and its export, and taken from the template by the importer.
 */
import ExcelJS from 'exceljs';
import type { SheetError } from '@common/api/declarations';
import { addition, fieldsOf, newIdNumber, unitHallPerSpec, unitIdOf } from '../../test/declarations';
import { batchRow, filledTemplate, uploadWorkbook } from '../../test/batch-files';
import { downloadWorkbook } from '../../test/workbooks';

/** The letter of the template's 工号 column: after 参加工作日期 (M), before 参保险种. */
const EMPLOYEE_NUMBER_COLUMN = 'N';

describe('the employee number (工号) of an addition', () => {
  const context = unitHallPerSpec(0);

  it('is trimmed, stored on the employment when approved, and shown in the insured list, the detail and the export', async () => {
    const { hall, unit } = context;
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    const idNumber = newIdNumber(801);

    const submitted = await unit.post('/api/additions', addition(idNumber, { name: '林工号', employeeNumber: '  HR-0042 ' }));
    expect(submitted.status).toBe(201);
    expect(submitted.body.payload.employeeNumber).toBe('HR-0042');
    expect((await reviewer.post(`/api/review/submissions/${submitted.body.id}/decision`, { approve: true })).status).toBe(200);

    const list = await unit.get(`/api/insured-persons?q=${idNumber}`);
    expect(list.body.items.map((p: { employeeNumber: string | null }) => p.employeeNumber)).toEqual(['HR-0042']);
    const personId = list.body.items[0].personId;
    const employment = await hall.db
      .knex('employments')
      .where({ person_id: personId, unit_id: await unitIdOf(hall, 0) })
      .first('employee_number');
    expect(employment.employee_number).toBe('HR-0042');

    const detail = await unit.get(`/api/insured-persons/${personId}`);
    expect(detail.body.employment.employeeNumber).toBe('HR-0042');

    const { res, sheet } = await downloadWorkbook(unit, `/api/insured-persons/export?q=${idNumber}`, 'zh-CN');
    expect(res.status).toBe(200);
    const headers = (sheet.getRow(4).values as ExcelJS.CellValue[]).slice(1);
    const column = headers.indexOf('工号') + 1;
    expect(column)
      .withContext(`headers: ${headers.join(', ')}`)
      .toBeGreaterThan(0);
    expect(sheet.getRow(5).getCell(headers.indexOf('证件号码') + 1).value).toBe(idNumber);
    expect(sheet.getRow(5).getCell(column).value).toBe('HR-0042');
  });

  it('shows no employee number for a person added without one', async () => {
    const { hall, unit } = context;
    const reviewer = await hall.client('en');
    await reviewer.signInReviewer();
    const idNumber = newIdNumber(802);
    const submitted = await unit.post('/api/additions', addition(idNumber));
    expect((await reviewer.post(`/api/review/submissions/${submitted.body.id}/decision`, { approve: true })).status).toBe(200);
    const list = await unit.get(`/api/insured-persons?q=${idNumber}`);
    expect(list.body.items[0].employeeNumber).toBeNull();
  });

  it('refuses more than 20 characters, naming the field', async () => {
    const { unit } = context;
    const res = await unit.post('/api/additions', addition(newIdNumber(803), { employeeNumber: 'E'.repeat(21) }));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['employeeNumber:TOO_LONG']);
    const twenty = await unit.post('/api/additions', addition(newIdNumber(804), { employeeNumber: 'E'.repeat(20) }));
    expect(twenty.status).toBe(201);
  });

  it('has a column in the template that the importer reads, refusing 21 characters by sheet, row and column', async () => {
    const { unit } = context;
    const { res, sheet } = await downloadWorkbook(unit, '/api/templates/addition', 'zh-CN');
    expect(res.status).toBe(200);
    expect(sheet.getCell(`${EMPLOYEE_NUMBER_COLUMN}1`).value).toBe('工号');

    const file = await filledTemplate('addition', [
      batchRow(newIdNumber(811), { employeeNumber: 'A-7' }),
      batchRow(newIdNumber(812), { employeeNumber: 'B'.repeat(21) }),
    ]);
    const upload = await uploadWorkbook(unit, 'addition', file);
    expect(upload.status).toBe(200);
    expect(upload.body.validRows).toBe(1);
    expect(upload.body.errors.map((e: SheetError) => [e.sheet, e.row, e.column, e.columnTitle, e.code])).toEqual([
      ['增员', 3, EMPLOYEE_NUMBER_COLUMN, '工号', 'TOO_LONG'],
    ]);

    const submitted = await unit.post('/api/batches', { token: upload.body.token });
    expect(submitted.status).toBe(201);
    const pending = await unit.get(`/api/submissions?batchId=${submitted.body.batchId}`);
    expect(pending.body.items.map((d: { payload: { employeeNumber?: string } }) => d.payload.employeeNumber)).toEqual(['A-7']);
  });
});
