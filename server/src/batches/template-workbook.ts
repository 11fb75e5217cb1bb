/**
 * The downloadable template, generated from its definition: sheet 1 takes the data (required headers
 * red and marked *), sheet 2 explains every field, and a very hidden sheet holds the marker and the
 * dropdown lists.
 */
import type { Language } from '@common/i18n';
import type ExcelJS from 'exceljs';
import {
  columnLetter,
  headerText,
  MARKER_SHEET,
  MARKER_TAG,
  SHEET_TEXTS,
  type TemplateColumn,
  type TemplateDefinition,
} from '../../../templates/template-definition';

const RED = 'FFC00000';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
/** Excel's text format: what is typed stays as typed (IDs keep their 18 digits, phones their leading digits). */
const TEXT_FORMAT = '@';
const TEXT_KINDS = new Set(['id', 'mobile', 'month']);

/** exceljs 4.4 implements worksheet data validations but its type declarations omit them. */
type WithDataValidations = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
};

/** The data sheet's columns: widths, and text format where Excel would turn what is typed into a number or a date. */
export function dataColumns(def: TemplateDefinition): Partial<ExcelJS.Column>[] {
  return def.columns.map((column) => ({ width: column.width, style: TEXT_KINDS.has(column.kind) ? { numFmt: TEXT_FORMAT } : {} }));
}

/** A header cell's note: the column's format and description. */
export function headerNote(column: TemplateColumn, lang: Language): string {
  return `${SHEET_TEXTS[lang].formats[column.kind]}. ${column.description[lang]}`;
}

/** The dropdowns of the enumerated columns: each lists its options from its column of the hidden marker sheet. */
export function optionLists(def: TemplateDefinition, lang: Language): { range: string; validation: ExcelJS.DataValidation }[] {
  return def.columns.flatMap((column, i) => {
    if (column.kind !== 'enum' || !column.options) return [];
    const letter = columnLetter(i + 1);
    const validation: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: !column.required,
      formulae: [`'${MARKER_SHEET}'!$${letter}$2:$${letter}$${column.options.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      error: SHEET_TEXTS[lang].formats.enum,
    };
    return [{ range: `${letter}2:${letter}${def.maxRows + 1}`, validation }];
  });
}

/** The values of a prefilled row, in the template's column order. */
export type PrefilledRow = readonly (string | number | null)[];

/** With `prefilled`, the data sheet starts with those rows (the base declaration's insured persons). */
export async function templateWorkbook(def: TemplateDefinition, lang: Language, prefilled?: AsyncIterable<PrefilledRow[]>): Promise<Buffer> {
  const texts = SHEET_TEXTS[lang];
  // Loaded on the first template asked for, not at start: exceljs is a second and 35 MB.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Unit Hall';

  const data = workbook.addWorksheet(def.sheetName[lang], { views: [{ state: 'frozen', ySplit: 1 }] }) as WithDataValidations;
  const instructions = workbook.addWorksheet(texts.instructionsSheet);
  const marker = workbook.addWorksheet(MARKER_SHEET, { state: 'veryHidden' });
  marker.addRow([MARKER_TAG, def.id, def.version, lang]);

  data.columns = dataColumns(def);
  const header = data.getRow(1);
  def.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = headerText(column, lang);
    cell.font = { bold: true, color: column.required ? { argb: RED } : undefined };
    cell.fill = HEADER_FILL;
    cell.note = headerNote(column, lang);
  });

  for await (const rows of prefilled ?? []) {
    for (const row of rows) data.addRow([...row]);
  }

  // Dropdown lists live on the hidden sheet, one column per enumeration: labels may contain commas
  // and lists written inline in the validation are limited to 255 characters.
  def.columns.forEach((column, i) => {
    if (column.kind !== 'enum' || !column.options) return;
    const letter = columnLetter(i + 1);
    column.options.forEach((option, o) => (marker.getCell(`${letter}${o + 2}`).value = option.label[lang]));
  });
  for (const { range, validation } of optionLists(def, lang)) data.dataValidations.add(range, validation);

  instructions.columns = [{ width: 8 }, { width: 26 }, { width: 10 }, { width: 44 }, { width: 60 }];
  instructions.addRow([texts.requiredNote]).font = { bold: true, color: { argb: RED } };
  for (const note of def.notes) instructions.addRow([note[lang]]);
  instructions.addRow([]);
  const head = instructions.addRow([texts.column, texts.field, texts.required, texts.format, texts.description]);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  def.columns.forEach((column, i) => {
    const allowed = column.options ? column.options.map((o) => o.label[lang]).join(lang === 'zh-CN' ? '、' : ', ') : '';
    const format = allowed ? `${texts.formats[column.kind]}: ${allowed}` : texts.formats[column.kind];
    const row = instructions.addRow([
      columnLetter(i + 1),
      headerText(column, lang),
      column.required ? texts.yes : texts.no,
      format,
      column.description[lang],
    ]);
    if (column.required) row.getCell(2).font = { color: { argb: RED } };
    row.alignment = { wrapText: true, vertical: 'top' };
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
