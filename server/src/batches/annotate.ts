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
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { LANGUAGES, type Language } from '@common/i18n';
import ExcelJS from 'exceljs';
import { columnLetter, headerText, SHEET_TEXTS, type TemplateDefinition } from '../../../templates/template-definition';
import { AppError } from '../http/errors';
import { cellText } from './cell-values';
import { columnNumber } from './sheet-errors';
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

/** The parts of exceljs's WorkbookWriter (4.4.0, pinned) that open and finish the archive's entries. */
interface WorkbookWriterInternals {
  zip: { append(source: NodeJS.ReadableStream, options: { name: string }): void };
  _openStream(name: string): NodeJS.WritableStream;
  _finalize(): Promise<unknown>;
}

const ExcelWorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter as unknown as new (
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>,
) => WorkbookWriterInternals & ExcelJS.stream.xlsx.WorkbookWriter;

/** A sheet's notes: its comments part and their drawings, which grow with the notes while the sheet is written. */
const NOTE_PARTS = /(^|\/)(comments\d+\.xml|vmlDrawing\d+\.vml)$/;

/**
 * exceljs's streaming writer with a sheet's notes spooled to files of their own. The writer opens the notes' parts
 * as archive entries queued behind the sheet's, so until the sheet is done they wait in memory: 100,000 notes held
 * 80 MB. Here they are written to `folder` and go into the archive from there once the sheets are done.
 */
class NoteSpoolingWorkbookWriter extends ExcelWorkbookWriter {
  private readonly spooled: { name: string; file: string; stream: WriteStream }[] = [];

  constructor(
    options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>,
    private readonly folder: string,
  ) {
    super(options);
  }

  override _openStream(name: string): NodeJS.WritableStream {
    if (!NOTE_PARTS.test(name)) return super._openStream(name);
    const file = path.join(this.folder, `part-${this.spooled.length}`);
    const stream = createWriteStream(file);
    this.spooled.push({ name, file, stream });
    return stream;
  }

  override async _finalize(): Promise<unknown> {
    for (const { name, file, stream } of this.spooled) {
      if (!stream.closed) await once(stream, 'close');
      this.zip.append(createReadStream(file), { name });
    }
    return super._finalize();
  }
}

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

/**
 * The problems to mark: the rows that have some, in order, and each row's annotations, asked for when that row is
 * written, so that a sheet's 120,000 messages are never all in memory at once.
 */
export interface SheetAnnotations {
  rows: number[];
  of(row: number): Annotation[];
}

/** A list of annotations, for a caller that has them all at hand. */
export function annotationsOf(annotations: Annotation[]): SheetAnnotations {
  const rows = [...new Set(annotations.map((a) => a.row))].sort((a, b) => a - b);
  return { rows, of: (row) => annotations.filter((a) => a.row === row) };
}

/** A row's annotations: the error column's lines, and each bad cell's messages by column number. */
function rowProblems(annotations: Annotation[]): { lines: string[]; notes: Map<number, string[]> } | undefined {
  if (annotations.length === 0) return undefined;
  const notes = new Map<number, string[]>();
  for (const a of annotations) {
    if (!a.column) continue;
    const column = columnNumber(a.column);
    notes.set(column, [...(notes.get(column) ?? []), a.message]);
  }
  return { lines: annotations.map((a) => a.line), notes };
}

const isMarked = (style: Partial<ExcelJS.Style> | undefined) =>
  (style?.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === MARK.fgColor!.argb;

export async function annotateWorkbook(
  file: Buffer,
  sheetName: string,
  errorColumnTitle: string,
  annotations: SheetAnnotations,
  template?: AnnotatedTemplate,
): Promise<Buffer> {
  const { name: dataSheet, errorColumn } = await dataSheetLayout(file, sheetName);
  // In the worker's own temporary folder (workbook.worker.ts), which the pool clears after every job.
  const spool = mkdtempSync(path.join(os.tmpdir(), 'annotated-'));
  try {
    return await writeAnnotated(file, dataSheet, errorColumn, errorColumnTitle, annotations, template, spool);
  } finally {
    rmSync(spool, { recursive: true, force: true });
  }
}

async function writeAnnotated(
  file: Buffer,
  dataSheet: string,
  errorColumn: number,
  errorColumnTitle: string,
  problems: SheetAnnotations,
  template: AnnotatedTemplate | undefined,
  spool: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new NoteSpoolingWorkbookWriter({ stream, useStyles: true, useSharedStrings: false }, spool);

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
      const found = rowProblems(problems.of(number));
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
    const pending = isData ? [...new Set([1, ...problems.rows])].sort((a, b) => a - b) : [];
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
