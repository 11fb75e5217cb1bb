import ExcelJS from 'exceljs';
import { annotateWorkbook, annotationsOf } from './annotate';

async function workbookOf(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('增员'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function headerOf(file: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  const titles: string[] = [];
  workbook.worksheets[0].getRow(1).eachCell((cell) => titles.push(cell.text));
  return titles;
}

describe('annotateWorkbook', () => {
  it('reuses an error column whose title the user formatted (rich text) instead of adding a second one', async () => {
    const file = await workbookOf((sheet) => {
      sheet.addRow(['*姓名', '*证件号码', null]);
      // Formatting part of a cell's text in Excel saves it as rich text.
      sheet.getCell('C1').value = { richText: [{ text: '错误', font: { bold: true } }, { text: '说明' }] };
      sheet.addRow(['张三', '350102199001011234', '旧的错误']);
    });

    const annotated = await annotateWorkbook(
      file,
      '增员',
      '错误说明',
      annotationsOf([{ row: 2, column: 'B', line: 'B 证件号码: 校验位不对', message: '校验位不对' }]),
    );

    expect(await headerOf(annotated)).toEqual(['*姓名', '*证件号码', '错误说明']);
  });

  it("keeps the error column's title when the header has problems, and gives their lines as the title's note", async () => {
    const file = await workbookOf((sheet) => {
      sheet.addRow(['*姓名', '*民族', '*证件号码']);
      sheet.addRow(['张三', '汉族', '350102199001011234']);
    });

    const annotated = await annotateWorkbook(
      file,
      '增员',
      '错误说明',
      annotationsOf([
        { row: 1, column: 'B', line: 'B 证件号码: 列名应为“证件号码”', message: '列名应为“证件号码”' },
        { row: 1, column: 'C', line: 'C 民族: 缺少列“民族”', message: '缺少列“民族”' },
      ]),
    );

    expect(await headerOf(annotated)).toEqual(['*姓名', '*民族', '*证件号码', '错误说明']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(annotated as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(noteText(sheet.getCell('D1').note)).toBe('B 证件号码: 列名应为“证件号码”\nC 民族: 缺少列“民族”');
    expect(noteText(sheet.getCell('B1').note)).toBe('列名应为“证件号码”');

    const again = await annotateWorkbook(annotated, '增员', '错误说明', annotationsOf([]));
    expect(await headerOf(again)).toEqual(['*姓名', '*民族', '*证件号码', '错误说明']);
  });
});

function noteText(note: string | ExcelJS.Comment | undefined): string {
  if (note === undefined || typeof note === 'string') return note ?? '';
  return note.texts?.map((t) => t.text).join('') ?? '';
}
