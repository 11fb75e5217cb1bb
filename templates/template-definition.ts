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
import type { DeclarationKind } from '@common/api/declarations';

export const TEMPLATE_LANGUAGES = ['zh-CN', 'en', 'es'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
export type Localised = Readonly<Record<TemplateLanguage, string>>;

/**
 * How a cell is read: `id` and `mobile` are text-formatted in the template (Excel would turn them into
 * numbers); `amount` is yuan with at most two decimals; `month` is `YYYY-MM`; `enumList` holds several
 * options separated by commas.
 */
export type ColumnKind = 'text' | 'enum' | 'enumList' | 'date' | 'month' | 'amount' | 'id' | 'mobile';

export interface EnumOption {
  /** The contract's code, e.g. `urban` or `310`. */
  code: string;
  label: Localised;
}

export interface TemplateColumn<K extends string = string> {
  /** The field of the contract's input schema (additionInput, reductionInput). */
  key: K;
  header: Localised;
  required: boolean;
  kind: ColumnKind;
  options?: readonly EnumOption[];
  description: Localised;
  /** Column width in characters. */
  width: number;
}

export interface TemplateDefinition<K extends string = string> {
  /** Written to the hidden marker; the importer refuses a workbook of another id or version. */
  id: string;
  /** Raise whenever a column is added, removed, moved or reinterpreted. */
  version: number;
  kind: DeclarationKind;
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

/** Words of the generated workbooks that belong to no single template. */
export const SHEET_TEXTS: Readonly<Record<TemplateLanguage, {
  instructionsSheet: string;
  template: string;
  column: string;
  field: string;
  required: string;
  yes: string;
  no: string;
  format: string;
  description: string;
  requiredNote: string;
  errorColumn: string;
  formats: Readonly<Record<ColumnKind, string>>;
}>> = {
  'zh-CN': {
    instructionsSheet: '填写说明',
    template: '模板',
    column: '列',
    field: '字段',
    required: '必填',
    yes: '是',
    no: '否',
    format: '格式 / 可选值',
    description: '说明',
    requiredNote: '红色并带 * 的列为必填项。请勿修改、删除或移动第 1 行的列标题，也不要改动工作表名称。',
    errorColumn: '错误说明',
    formats: {
      text: '文本',
      enum: '从下拉列表选择',
      enumList: '可填多个，用逗号分隔',
      date: '日期，如 2026-11-01',
      month: '年月，如 2026-11',
      amount: '金额（元），最多两位小数',
      id: '文本（请勿转成数字）',
      mobile: '11 位手机号码',
    },
  },
  en: {
    instructionsSheet: 'Instructions',
    template: 'template',
    column: 'Column',
    field: 'Field',
    required: 'Required',
    yes: 'Yes',
    no: 'No',
    format: 'Format / allowed values',
    description: 'Description',
    requiredNote: 'Columns in red marked * are required. Do not change, delete or move the headers in row 1, and do not rename the sheets.',
    errorColumn: 'Errors',
    formats: {
      text: 'Text',
      enum: 'Choose from the drop-down list',
      enumList: 'One or more, separated by commas',
      date: 'Date, e.g. 2026-11-01',
      month: 'Month, e.g. 2026-11',
      amount: 'Amount in yuan, at most two decimals',
      id: 'Text (never a number)',
      mobile: '11-digit mobile number',
    },
  },
  es: {
    instructionsSheet: 'Instrucciones',
    template: 'plantilla',
    column: 'Columna',
    field: 'Campo',
    required: 'Obligatorio',
    yes: 'Sí',
    no: 'No',
    format: 'Formato / valores admitidos',
    description: 'Descripción',
    requiredNote: 'Las columnas en rojo marcadas con * son obligatorias. No cambie, borre ni mueva los encabezados de la fila 1 ni cambie el nombre de las hojas.',
    errorColumn: 'Errores',
    formats: {
      text: 'Texto',
      enum: 'Elija de la lista desplegable',
      enumList: 'Uno o varios, separados por comas',
      date: 'Fecha, p. ej. 2026-11-01',
      month: 'Mes, p. ej. 2026-11',
      amount: 'Importe en yuanes, dos decimales como máximo',
      id: 'Texto (nunca un número)',
      mobile: 'Móvil de 11 dígitos',
    },
  },
};

/** The header as written in row 1: required columns carry a leading `*`. */
export function headerText(column: TemplateColumn, lang: TemplateLanguage): string {
  return (column.required ? '*' : '') + column.header[lang];
}

export function isTemplateLanguage(value: unknown): value is TemplateLanguage {
  return TEMPLATE_LANGUAGES.includes(value as TemplateLanguage);
}

/** `1` → `A`, `27` → `AA`. */
export function columnLetter(columnNumber: number): string {
  let letters = '';
  for (let n = columnNumber; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Every code of a contract enumeration gets a label in every language; the compiler checks both. */
export type Labels<Codes extends readonly string[]> = Readonly<Record<Codes[number], Localised>>;

export function enumOptions(labels: Readonly<Record<string, Localised>>): EnumOption[] {
  return Object.entries(labels).map(([code, label]) => ({ code, label }));
}
