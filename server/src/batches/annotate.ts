/**
 * The user's own workbook back, with what is wrong in it: an error column at the end of the data
 * sheet (one line per problem of the row) and every bad cell filled red with the message as a note.
 * A workbook that was annotated before keeps one error column, and our old marks are cleared first.
 */
import { LANGUAGES } from '@common/i18n';
import ExcelJS from 'exceljs';
import { columnLetter, SHEET_TEXTS } from '../../../templates/template-definition';
import { AppError } from '../http/errors';

export interface Annotation {
  row: number;
  /** Excel column letter, or '' for a problem of the row as a whole. */
  column: string;
  /** `C 证件号码: …`-style text for the error column. */
  line: string;
  /** The message alone, for the cell's note. */
  message: string;
}

/** Excel's last column, XFD: a data sheet that reaches it leaves no room for the error column. */
export const EXCEL_COLUMNS = 16_384;
export const sheetTooWide = () => new AppError(422, 'UPLOAD_SHEET_TOO_WIDE', { column: columnLetter(EXCEL_COLUMNS) });

const MARK: ExcelJS.FillPattern = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const NO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'none' };
const ERROR_COLUMN_TITLES = new Set(LANGUAGES.map((lang) => SHEET_TEXTS[lang].errorColumn));

/**
 * exceljs shares one style object among the loaded cells of a style, and `cell.fill = …` changes that
 * object: restyling one cell that way restyles its whole column. A cell gets a style of its own here.
 */
function restyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...patch };
}

export async function annotateWorkbook(file: Buffer, sheetName: string, errorColumnTitle: string, annotations: Annotation[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(sheetName) ?? workbook.worksheets[0];

  let errorColumn = 0;
  sheet.getRow(1).eachCell((cell, col) => {
    if (ERROR_COLUMN_TITLES.has(cell.text.trim())) errorColumn = col;
  });
  if (errorColumn === 0) errorColumn = sheet.columnCount + 1;
  if (errorColumn > EXCEL_COLUMNS) throw sheetTooWide();
  sheet.eachRow((row) =>
    row.eachCell((cell, col) => {
      if (col === errorColumn && row.number > 1) cell.value = null;
      if ((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === MARK.fgColor!.argb) {
        restyle(cell, { fill: NO_FILL });
        // exceljs 4.4 can set a note but not remove one: drop it, and give the cell a fresh value
        // model, since the loaded one carries the comment too.
        delete (cell as unknown as { _comment?: unknown })._comment;
        // eslint-disable-next-line no-self-assign -- the setter rebuilds the cell's model, without the comment
        cell.value = cell.value;
      }
    }),
  );

  const titleCell = sheet.getRow(1).getCell(errorColumn);
  titleCell.value = errorColumnTitle;
  restyle(titleCell, { font: { bold: true, color: { argb: 'FFC00000' } } });
  sheet.getColumn(errorColumn).width = 60;

  const linesByRow = new Map<number, string[]>();
  const notesByCell = new Map<string, string[]>();
  for (const a of annotations) {
    const lines = linesByRow.get(a.row) ?? [];
    lines.push(a.line);
    linesByRow.set(a.row, lines);
    if (!a.column) continue;
    const address = `${a.column}${a.row}`;
    notesByCell.set(address, [...(notesByCell.get(address) ?? []), a.message]);
  }
  for (const [row, lines] of linesByRow) {
    // The header's problems go in the title's note: the title itself marks the column as ours on re-upload.
    if (row === 1) {
      notesByCell.set(titleCell.address, lines);
      continue;
    }
    const cell = sheet.getRow(row).getCell(errorColumn);
    cell.value = lines.join('\n');
    restyle(cell, { alignment: { wrapText: true, vertical: 'top' } });
  }
  for (const [address, notes] of notesByCell) {
    const cell = sheet.getCell(address);
    restyle(cell, { fill: MARK });
    cell.note = notes.join('\n');
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
