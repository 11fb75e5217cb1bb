/**
 * The user's own workbook back, with what is wrong in it: an error column at the end of the data
 * sheet (one line per problem of the row) and every bad cell filled red with the message as a note.
 * A workbook that was annotated before keeps one error column, and our old marks are cleared first.
 *
 * Streamed, so that its memory stays flat however many rows and errors (20,000 rows with errors on
 * every one took a gigabyte loaded whole): the workbook is read twice with exceljs's streaming reader,
 * once for the data sheet's width and error column, then sheet by sheet, row by row, into its
 * streaming writer. Values, cell styles, column widths and sheet states are copied; notes are not read
 * by the streaming reader, so the header's notes and the dropdowns of a template's data sheet are
 * written again from its definition.
 */
import { Writable } from 'node:stream';
import { LANGUAGES, type Language } from '@common/i18n';
import ExcelJS from 'exceljs';
import { columnLetter, headerText, SHEET_TEXTS, type TemplateDefinition } from '../../../templates/template-definition';
import { AppError } from '../http/errors';
import { cellText } from './cell-values';
import { dataColumns, headerNote, optionLists } from './template-workbook';
import { streamWorkbook } from './xlsx-reader';

export interface Annotation {
  row: number;
  /** Excel column letter, or '' for a problem of the row as a whole. */
  column: string;
  /** `C 证件号码: …`-style text for the error column. */
  line: string;
  /** The message alone, for the cell's note. */
  message: string;
}

/** The template the upload was checked against and the language of the copy: its header notes and dropdowns come back. */
export interface AnnotatedTemplate {
  def: TemplateDefinition;
  lang: Language;
}

/** Excel's last column, XFD: a data sheet that reaches it leaves no room for the error column. */
export const EXCEL_COLUMNS = 16_384;
export const sheetTooWide = () => new AppError(422, 'UPLOAD_SHEET_TOO_WIDE', { column: columnLetter(EXCEL_COLUMNS) });

const MARK: ExcelJS.FillPattern = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const NO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'none' };
const ERROR_COLUMN_TITLES = new Set(LANGUAGES.map((lang) => SHEET_TEXTS[lang].errorColumn));
const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC00000' } };
const WRAPPED: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** The streaming writer's sheet: exceljs 4.4 implements its data validations but its declarations omit them. */
type SheetWriter = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/** The data sheet's name (the one named so, or the first), and its error column: the one titled so, or the next after its widest row. */
async function dataSheetLayout(file: Buffer, sheetName: string): Promise<{ name: string; errorColumn: number }> {
  const measured = new Map<string, { first: boolean; width: number; titled: number }>();
  for await (const sheet of streamWorkbook(file).sheets) {
    const candidate = sheet.name === sheetName || sheet.index === 0;
    const measure = { first: sheet.index === 0, width: 0, titled: 0 };
    for await (const row of sheet.rows) {
      if (!candidate) continue;
      measure.width = Math.max(measure.width, row.width);
      if (row.number !== 1) continue;
      row.values.forEach((value, i) => {
        if (ERROR_COLUMN_TITLES.has(cellText(value).text.trim())) measure.titled = i + 1;
      });
    }
    if (candidate) measured.set(sheet.name, measure);
  }
  const name = measured.has(sheetName) ? sheetName : ([...measured].find(([, m]) => m.first)?.[0] ?? sheetName);
  const { width, titled } = measured.get(name) ?? { width: 0, titled: 0 };
  const errorColumn = titled || width + 1;
  if (errorColumn > EXCEL_COLUMNS) throw sheetTooWide();
  return { name, errorColumn };
}

/** The annotations by row: the error column's lines, and each bad cell's messages by column number. */
function byRow(annotations: Annotation[]): Map<number, { lines: string[]; notes: Map<number, string[]> }> {
  const rows = new Map<number, { lines: string[]; notes: Map<number, string[]> }>();
  for (const a of annotations) {
    const row = rows.get(a.row) ?? { lines: [], notes: new Map<number, string[]>() };
    rows.set(a.row, row);
    row.lines.push(a.line);
    if (!a.column) continue;
    const column = columnNumber(a.column);
    row.notes.set(column, [...(row.notes.get(column) ?? []), a.message]);
  }
  return rows;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

const isMarked = (style: Partial<ExcelJS.Style> | undefined) =>
  (style?.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === MARK.fgColor!.argb;

export async function annotateWorkbook(
  file: Buffer,
  sheetName: string,
  errorColumnTitle: string,
  annotations: Annotation[],
  template?: AnnotatedTemplate,
): Promise<Buffer> {
  const { name: dataSheet, errorColumn } = await dataSheetLayout(file, sheetName);
  const problems = byRow(annotations);

  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });

  for await (const source of streamWorkbook(file, { styles: true }).sheets) {
    const isData = source.name === dataSheet;
    const sheet = workbook.addWorksheet(source.name, {
      state: source.state as ExcelJS.WorksheetState,
      ...(isData ? { views: [{ state: 'frozen', ySplit: 1 }] } : {}),
    }) as SheetWriter;
    let started = false;
    const written = new Set<number>();

    /** Writes row `number`: the user's cells (`read`), our marks cleared, then this row's problems. */
    const writeRow = (number: number, read?: { values: ExcelJS.CellValue[]; styles?: Partial<ExcelJS.Style>[] }) => {
      const row = sheet.getRow(number);
      read?.values.forEach((value, i) => {
        if (value === undefined && read.styles?.[i] === undefined) return;
        const cell = row.getCell(i + 1);
        const style = read.styles?.[i];
        if (style) cell.style = isData && isMarked(style) ? { ...style, fill: NO_FILL } : style;
        cell.value = isData && i + 1 === errorColumn && number > 1 ? null : (value ?? null);
      });
      if (isData) annotateRow(row, number);
      row.commit();
      written.add(number);
    };

    const annotateRow = (row: ExcelJS.Row, number: number) => {
      const found = problems.get(number);
      if (number === 1) {
        const title = row.getCell(errorColumn);
        title.value = errorColumnTitle;
        title.style = { ...title.style, font: TITLE_FONT };
        if (template) {
          template.def.columns.forEach((column, i) => {
            const cell = row.getCell(i + 1);
            const lang = LANGUAGES.find((l) => cellText(cell.value).text.trim() === headerText(column, l));
            if (lang) cell.note = headerNote(column, lang);
          });
        }
        // The header's problems go in the title's note: the title itself marks the column as ours on re-upload.
        if (found) title.note = found.lines.join('\n');
      } else if (found) {
        const cell = row.getCell(errorColumn);
        cell.value = found.lines.join('\n');
        cell.style = { ...cell.style, alignment: WRAPPED };
      }
      for (const [column, notes] of found?.notes ?? []) {
        const cell = row.getCell(column);
        cell.style = { ...cell.style, fill: MARK };
        cell.note = notes.join('\n');
      }
    };

    /** Rows with problems but no cells of their own come in their place, before the rows after them. */
    const pending = isData ? [...new Set([1, ...problems.keys()])].sort((a, b) => a - b) : [];
    const catchUp = (before: number) => {
      while (pending.length > 0 && pending[0] < before) {
        const number = pending.shift()!;
        if (!written.has(number)) writeRow(number);
      }
    };

    for await (const read of source.rows) {
      if (!started) {
        started = true;
        if (isData && template) sheet.columns = dataColumns(template.def);
        else sheet.columns = source.columns().map((c) => ({ width: c.width, hidden: c.hidden }));
        if (isData) sheet.getColumn(errorColumn).width = 60;
      }
      catchUp(read.number);
      writeRow(read.number, read);
      if (pending[0] === read.number) pending.shift();
    }
    catchUp(Infinity);
    if (isData && template)
      for (const { range, validation } of optionLists(template.def, template.lang)) sheet.dataValidations.add(range, validation);
    sheet.commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}
