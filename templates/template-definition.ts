/**
 * Spreadsheet templates as data: the template download is built from these definitions and the
 * importer validates uploads against the same ones, so a column cannot change on one side only.
 *
 * Headers are written in the language of the person who downloads the template (an HR clerk fills
 * the sheet in the language they read), and the hidden marker records that language together with
 * the template id and version; the importer then expects exactly that language's headers. Dropdown
 * values follow the same language, but the importer accepts an option's label in any language or its
 * code, so a row pasted from a colleague's template still maps to the contract's codes.
 */
import type { BatchKind } from '@common/api/declarations';
import type { ASSISTED_IMPORT_KIND } from '@common/api/residents';
import { LANGUAGES, type Language } from '@common/i18n';
import { localised, type Localised } from './catalogue';

export type { Localised };

/**
 * How a cell is read: `id` and `mobile` are text-formatted in the template (Excel would turn them into
 * numbers); `amount` is yuan with at most two decimals; `month` is `YYYY-MM`; `enumList` holds several
 * options separated by commas.
 */
const COLUMN_KINDS = ['text', 'enum', 'enumList', 'date', 'month', 'amount', 'id', 'mobile'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface EnumOption {
  /** The contract's code, e.g. `urban` or `310`. */
  code: string;
  label: Localised;
}

export interface TemplateColumn<K extends string = string> {
  /** The field of the contract's input schema (additionInput, reductionInput, baseDeclarationRow). */
  key: K;
  header: Localised;
  required: boolean;
  kind: ColumnKind;
  options?: readonly EnumOption[];
  description: Localised;
  /** Column width in characters. */
  width: number;
}

/** What a template imports: a batch of submissions, or the agency's list of assisted persons. */
export type TemplateKind = BatchKind | typeof ASSISTED_IMPORT_KIND;

export interface TemplateDefinition<K extends string = string> {
  /** Written to the hidden marker; the importer refuses a workbook of another id or version. */
  id: string;
  /** Raise whenever a column is added, removed, moved or reinterpreted. */
  version: number;
  kind: TemplateKind;
  sheetName: Localised;
  columns: readonly TemplateColumn<K>[];
  /** General rules shown above the field list on the instructions sheet. */
  notes: readonly Localised[];
  /** How many data rows the template prepares (dropdowns); also the most an upload may hold. */
  maxRows: number;
}

/** The hidden sheet that carries the marker: A1 = MARKER_TAG, B1 = template id, C1 = version, D1 = language. */
export const MARKER_SHEET = '_template';
export const MARKER_TAG = 'unit-hall-template';

/** The catalogue key of each word; the error table's "column" is the batch page's. */
const SHEET_WORDS = {
  instructionsSheet: 'batch.workbook.instructionsSheet',
  template: 'batch.workbook.template',
  column: 'batch.column',
  field: 'batch.workbook.field',
  required: 'batch.workbook.required',
  yes: 'batch.workbook.yes',
  no: 'batch.workbook.no',
  format: 'batch.workbook.format',
  description: 'batch.workbook.description',
  requiredNote: 'batch.workbook.requiredNote',
  errorColumn: 'batch.workbook.errorColumn',
} as const;

export type SheetTexts = Readonly<Record<keyof typeof SHEET_WORDS, string> & { formats: Readonly<Record<ColumnKind, string>> }>;

function sheetTexts(lang: Language): SheetTexts {
  const words = Object.entries(SHEET_WORDS).map(([word, key]) => [word, localised(key)[lang]]);
  const formats = COLUMN_KINDS.map((kind) => [kind, localised(`batch.workbook.formats.${kind}`)[lang]]);
  return {
    ...(Object.fromEntries(words) as Record<keyof typeof SHEET_WORDS, string>),
    formats: Object.fromEntries(formats) as Record<ColumnKind, string>,
  };
}

/** Words of the generated workbooks that belong to no single template. */
export const SHEET_TEXTS: Readonly<Record<Language, SheetTexts>> = Object.fromEntries(LANGUAGES.map((lang) => [lang, sheetTexts(lang)])) as Record<
  Language,
  SheetTexts
>;

/** The header as written in row 1: required columns carry a leading `*`. */
export function headerText(column: TemplateColumn, lang: Language): string {
  return (column.required ? '*' : '') + column.header[lang];
}

/** `1` → `A`, `27` → `AA`. */
export function columnLetter(columnNumber: number): string {
  let letters = '';
  for (let n = columnNumber; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Every code of a contract enumeration gets the catalogue key of its label; the compiler checks that
 * none is missing, and `localised` that each key has a text in every language.
 */
export type Labels<Codes extends readonly string[]> = Readonly<Record<Codes[number], string>>;

export function enumOptions(labels: Readonly<Record<string, string>>): EnumOption[] {
  return Object.entries(labels).map(([code, key]) => ({ code, label: localised(key) }));
}
