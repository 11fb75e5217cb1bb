/**
 * Reads an uploaded workbook against its template: the marker first (is this our template, which
 * version, which language), then the header row, then every data row, collecting every problem with
 * its Excel row and template column instead of stopping at the first. Record checks that need the
 * database (already insured, pending declarations, month rules) run afterwards, on the rows that pass.
 */
import { baseDeclarationRow, type BaseDeclarationRow } from '@common/api/base-declarations';
import { additionInput, reductionInput, type Addition, type Reduction } from '@common/api/declarations';
import { assistedPersonInput, type AssistedPersonInput } from '@common/api/residents';
import type { FieldErrorCode } from '@common/errors';
import { checkIdNumberOfType, type PersonIdType } from '@common/validators/id-number';
import { hasInvisibleCharacter } from '@common/validators/invisible';
import { MAX_WAGE_FEN } from '@common/api/fields';
import { fenFromYuan } from '@common/validators/yuan';
import { isLanguage, LANGUAGES, type Language } from '@common/i18n';
import {
  columnLetter,
  headerText,
  MARKER_SHEET,
  MARKER_TAG,
  type TemplateColumn,
  type TemplateDefinition,
  type TemplateKind,
} from '../../../templates/template-definition';
import { AppError } from '../http/errors';
import { fieldErrorsOf } from '../http/validation';
import { EXCEL_COLUMNS, sheetTooWide } from './annotate';
import { cellText, dateFromText, looksLikeExcelNumber, monthFromText, serialDate, type CellText } from './cell-values';
import { streamWorkbook } from './xlsx-reader';

export interface SheetProblem {
  /** Excel's 1-based row. */
  row: number;
  /** 0-based index into the template's columns; null when the problem is the row's as a whole. */
  column: number | null;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/** Each kind's row schema: the importer reads a row into it. */
const ROW_SCHEMAS = {
  addition: additionInput,
  reduction: reductionInput,
  'base-declaration': baseDeclarationRow,
  'assisted-persons': assistedPersonInput,
} as const satisfies Record<TemplateKind, unknown>;
type RowInput = Addition | Reduction | BaseDeclarationRow | AssistedPersonInput;

export interface ImportedRow {
  rowNumber: number;
  input: RowInput;
}

/** A row with faults, with the fields that read well: the declaration rules check those in the same round. */
export interface IncompleteRow {
  rowNumber: number;
  facts: Partial<Addition> | Partial<Reduction> | Partial<BaseDeclarationRow> | Partial<AssistedPersonInput>;
}

export interface SheetImport {
  /** The data sheet's name as the file has it. */
  sheet: string;
  /** The language of the template's headers, from the marker. */
  language: Language;
  /** Data rows that are not blank. */
  rows: number;
  valid: ImportedRow[];
  incomplete: IncompleteRow[];
  problems: SheetProblem[];
}

interface TextRow {
  number: number;
  cells: CellText[];
}

type CellReading = { value: unknown } | { problem: FieldErrorCode };
const NOTHING: CellReading = { value: undefined };

const wrongTemplate = () => new AppError(422, 'UPLOAD_WRONG_TEMPLATE');

export async function importSheet(file: Buffer, def: TemplateDefinition, today: Date): Promise<SheetImport> {
  const workbook = streamWorkbook(file);
  let marker: string[] | null = null;
  let dataSheet: string | null = null;
  let header: TextRow | null = null;
  // Each row is read as it streams by, and only what it read is kept: 20,000 rows of cell texts were as much again.
  const rows: ReadRow[] = [];
  let rowCount = 0;
  const options = { date1904: false, today };

  for await (const sheet of workbook.sheets) {
    const isMarker = sheet.name === MARKER_SHEET;
    const isData = !isMarker && sheet.index === 0;
    if (isData) dataSheet = sheet.name;
    options.date1904 = workbook.date1904();
    for await (const row of sheet.rows) {
      if (isMarker && row.number === 1) marker = row.values.map((v) => cellText(v).text);
      if (!isData) continue;
      // Refused here rather than when the annotated copy is asked for.
      if (row.width >= EXCEL_COLUMNS) throw sheetTooWide();
      const cells = def.columns.map((_, i) => cellText(row.values[i]));
      if (row.number === 1) header = { number: 1, cells };
      else if (cells.some((c) => c.text.trim() !== '') && ++rowCount <= def.maxRows) rows.push(readRow(def, { number: row.number, cells }, options));
    }
  }

  const language = marker?.[3];
  if (!marker || marker[0] !== MARKER_TAG || marker[1] !== def.id || marker[2] !== String(def.version)) throw wrongTemplate();
  if (!isLanguage(language) || dataSheet === null) throw wrongTemplate();

  const headerProblems = checkHeader(def, language, header);
  if (rowCount > def.maxRows) {
    const limit = { max: def.maxRows, rows: rowCount };
    if (headerProblems.length === 0) throw new AppError(422, 'UPLOAD_TOO_MANY_ROWS', limit);
    // Both at once, so the user who splits the file fixes its header in the same round.
    const columns = headerProblems.map((p) => `${columnLetter(p.column! + 1)} (${headerText(def.columns[p.column!], language)})`).join(', ');
    throw new AppError(422, 'UPLOAD_TOO_MANY_ROWS_BAD_HEADER', { ...limit, columns });
  }

  const result: SheetImport = { sheet: dataSheet, language, rows: rowCount, valid: [], incomplete: [], problems: [] };
  if (headerProblems.length > 0) {
    result.problems = headerProblems;
    return result;
  }

  const rowIndex = new Map(rows.map((row, i) => [row.number, i]));
  for (const problem of duplicatesInFile(def, rows)) rows[rowIndex.get(problem.row)!].problems.push(problem);
  for (const { number, input, problems, fields } of rows) {
    // A row the schema refused has problems.
    if (problems.length === 0) {
      result.valid.push({ rowNumber: number, input: input! });
      continue;
    }
    result.problems.push(...problems);
    result.incomplete.push({ rowNumber: number, facts: factsOf(def, fields, problems) });
  }
  return result;
}

/** A data row as read: its input when the schema took it, its problems, and the fields that read well. */
interface ReadRow {
  number: number;
  input: RowInput | null;
  problems: SheetProblem[];
  /** With problems, the fields that read well; without, the input as the schema read it. */
  fields: Record<string, unknown>;
  /** The ID number as written, for the duplicates in the file; '' without one. */
  idNumber: string;
}

function checkHeader(def: TemplateDefinition, lang: Language, header: TextRow | null): SheetProblem[] {
  const found = def.columns.map((_, i) => (header?.cells[i]?.text ?? '').trim().replace(/^[*＊]\s*/, ''));
  const expected = def.columns.map((column) => column.header[lang]);
  const problem = (i: number, code: FieldErrorCode): SheetProblem => ({
    row: 1,
    column: i,
    code,
    params: { column: headerText(def.columns[i], lang) },
  });
  const removed = removedColumns(expected, found);
  if (removed) return removed.map((i) => problem(i, 'HEADER_MISSING'));
  return expected.flatMap((text, i) => (found[i] === text ? [] : [problem(i, found[i] === '' ? 'HEADER_MISSING' : 'HEADER_UNEXPECTED')]));
}

/**
 * The template columns left out when the headers found are the template's own, in its order, with some
 * missing: a deleted column shifts every later one, and naming each of those as renamed hides the cause.
 */
function removedColumns(expected: string[], found: string[]): number[] | null {
  const matched = new Set<number>();
  let next = 0;
  for (const text of found.filter((t) => t !== '')) {
    while (next < expected.length && expected[next] !== text) next++;
    if (next === expected.length) return null;
    matched.add(next++);
  }
  const removed = expected.flatMap((_, i) => (matched.has(i) ? [] : [i]));
  return removed.length > 0 ? removed : null;
}

function readRow(def: TemplateDefinition, row: TextRow, options: { date1904: boolean; today: Date }): ReadRow {
  const problems: SheetProblem[] = [];
  const fields: Record<string, unknown> = {};
  def.columns.forEach((column, i) => {
    const reading = readCell(column, row.cells[i], options.date1904);
    if ('problem' in reading) problems.push({ row: row.number, column: i, code: reading.problem });
    else if (reading.value !== undefined) fields[column.key] = reading.value;
  });

  const parsed = ROW_SCHEMAS[def.kind].safeParse(fields);
  const columnWithProblem = new Set(problems.map((p) => p.column));
  for (const issue of parsed.success ? [] : fieldErrorsOf(parsed.error)) {
    const column = columnOf(def, issue.field.split('.')[0]);
    if (columnWithProblem.has(column)) continue;
    columnWithProblem.add(column);
    const code = column !== null && def.columns[column].kind === 'amount' && issue.code !== 'REQUIRED' ? 'INVALID' : issue.code;
    problems.push({ row: row.number, column, code });
  }
  // An addition's ID number is checked for its type here too, so a row with other problems reports a
  // wrong ID number in the same round (the declaration rules check it again, for rows that reach them).
  const idColumn = columnOf(def, 'idNumber');
  if (def.kind === 'addition' && !columnWithProblem.has(idColumn) && !columnWithProblem.has(columnOf(def, 'idType'))) {
    const idType = (fields.idType as PersonIdType | undefined) ?? '01';
    const checked = checkIdNumberOfType(idType, String(fields.idNumber), options.today);
    if (!checked.ok) problems.push({ row: row.number, column: idColumn, code: checked.problem });
  }
  const idNumber = idColumn === null ? '' : row.cells[idColumn].text.replace(/\s+/g, '').toUpperCase();
  const input = parsed.success ? parsed.data : null;
  // A row whose only problem turns out to be a duplicate ID gives its facts as the schema read them.
  return { number: row.number, input, problems, fields: problems.length > 0 || input === null ? fields : input, idNumber };
}

/** The fields of a faulty row that its problems leave untouched, each parsed on its own. */
function factsOf(def: TemplateDefinition, fields: Record<string, unknown>, problems: SheetProblem[]): IncompleteRow['facts'] {
  const faulty = new Set(problems.map((p) => (p.column === null ? null : def.columns[p.column].key)));
  // An ID number is read by its type: with the type in doubt, so is the number.
  if (faulty.has('idType')) faulty.add('idNumber');
  const shape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> = ROW_SCHEMAS[def.kind].shape;
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (faulty.has(key) || !(key in shape)) continue;
    const field = shape[key].safeParse(value);
    if (field.success) facts[key] = field.data;
  }
  return facts;
}

function columnOf(def: TemplateDefinition, key: string): number | null {
  const index = def.columns.findIndex((c) => c.key === key);
  return index < 0 ? null : index;
}

function readCell(column: TemplateColumn, cell: CellText, date1904: boolean): CellReading {
  const text = cell.text.trim();
  if (text === '') return cell.from === 'formula' ? { problem: 'FORMULA_NO_VALUE' } : NOTHING;
  switch (column.kind) {
    case 'text':
    case 'mobile':
      return { value: text };
    case 'id':
      // Pasted from web pages and chat apps, these look like nothing on screen and make the number "too long".
      if (hasInvisibleCharacter(text)) return { problem: 'ID_NUMBER_INVISIBLE_CHARACTER' };
      // Excel keeps 15 significant digits: an 18-digit ID stored as a number has lost its tail, while a
      // legacy 15-digit one is whole and gets the 18-digit hint from the ID check.
      if ((cell.from === 'number' && !/^\d{15}$/.test(text)) || looksLikeExcelNumber(text)) return { problem: 'ID_NUMBER_EXCEL_NUMBER' };
      return { value: text.replace(/\s+/g, '').toUpperCase() };
    case 'enum': {
      const code = optionCode(column, text);
      return code === null ? { problem: 'NOT_IN_LIST' } : { value: code };
    }
    case 'enumList': {
      const codes = text
        .split(/[,，、;；\s]+/)
        .filter(Boolean)
        .map((part) => optionCode(column, part));
      return codes.includes(null) ? { problem: 'NOT_IN_LIST' } : { value: [...new Set(codes)] };
    }
    case 'date': {
      const date = cell.from === 'number' ? serialDate(Number(text), date1904) : dateFromText(text);
      return date === null ? { problem: 'DATE_FORMAT' } : { value: date };
    }
    case 'month': {
      // A six-digit number is someone's 202611, not a serial day in the year 2454.
      const serial = cell.from === 'number' && !/^\d{6}$/.test(text) ? serialDate(Number(text), date1904) : null;
      const month = serial ? monthFromText(serial) : monthFromText(text);
      return month === null ? { problem: 'MONTH_FORMAT' } : { value: month };
    }
    case 'amount': {
      const fen = fenFromYuan(text);
      if (fen === 0) return { problem: 'AMOUNT_NOT_POSITIVE' };
      return fen === null || fen > MAX_WAGE_FEN ? { problem: 'AMOUNT_FORMAT' } : { value: fen };
    }
  }
}

/** An option by its label in any of the template languages, or by its code. */
function optionCode(column: TemplateColumn, text: string): string | null {
  const wanted = text.trim().toLowerCase();
  for (const option of column.options ?? []) {
    if (option.code.toLowerCase() === wanted) return option.code;
    if (LANGUAGES.some((lang) => option.label[lang].toLowerCase() === wanted)) return option.code;
  }
  return null;
}

/** Every row whose ID number occurs again in the file, pointing at the first other row with it. */
function duplicatesInFile(def: TemplateDefinition, rows: ReadRow[]): SheetProblem[] {
  const idColumn = columnOf(def, 'idNumber');
  const rowsById = new Map<string, number[]>();
  for (const row of rows) {
    const id = row.idNumber;
    if (id === '') continue;
    const numbers = rowsById.get(id);
    if (numbers) numbers.push(row.number);
    else rowsById.set(id, [row.number]);
  }
  const problems: SheetProblem[] = [];
  for (const numbers of rowsById.values()) {
    if (numbers.length < 2) continue;
    for (const number of numbers) {
      const other = numbers.find((n) => n !== number)!;
      problems.push({ row: number, column: idColumn, code: 'DUPLICATE_IN_FILE', params: { row: other } });
    }
  }
  return problems;
}
