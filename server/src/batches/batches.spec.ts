import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { DeclarationKind, SheetError } from '@common/api/declarations';
import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { activeEmployees, addition, newIdNumber, residents } from '../../test/declarations';
import { batchRow, bulkySheet, filledTemplate, unzip, uploadWorkbook, XLSX_TYPE, zip, type RowValues } from '../../test/batch-files';
import { TEMPLATES } from '../../../templates';
import { DEFAULT_SPOOL_ROOT, processSpoolFolder } from '../workers/spool-folder';

const VALID_ID = '11010519491231002X';
const ZH = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../client/public/i18n/zh-CN.json'), 'utf8'));

const person = (sequence: number, overrides: RowValues = {}) => batchRow(newIdNumber(sequence), overrides);
const upload = (client: HallClient, kind: DeclarationKind, file: Buffer, fileName?: string) => uploadWorkbook(client, kind, file, fileName);

async function download(client: HallClient, url: string): Promise<{ res: Awaited<ReturnType<HallClient['get']>>; workbook: ExcelJS.Workbook }> {
  const res = await client.agent
    .get(url)
    .set('Accept-Language', client.lang)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const workbook = new ExcelJS.Workbook();
  if (res.status === 200) await workbook.xlsx.load(res.body);
  return { res, workbook };
}

const at = (errors: SheetError[], row: number, column?: string) =>
  errors.filter((e) => e.row === row && (column === undefined || e.column === column));

describe('batches from templates', () => {
  let hall: TestHall;
  let admin: HallClient;

  beforeAll(async () => {
    hall = await createTestHall();
  });
  afterAll(() => hall.close());
  beforeEach(async () => {
    admin = await hall.client();
    await admin.signInUnitAdmin(0);
  });

  it('serves the addition template: red required headers, dropdowns, text-formatted IDs, instructions and a hidden marker', async () => {
    const { res, workbook } = await download(admin, '/api/templates/addition');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('增员-模板-v2')}.xlsx`);

    expect(workbook.worksheets.map((s) => s.name)).toEqual(['增员', '填写说明', '_template']);
    const [data, instructions, marker] = workbook.worksheets;
    expect(marker.state).toBe('veryHidden');
    expect(marker.getRow(1).values).toEqual([undefined, 'unit-hall-template', 'unit-hall.addition', 2, 'zh-CN']);

    const columns = TEMPLATES.addition.columns;
    columns.forEach((column, i) => {
      const cell = data.getRow(1).getCell(i + 1);
      expect(cell.value)
        .withContext(column.key)
        .toBe((column.required ? '*' : '') + column.header['zh-CN']);
      expect(cell.font.color?.argb)
        .withContext(column.key)
        .toBe(column.required ? 'FFC00000' : undefined);
    });
    const idColumn = columns.findIndex((c) => c.key === 'idNumber') + 1;
    expect(data.getColumn(idColumn).numFmt).toBe('@');
    expect(data.getColumn(columns.findIndex((c) => c.key === 'mobile') + 1).numFmt).toBe('@');

    const hukou = columns.findIndex((c) => c.key === 'hukouType') + 1;
    const validation = data.getCell(5000, hukou).dataValidation;
    expect(validation.type).toBe('list');
    const [sheetName, range] = validation.formulae[0].split('!');
    expect(sheetName).toBe("'_template'");
    const [from, to] = range.replace(/\$/g, '').split(':');
    const listed = [];
    for (let r = Number(marker.getCell(from).row); r <= Number(marker.getCell(to).row); r++) listed.push(marker.getCell(r, hukou).value);
    expect(listed).toEqual(['城镇', '农村']);

    const explained = instructions.getColumn(2).values.map(String);
    for (const column of columns) expect(explained).toContain((column.required ? '*' : '') + column.header['zh-CN']);
  });

  it('writes the template in the caller’s language', async () => {
    const english = await hall.client('en');
    await english.signInUnitAdmin(0);
    const { workbook } = await download(english, '/api/templates/reduction');
    expect(workbook.worksheets[0].name).toBe('Reductions');
    expect(workbook.worksheets[0].getRow(1).values).toEqual([undefined, '*ID number', '*Name', '*Reason', 'Remark']);
    expect(workbook.worksheets[2].getRow(1).values).toEqual([undefined, 'unit-hall-template', 'unit-hall.reduction', 1, 'en']);
  });

  it('validates a file with good and bad rows, naming every problem by row and column', async () => {
    const file = await filledTemplate('addition', [
      person(1),
      person(2, { name: '', mobile: '12345', hukouType: '城里' }),
      {},
      person(3, { idNumber: '340524198001010013', effectiveMonth: '2027-05', wageFen: '12.345' }),
      person(4, { wageFen: 4800.5, effectiveMonth: new Date(Date.UTC(2026, 11, 1)), insuranceTypes: '职工基本医疗保险、生育保险' }),
      person(5, { effectiveMonth: '明年', workStartDate: 'yesterday' }),
      person(6, { idNumber: 110105194912310020 }),
      person(7, { idNumber: '1.10105E+17' }),
    ]);
    const res = await upload(admin, 'addition', file);
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toEqual(jasmine.objectContaining({ kind: 'addition', fileName: '增员名单.xlsx', rows: 7, validRows: 2, invalidRows: 5 }));
    expect(body.token).toMatch(/^[\w-]{20,}$/);
    const errors = body.errors as SheetError[];
    expect(errors.every((e) => e.sheet === '增员')).toBeTrue();

    expect(at(errors, 2)).toEqual([]);
    expect(at(errors, 3).map((e) => [e.column, e.columnTitle, e.code])).toEqual([
      ['A', '姓名', 'REQUIRED'],
      ['E', '户口性质', 'NOT_IN_LIST'],
      ['G', '手机号码', 'MOBILE_FORMAT'],
    ]);
    expect(at(errors, 3, 'E')[0].message).toBe(ZH.fieldErrors.NOT_IN_LIST);
    expect(at(errors, 4)).toEqual([]);
    expect(at(errors, 5).map((e) => [e.column, e.code])).toEqual([
      ['C', 'ID_NUMBER_CHECKSUM'],
      ['I', 'EFFECTIVE_MONTH_NOT_ALLOWED'],
      ['J', 'AMOUNT_FORMAT'],
    ]);
    expect(at(errors, 6)).toEqual([]);
    expect(at(errors, 7).map((e) => [e.column, e.code])).toEqual([
      ['I', 'MONTH_FORMAT'],
      ['M', 'DATE_FORMAT'],
    ]);
    expect(at(errors, 8).map((e) => [e.column, e.code])).toEqual([['C', 'ID_NUMBER_EXCEL_NUMBER']]);
    expect(at(errors, 9).map((e) => [e.column, e.code])).toEqual([['C', 'ID_NUMBER_EXCEL_NUMBER']]);
    expect(at(errors, 9)[0].message).toContain('1.10105E+17');

    const stored = await hall.db.knex('batch_uploads').where({ token: body.token }).first();
    const valid = JSON.parse(stored.valid_payload);
    expect(valid.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([2, 6]);
    expect(valid[1].input).toEqual(
      jasmine.objectContaining({ wageFen: 480_050, effectiveMonth: '202612', hukouType: 'urban', idType: '01', insuranceTypes: ['310', '510'] }),
    );
    expect(valid[0].input.wageFen).toBe(600_000);
  });

  it('reports the month rules and the unit’s records through the declaration rules, in the caller’s language', async () => {
    const [employee] = await activeEmployees(hall, 0);
    const english = await hall.client('en');
    await english.signInUnitAdmin(0);
    const file = await filledTemplate('addition', [person(20, { effectiveMonth: '2027-05' }), person(21, { idNumber: employee.idNumber })]);
    const res = await upload(english, 'addition', file);
    expect(res.body.validRows).toBe(0);
    expect(at(res.body.errors, 2).map((e: SheetError) => [e.column, e.code])).toEqual([['I', 'EFFECTIVE_MONTH_NOT_ALLOWED']]);
    expect(at(res.body.errors, 3).map((e: SheetError) => [e.column, e.code, e.message])).toEqual([
      ['C', 'ALREADY_INSURED_HERE', 'This person is already insured by this unit'],
    ]);
  });

  it('reports a row’s schema errors and its rule errors together, all four faults in one upload', async () => {
    const file = await filledTemplate('addition', [person(25, { name: '', mobile: '12345', wageFen: 'abc', effectiveMonth: '2026-10' })]);
    const res = await upload(admin, 'addition', file);
    expect(res.body.validRows).toBe(0);
    expect(at(res.body.errors, 2).map((e: SheetError) => [e.column, e.code])).toEqual([
      ['A', 'REQUIRED'],
      ['G', 'MOBILE_FORMAT'],
      ['I', 'EFFECTIVE_MONTH_NOT_ALLOWED'],
      ['J', 'AMOUNT_FORMAT'],
    ]);
  });

  it('reads the dates of a workbook saved in Excel’s 1904 date system as Excel shows them', async () => {
    const file = await filledTemplate(
      'addition',
      [person(26, { workStartDate: new Date(Date.UTC(2020, 6, 1)), effectiveMonth: new Date(Date.UTC(2026, 11, 1)) })],
      {
        edit: (workbook) => {
          workbook.properties.date1904 = true;
        },
      },
    );
    expect(
      unzip(file)
        .find((p) => p.name === 'xl/workbook.xml')!
        .data.toString(),
    ).toContain('date1904="1"');
    const res = await upload(admin, 'addition', file);
    expect(res.body.errors).toEqual([]);
    const stored = await hall.db.knex('batch_uploads').where({ token: res.body.token }).first();
    const [row] = JSON.parse(stored.valid_payload);
    expect([row.input.workStartDate, row.input.effectiveMonth]).toEqual(['2020-07-01', '202612']);
  });

  it('words each fault so the user can act on it', async () => {
    const withSpace = newIdNumber(27).slice(0, 9) + '\u200b' + newIdNumber(27).slice(9);
    const file = await filledTemplate('addition', [
      person(28, { name: { formula: 'B9&""' } as ExcelJS.CellFormulaValue }),
      person(29, { effectiveMonth: '2027-01' }),
      batchRow(withSpace),
      person(30, { wageFen: 0 }),
      person(31, { wageFen: '0' }),
      batchRow('', { idNumber: 110105491231002 }),
    ]);
    const english = await hall.client('en');
    await english.signInUnitAdmin(0);
    const res = await upload(english, 'addition', file);
    const fault = (row: number) => at(res.body.errors, row).map((e: SheetError) => [e.column, e.code, e.message]);
    expect(fault(2)).toEqual([
      ['A', 'FORMULA_NO_VALUE', 'This formula has no computed value: open the file in Excel and save it, then upload it again'],
    ]);
    expect(fault(3)).toEqual([
      [
        'I',
        'EFFECTIVE_MONTH_NOT_ALLOWED',
        'The effective month may only be 2026-11, 2026-12 (this month or next; after the cut-off day, next month only)',
      ],
    ]);
    expect(fault(4)).toEqual([
      ['C', 'ID_NUMBER_INVISIBLE_CHARACTER', 'The ID number contains an invisible character (such as a zero-width space); type it again'],
    ]);
    expect(fault(5)).toEqual([['J', 'AMOUNT_NOT_POSITIVE', 'Must be more than 0']]);
    expect(fault(6)).toEqual(fault(5));
    expect(fault(7)).toEqual([['C', 'ID_NUMBER_LEGACY_15', 'Use the 18-digit ID number (15-digit numbers are not accepted)']]);
  });

  it('applies the name rule to every row, naming sheet, row and column, and stores a name with a no-break space normalised', async () => {
    const file = await filledTemplate('addition', [
      person(41, { name: '陈新员3' }),
      person(42, { name: '+陈新员' }),
      person(43, { name: '陈\u200b新员' }),
      person(44, { name: 'Anne-Marie\u00a0O’Brien' }),
      person(45, { name: '买买提·艾力' }),
    ]);
    const english = await hall.client('en');
    await english.signInUnitAdmin(0);
    const res = await upload(english, 'addition', file);
    const faults = res.body.errors.map((e: SheetError) => [e.sheet, e.row, e.column, e.code, e.message]);
    const sheet = res.body.errors[0].sheet;
    expect(sheet).toBeTruthy();
    const format = 'A name is letters, with spaces, a middle dot (·), apostrophes or hyphens between them; no digits or symbols such as = + @';
    expect(faults).toEqual([
      [sheet, 2, 'A', 'NAME_FORMAT', format],
      [sheet, 3, 'A', 'NAME_FORMAT', format],
      [sheet, 4, 'A', 'NAME_INVISIBLE_CHARACTER', 'The name contains an invisible or control character (such as a zero-width space); type it again'],
    ]);
    expect(res.body.validRows).toBe(2);
    const stored = await hall.db.knex('batch_uploads').where({ token: res.body.token }).first();
    expect(JSON.parse(stored.valid_payload).map((row: { input: { name: string } }) => row.input.name)).toEqual(["Anne-Marie O'Brien", '买买提·艾力']);
  });

  it('names a removed column as missing instead of calling every later header renamed', async () => {
    const file = await filledTemplate('addition', [person(32)], {
      edit: (workbook) => {
        workbook.worksheets[0].spliceColumns(4, 1);
      },
    });
    const res = await upload(admin, 'addition', file);
    expect(res.body.errors.map((e: SheetError) => [e.row, e.column, e.code, e.message])).toEqual([
      [1, 'D', 'HEADER_MISSING', '缺少列“民族”，请使用大厅下载的模板'],
    ]);
  });

  it('shows what each valid row will become: the clamped base, the monthly amounts, a resident insurance that ends; paged', async () => {
    const [resident] = await residents(hall);
    const file = await filledTemplate('addition', [
      person(33, { wageFen: '3000' }),
      batchRow(resident.idNumber, { name: resident.name, effectiveMonth: '2026-12' }),
      person(34, { wageFen: 30000 }),
      person(35, { mobile: 'x' }),
    ]);
    const res = await upload(admin, 'addition', file);
    expect(res.body.validRows).toBe(3);
    const masked = (id: string) => id.slice(0, 6) + '********' + id.slice(-4);
    // Demo rates of the base: 310 unit 7.5 % and person 2 %, 330 and 510 unit 0.5 % each; floor 4,800, ceiling 24,000 yuan.
    const floorRow = {
      row: 2,
      name: '陈新员',
      idNumberMasked: masked(newIdNumber(33)),
      effectiveMonth: '202611',
      wageFen: 300_000,
      baseFen: 480_000,
      unitFen: 40_800,
      personFen: 9_600,
      residentInsuranceEndsWith: null,
    };
    const residentRow = {
      row: 3,
      name: resident.name,
      idNumberMasked: masked(resident.idNumber),
      effectiveMonth: '202612',
      wageFen: 600_000,
      baseFen: 600_000,
      unitFen: 51_000,
      personFen: 12_000,
      residentInsuranceEndsWith: '202612',
    };
    const ceilingRow = {
      row: 4,
      name: '陈新员',
      idNumberMasked: masked(newIdNumber(34)),
      effectiveMonth: '202611',
      wageFen: 3_000_000,
      baseFen: 2_400_000,
      unitFen: 204_000,
      personFen: 48_000,
      residentInsuranceEndsWith: null,
    };
    expect(res.body.preview).toEqual({ items: [floorRow, residentRow, ceilingRow], total: 3, page: 0, pageSize: 20 });

    const second = await admin.get(`/api/batches/validations/${res.body.token}/preview?page=1&pageSize=2`);
    expect([second.status, second.body]).toEqual([200, { items: [ceilingRow], total: 3, page: 1, pageSize: 2 }]);

    const otherUnit = await hall.client();
    await otherUnit.signInUnitAdmin(1);
    expect((await otherUnit.get(`/api/batches/validations/${res.body.token}/preview`)).status).toBe(404);
  });

  it('flags every row of an ID number that occurs twice in the file, naming the other row', async () => {
    const file = await filledTemplate('addition', [person(30), person(31), person(30, { name: '陈重复' })]);
    const res = await upload(admin, 'addition', file);
    expect(res.body.validRows).toBe(1);
    expect(res.body.errors.map((e: SheetError) => [e.row, e.column, e.code, e.message])).toEqual([
      [2, 'C', 'DUPLICATE_IN_FILE', ZH.fieldErrors.DUPLICATE_IN_FILE.replace('{{row}}', '4')],
      [4, 'C', 'DUPLICATE_IN_FILE', ZH.fieldErrors.DUPLICATE_IN_FILE.replace('{{row}}', '2')],
    ]);
  });

  it('checks the header before any row and refuses another template', async () => {
    const renamed = await filledTemplate('addition', [person(40)], {
      edit: (workbook) => {
        workbook.worksheets[0].getCell('C1').value = '身份证';
        workbook.worksheets[0].getCell('G1').value = null;
      },
    });
    const res = await upload(admin, 'addition', renamed);
    expect(res.status).toBe(200);
    expect(res.body.validRows).toBe(0);
    expect(res.body.errors.map((e: SheetError) => [e.row, e.column, e.code, e.message])).toEqual([
      [1, 'C', 'HEADER_UNEXPECTED', '列标题应为“*证件号码”'],
      [1, 'G', 'HEADER_MISSING', '缺少列“*手机号码”，请使用大厅下载的模板'],
    ]);

    const reduction = await filledTemplate('reduction', [{ idNumber: VALID_ID, name: '张三', reason: '辞职' }]);
    const wrong = await upload(admin, 'addition', reduction);
    expect([wrong.status, wrong.body.code]).toEqual([422, 'UPLOAD_WRONG_TEMPLATE']);

    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('增员').addRow(['*姓名']);
    const unmarked = await upload(admin, 'addition', Buffer.from(await plain.xlsx.writeBuffer()));
    expect([unmarked.status, unmarked.body.code]).toEqual([422, 'UPLOAD_WRONG_TEMPLATE']);
  });

  it('refuses what is not a plain .xlsx before parsing it', async () => {
    const notZip = await upload(admin, 'addition', Buffer.from('name,id\n张三,110105194912310021\n'));
    expect([notZip.status, notZip.body.code]).toEqual([415, 'UPLOAD_NOT_XLSX']);

    const parts = unzip(await filledTemplate('addition', [person(50)]));
    const withMacros = zip([
      ...parts.map((p) =>
        p.name === '[Content_Types].xml'
          ? {
              ...p,
              data: Buffer.from(
                p.data
                  .toString()
                  .replace('sheet.main+xml', 'sheet.macroEnabled.main+xml')
                  .replace('spreadsheetml.sheet.macro', 'ms-excel.sheet.macro'),
              ),
            }
          : p,
      ),
      { name: 'xl/vbaProject.bin', data: Buffer.from('macro') },
    ]);
    const macros = await upload(admin, 'addition', withMacros, 'book.xlsm');
    expect([macros.status, macros.body.code]).toEqual([415, 'UPLOAD_MACROS']);

    const noWorkbookType = zip(parts.map((p) => (p.name === '[Content_Types].xml' ? { ...p, data: Buffer.from('<Types/>') } : p)));
    expect((await upload(admin, 'addition', noWorkbookType)).body.code).toBe('UPLOAD_NOT_XLSX');

    // 64 MB of one byte deflates to about 64 KB: a thousand to one.
    const bomb = zip([...parts, { name: 'xl/media/padding.bin', data: Buffer.alloc(64 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const bombed = await upload(admin, 'addition', bomb);
    expect([bombed.status, bombed.body.code]).toEqual([422, 'UPLOAD_ZIP_BOMB']);

    const lying = zip([...parts, { name: 'xl/media/a.bin', data: Buffer.alloc(10), declaredSize: 250 * 1024 * 1024 }]);
    expect((await upload(admin, 'addition', lying)).body.code).toBe('UPLOAD_ZIP_BOMB');

    const understated = zip(parts.map((p) => (p.name.startsWith('xl/worksheets/sheet1') ? { ...p, declaredSize: 100 } : p)));
    expect((await upload(admin, 'addition', understated)).body.code).toBe('UPLOAD_ZIP_BOMB');

    // Left out of the central directory, but exceljs's streaming reader walks the local headers.
    const hidden = zip([...parts, { name: 'xl/worksheets/sheet4.xml', data: bulkySheet(8_000), hidden: true }]);
    const hiddenSheet = await upload(admin, 'addition', hidden);
    expect([hiddenSheet.status, hiddenSheet.body.code]).toEqual([422, 'UPLOAD_ZIP_BOMB']);

    const crowded = zip([...parts, ...Array.from({ length: 2_000 }, (_, i) => ({ name: `xl/media/m${i}.bin`, data: Buffer.from([i % 256]) }))]);
    expect((await upload(admin, 'addition', crowded)).body.code).toBe('UPLOAD_ZIP_BOMB');

    const large = await upload(admin, 'addition', Buffer.alloc(10 * 1024 * 1024 + 1, 0x50));
    expect([large.status, large.body.code, large.body.message]).toEqual([413, 'UPLOAD_TOO_LARGE', '文件过大，最大 10 MB。']);
  });

  it('leaves nothing of an upload on disk, read or refused mid-parse', async () => {
    const parts = unzip(await filledTemplate('addition', [person(95)]));
    const broken = zip(parts.map((p) => (p.name === 'xl/worksheets/sheet2.xml' ? { ...p, data: Buffer.from('<worksheet><sheetData><<<') } : p)));
    expect((await upload(admin, 'addition', zip(parts))).status).toBe(200);
    expect((await upload(admin, 'addition', broken)).body.code).toBe('UPLOAD_NOT_XLSX');
    const spooled = readdirSync(processSpoolFolder(DEFAULT_SPOOL_ROOT), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(spooled.map((e) => e.name)).toEqual([]);
  });

  it('refuses more than 20,000 data rows, with the counts', async () => {
    const def = TEMPLATES.reduction;
    const rows = Array.from({ length: def.maxRows + 1 }, (_, i) => ({ idNumber: newIdNumber(i % 1000), name: '李四', reason: '辞职' }));
    const res = await upload(admin, 'reduction', await filledTemplate('reduction', rows));
    expect([res.status, res.body.code]).toEqual([422, 'UPLOAD_TOO_MANY_ROWS']);
    expect(res.body.message).toBe('每个文件最多 20000 行数据，本文件有 20001 行。请拆分后上传。');
  });

  it('refuses more rows than allowed with a wrong header, reporting both', async () => {
    const def = TEMPLATES.reduction;
    const rows = Array.from({ length: def.maxRows + 1 }, (_, i) => ({ idNumber: newIdNumber(i % 1000), name: '李四', reason: '辞职' }));
    const file = await filledTemplate('reduction', rows, {
      edit: (workbook) => {
        workbook.worksheets[0].getCell('B1').value = '名字';
      },
    });
    const res = await upload(admin, 'reduction', file);
    expect([res.status, res.body.code]).toEqual([422, 'UPLOAD_TOO_MANY_ROWS_BAD_HEADER']);
    expect(res.body.message).toBe('每个文件最多 20000 行数据，本文件有 20001 行。请拆分后上传。表头也与模板不符，请检查这些列：B (*姓名)。');
  });

  it('refuses a data sheet that reaches column XFD, the last one, where no error column fits', async () => {
    const wide = await filledTemplate('addition', [person(90, { mobile: '12345' })], {
      edit: (workbook) => {
        workbook.worksheets[0].getCell('XFD3').value = '备注';
      },
    });
    const res = await upload(admin, 'addition', wide);
    expect([res.status, res.body.code, res.body.message]).toEqual([
      422,
      'UPLOAD_SHEET_TOO_WIDE',
      ZH.errors.UPLOAD_SHEET_TOO_WIDE.replace('{{column}}', 'XFD'),
    ]);

    // A dry run stored before this check gets the same answer from its annotated copy, not a 500.
    const { token: stored } = (await upload(admin, 'addition', await filledTemplate('addition', [person(92, { mobile: '12345' })]))).body;
    await hall.db.knex('batch_uploads').where({ token: stored }).update({ file: wide });
    const old = await admin.get(`/api/batches/validations/${stored}/annotated`);
    expect([old.status, old.body.code]).toEqual([422, 'UPLOAD_SHEET_TOO_WIDE']);

    // One column short of the edge leaves room for the error column.
    const almost = await filledTemplate('addition', [person(91, { mobile: '12345' })], {
      edit: (workbook) => {
        workbook.worksheets[0].getCell('XFC3').value = '备注';
      },
    });
    const { token } = (await upload(admin, 'addition', almost)).body;
    const { res: annotated, workbook } = await download(admin, `/api/batches/validations/${token}/annotated`);
    expect(annotated.status).toBe(200);
    expect(workbook.getWorksheet('增员')!.getCell('XFD1').value).toBe('错误说明');
  });

  it('gives the user’s workbook back with an error column and the bad cells marked, to its own unit only', async () => {
    const file = await filledTemplate('addition', [person(60), person(61, { mobile: '12345', wageFen: 'abc' })]);
    const english = await hall.client('en');
    await english.signInUnitAdmin(0);
    const { token } = (await upload(admin, 'addition', file)).body;

    const { res, workbook } = await download(english, `/api/batches/validations/${token}/annotated`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('Errors');
    const sheet = workbook.getWorksheet('增员')!;
    const errorColumn = TEMPLATES.addition.columns.length + 1;
    expect(sheet.getCell(1, errorColumn).value).toBe('Errors');
    expect(sheet.getCell(2, errorColumn).value).toBeNull();
    expect(String(sheet.getCell(3, errorColumn).value).split('\n')).toEqual([
      'G 手机号码: Enter an 11-digit mainland mobile number',
      'J 月工资（元）: Enter an amount with at most two decimals',
    ]);
    expect((sheet.getCell('G3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(sheet.getCell('G3').note).toBe('Enter an 11-digit mainland mobile number');
    expect(sheet.getCell('A3').note).toBeUndefined();
    expect((sheet.getCell('G2').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');
    expect((sheet.getCell('G4').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');

    // Fixed and uploaded again, the annotated copy keeps a single error column.
    sheet.getCell('G3').value = '13912345679';
    const again = await upload(admin, 'addition', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(again.body.errors.map((e: SheetError) => e.column)).toEqual(['J']);
    const second = await download(admin, `/api/batches/validations/${again.body.token}/annotated`);
    const secondSheet = second.workbook.getWorksheet('增员')!;
    expect(secondSheet.getCell(1, errorColumn).value).toBe('错误说明');
    expect(secondSheet.getCell(1, errorColumn + 1).value).toBeNull();
    expect(secondSheet.getCell('G3').note).toBeUndefined();

    const otherUnit = await hall.client();
    await otherUnit.signInUnitAdmin(1);
    expect((await download(otherUnit, `/api/batches/validations/${token}/annotated`)).res.status).toBe(404);
  });

  it('answers a file of many problems with the first 100 and their count, pages the rest, and marks every one in the annotated copy', async () => {
    // Two problems on each of 60 rows: the mobile number (G) and the wage (J).
    const rows = Array.from({ length: 60 }, (_, i) => person(300 + i, { mobile: '12345', wageFen: 'abc' }));
    const res = await upload(admin, 'addition', await filledTemplate('addition', rows));
    expect([res.body.rows, res.body.invalidRows, res.body.errorCount, res.body.errors.length]).toEqual([60, 60, 120, 100]);
    const located = (errors: SheetError[]) => errors.map((e) => `${e.row}${e.column}`);
    expect(located(res.body.errors).slice(0, 3)).toEqual(['2G', '2J', '3G']);
    expect(located(res.body.errors).at(-1)).toBe('51J');

    const english = await hall.client('en');
    await english.signInUnitAdmin(0);
    const page = async (client: HallClient, query: string) => (await client.get(`/api/batches/validations/${res.body.token}/errors?${query}`)).body;
    const second = await page(english, 'page=1&pageSize=50');
    expect([second.total, second.page, second.pageSize, second.items.length]).toEqual([120, 1, 50, 50]);
    expect(second.items[0]).toEqual({
      sheet: '增员',
      row: 27,
      column: 'G',
      columnTitle: '手机号码',
      code: 'MOBILE_FORMAT',
      message: 'Enter an 11-digit mainland mobile number',
    });
    const last = await page(admin, 'page=2&pageSize=50');
    expect(located(last.items)).toEqual(Array.from({ length: 10 }, (_, i) => [`${52 + i}G`, `${52 + i}J`]).flat());
    expect(last.items[1].message).toBe(ZH.fieldErrors.AMOUNT_FORMAT);
    expect((await page(admin, 'page=3&pageSize=50')).items).toEqual([]);

    const otherUnit = await hall.client();
    await otherUnit.signInUnitAdmin(1);
    expect((await otherUnit.get(`/api/batches/validations/${res.body.token}/errors`)).status).toBe(404);

    const { workbook } = await download(admin, `/api/batches/validations/${res.body.token}/annotated`);
    const sheet = workbook.getWorksheet('增员')!;
    const marked: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if ((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFFC7CE' && cell.note) marked.push(cell.address);
      }),
    );
    expect(marked).toEqual(Array.from({ length: 60 }, (_, i) => [`G${i + 2}`, `J${i + 2}`]).flat());
    expect(String(sheet.getCell(61, TEMPLATES.addition.columns.length + 1).value).split('\n')).toEqual([
      `G 手机号码: ${ZH.fieldErrors.MOBILE_FORMAT}`,
      `J 月工资（元）: ${ZH.fieldErrors.AMOUNT_FORMAT}`,
    ]);
  });

  it('pages and annotates a dry run stored before its problems were kept as tuples', async () => {
    const { token } = (await upload(admin, 'addition', await filledTemplate('addition', [person(400, { mobile: '12345' })]))).body;
    const earlier = { sheet: '增员', errors: [{ sheet: '增员', row: 2, column: 'G', columnTitle: '手机号码', code: 'MOBILE_FORMAT' }] };
    await hall.db
      .knex('batch_uploads')
      .where({ token })
      .update({ errors: JSON.stringify(earlier) });

    const page = (await admin.get(`/api/batches/validations/${token}/errors`)).body;
    expect(page.items.map((e: SheetError) => [e.row, e.column, e.columnTitle, e.message])).toEqual([
      [2, 'G', '手机号码', ZH.fieldErrors.MOBILE_FORMAT],
    ]);
    const { workbook } = await download(admin, `/api/batches/validations/${token}/annotated`);
    expect(workbook.getWorksheet('增员')!.getCell('G2').note).toBe(ZH.fieldErrors.MOBILE_FORMAT);
  });

  it('submits the valid rows as one batch of pending declarations, once', async () => {
    const file = await filledTemplate('addition', [person(70), person(71, { mobile: 'x' }), person(72), person(73)]);
    const { token, validRows } = (await upload(admin, 'addition', file)).body;
    expect(validRows).toBe(3);

    const submit = (key: string) => admin.agent.post('/api/batches').set('X-XSRF-TOKEN', admin.xsrf).set('Idempotency-Key', key).send({ token });
    const res = await submit('batch-key-1');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ batchId: jasmine.any(Number), declarations: 3 });

    const batch = await hall.db.knex('batches').where({ id: res.body.batchId }).first();
    expect(batch).toEqual(jasmine.objectContaining({ type: 'addition', file_name: '增员名单.xlsx', row_count: 3 }));
    const declarations = await hall.db.knex('declarations').where({ batch_id: res.body.batchId }).orderBy('row_number');
    expect(declarations.map((d) => [d.status, d.row_number, d.id_number])).toEqual([
      ['pending', 2, newIdNumber(70)],
      ['pending', 4, newIdNumber(72)],
      ['pending', 5, newIdNumber(73)],
    ]);

    const replay = await submit('batch-key-1');
    expect([replay.status, replay.body, replay.headers['idempotent-replayed']]).toEqual([201, res.body, 'true']);
    const twice = await submit('batch-key-2');
    expect([twice.status, twice.body.code]).toEqual([409, 'BATCH_ALREADY_SUBMITTED']);
    expect(twice.body.message).toBe(`该文件的有效行已作为批次 ${res.body.batchId} 提交。如需再次提交，请重新校验文件。`);
    expect(await hall.db.knex('declarations').where({ batch_id: res.body.batchId }).count({ n: '*' }).first()).toEqual({ n: 3 } as never);
  });

  it('refuses a dry run the records have overtaken, submitting nothing and naming its sheet rows', async () => {
    const file = await filledTemplate('addition', [person(74), person(75, { mobile: 'x' }), person(76)]);
    const { token, validRows } = (await upload(admin, 'addition', file)).body;
    expect(validRows).toBe(2);
    // Meanwhile the person of sheet row 4 is submitted on their own.
    expect((await admin.post('/api/additions', addition(newIdNumber(76)))).status).toBe(201);

    const english = await hall.client('en');
    await english.signInUnitAdmin(0);
    const res = await english.post('/api/batches', { token });
    expect([res.status, res.body.code]).toEqual([409, 'BATCH_VALIDATION_STALE']);
    expect(res.body.message).toContain('sheet rows 4 ');
    expect(res.body.details.fields.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual([
      ['rows.4.idNumber', 'DECLARATION_PENDING'],
    ]);
    expect(
      await hall.db
        .knex('declarations')
        .whereIn('id_number', [newIdNumber(74), newIdNumber(76)])
        .count({ n: '*' })
        .first(),
    ).toEqual({
      n: 1,
    } as never);
  });

  it('stores an ID number typed with a lowercase check character x in upper case, so the same person is one person', async () => {
    const file = await filledTemplate('addition', [batchRow('11010519491231010x')]);
    const { token, validRows } = (await upload(admin, 'addition', file)).body;
    expect(validRows).toBe(1);
    const res = await admin.post('/api/batches', { token });
    expect(res.status).toBe(201);
    const [stored] = await hall.db.knex('declarations').where({ batch_id: res.body.batchId }).select('id_number', 'payload');
    expect([stored.id_number, JSON.parse(stored.payload).idNumber]).toEqual(['11010519491231010X', '11010519491231010X']);

    const again = (await upload(admin, 'addition', await filledTemplate('addition', [batchRow('11010519491231010X')]))).body;
    expect(again.errors.map((e: SheetError) => [e.row, e.code])).toEqual([[2, 'ALREADY_SUBMITTED_IN_BATCH']]);
  });

  it('reports rows of a re-uploaded file that were already submitted, naming the batch and its row', async () => {
    const file = await filledTemplate('addition', [person(36), person(37, { mobile: 'x' })]);
    const { token } = (await upload(admin, 'addition', file)).body;
    const { batchId } = (await admin.post('/api/batches', { token })).body;
    const single = await admin.post('/api/additions', addition(newIdNumber(38)));
    expect(single.status).toBe(201);

    const fixed = await filledTemplate('addition', [person(36), person(37), person(38)]);
    const again = await upload(admin, 'addition', fixed);
    expect(again.body.errors.map((e: SheetError) => [e.row, e.column, e.code, e.message])).toEqual([
      [2, 'C', 'ALREADY_SUBMITTED_IN_BATCH', `已在批次 ${batchId} 第 2 行提交，正在等待审核`],
      [4, 'C', 'PENDING_AS_SUBMISSION', `该人员已有待审核的申报（申报编号 ${single.body.id}）`],
    ]);
    expect(again.body.validRows).toBe(1);
  });

  it('refuses to submit an unknown, old or empty validation', async () => {
    const unknown = await admin.post('/api/batches', { token: 'x'.repeat(32) });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'BATCH_VALIDATION_EXPIRED']);

    const nothing = (await upload(admin, 'addition', await filledTemplate('addition', [person(80, { name: '' })]))).body;
    expect((await admin.post('/api/batches', { token: nothing.token })).body.code).toBe('BATCH_NOTHING_VALID');

    const good = (await upload(admin, 'addition', await filledTemplate('addition', [person(81)]))).body;
    const dayAndHourAgo = new Date(hall.clock.now().getTime() - 25 * 60 * 60 * 1000).toISOString();
    await hall.db.knex('batch_uploads').where({ token: good.token }).update({ created_at: dayAndHourAgo });
    const old = await admin.post('/api/batches', { token: good.token });
    expect([old.status, old.body.code]).toEqual([410, 'BATCH_VALIDATION_EXPIRED']);
  });

  it('submits a reduction batch', async () => {
    const [first, second] = await activeEmployees(hall, 0);
    const file = await filledTemplate('reduction', [
      { idNumber: first.idNumber, name: first.name, reason: '辞职' },
      { idNumber: second.idNumber, name: '别人', reason: 'retired' },
    ]);
    const validation = (await upload(admin, 'reduction', file, '减员.xlsx')).body;
    expect(validation.errors.map((e: SheetError) => [e.row, e.column, e.code])).toEqual([[3, 'B', 'NAME_MISMATCH']]);
    const res = await admin.post('/api/batches', { token: validation.token });
    expect(res.status).toBe(201);
    const [declaration] = await hall.db.knex('declarations').where({ batch_id: res.body.batchId });
    expect(JSON.parse(declaration.payload)).toEqual(jasmine.objectContaining({ reason: 'resigned' }));
  });
});

describe('an addition into a month whose contribution limits are not configured', () => {
  let hall: TestHall;
  let admin: HallClient;

  beforeAll(async () => {
    hall = await createTestHall();
    admin = await hall.client();
    await admin.signInUnitAdmin(0);
    // The demo limits end with November: December, still offered (the cut-off is the 25th), has none yet.
    await hall.db.knex('contribution_limits').update({ effective_to: '202611' });
  });
  afterAll(() => hall.close());

  it('names the month on the dry run’s row and previews the rows of a month that has them', async () => {
    const file = await filledTemplate('addition', [person(91), person(92, { effectiveMonth: '2026-12' })]);
    const res = await upload(admin, 'addition', file);
    expect(res.status).toBe(200);
    expect(res.body.validRows).toBe(1);
    expect(res.body.errors.map((e: SheetError) => [e.row, e.column, e.code, e.message])).toEqual([
      [3, 'I', 'CONTRIBUTION_LIMITS_MISSING', '2026-12 的缴费基数上下限尚未公布，暂不能申报该月参保'],
    ]);
    expect(res.body.preview.items.map((i: { row: number; baseFen: number }) => [i.row, i.baseFen])).toEqual([[2, 600_000]]);
  });

  it('refuses the single addition’s quote the same way, on its month', async () => {
    const res = await admin.post('/api/additions/quote', { wageFen: 300_000, effectiveMonth: '202612' });
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([
      {
        field: 'effectiveMonth',
        code: 'CONTRIBUTION_LIMITS_MISSING',
        message: '2026-12 的缴费基数上下限尚未公布，暂不能申报该月参保',
        params: { month: '2026-12' },
      },
    ]);
  });
});
