/**
 * A dry run's problems as kept: one JSON text of short tuples, sorted by row and column, untranslated so each
 * caller reads them in their own language. A 20,000-row file with errors on every row has some 120,000 problems:
 * as objects with their column titles and messages they filled the server's memory twice over (the answer, the
 * annotated copy). Now the answer carries the first page, further pages are read from the stored text, and the
 * annotated copy's worker reads the text itself and words each row's problems as it writes that row.
 */
import type { SheetError } from '@common/api/declarations';
import type { FieldErrorCode } from '@common/errors';
import { DEFAULT_LANGUAGE, type Language } from '@common/i18n';
import { columnLetter, type TemplateDefinition } from '../../../templates/template-definition';
import { fillPlaceholders } from '../http/i18n';
import type { Annotation, SheetAnnotations } from './annotate';

/** Excel's 1-based row, the template's 0-based column (null for the row as a whole), the code and its parameters. */
export type StoredProblem = [row: number, column: number | null, code: FieldErrorCode, params?: Record<string, string | number>];

export interface StoredProblems {
  /** The data sheet's name as the file has it: the annotated copy finds the sheet again by it. */
  sheet: string;
  /** The language of the file's headers: the column titles are given in it. */
  language: Language;
  problems: StoredProblem[];
}

/** The wording of the field errors in one language (`fieldErrors` of the translation file), by code. */
export type FieldErrorTexts = Record<string, string>;

/** As dry runs stored before problems were kept as tuples: a day's dry runs may still be so. */
interface EarlierStoredErrors {
  sheet: string;
  errors: { row: number; column: string; code: FieldErrorCode; params?: Record<string, string | number> }[];
}

export function storedProblemsText(stored: StoredProblems): string {
  return JSON.stringify(stored);
}

export function parseStoredProblems(text: string): StoredProblems {
  const parsed = JSON.parse(text) as StoredProblems | EarlierStoredErrors;
  if ('problems' in parsed) return parsed;
  return {
    sheet: parsed.sheet,
    language: DEFAULT_LANGUAGE,
    problems: parsed.errors.map(
      (e) => [e.row, e.column === '' ? null : columnNumber(e.column) - 1, e.code, ...(e.params ? [e.params] : [])] as StoredProblem,
    ),
  };
}

/** The message of a problem in the wording given; the key itself when there is no text, as Messages.t does. */
export function problemMessage(texts: FieldErrorTexts, [, , code, params]: StoredProblem): string {
  const text = texts[code];
  return text === undefined ? `fieldErrors.${code}` : fillPlaceholders(text, params);
}

/** A problem as the dry run's answer and its pages show it. */
export function sheetErrorOf(def: TemplateDefinition, stored: StoredProblems, problem: StoredProblem, message: string): SheetError {
  const [row, column, code] = problem;
  const templateColumn = column === null ? undefined : def.columns[column];
  return {
    sheet: stored.sheet,
    row,
    column: column === null ? '' : columnLetter(column + 1),
    columnTitle: templateColumn ? templateColumn.header[stored.language] : '',
    code,
    message,
  };
}

/** The problems for the annotated copy, each row's worded only when that row is written. */
export function sheetAnnotations(def: TemplateDefinition, stored: StoredProblems, texts: FieldErrorTexts): SheetAnnotations {
  // Sorted by row: each row's problems are a run of the list.
  const runs = new Map<number, [start: number, end: number]>();
  stored.problems.forEach(([row], i) => {
    const run = runs.get(row);
    if (run) run[1] = i + 1;
    else runs.set(row, [i, i + 1]);
  });
  return {
    rows: [...runs.keys()],
    of: (row) => {
      const [start, end] = runs.get(row) ?? [0, 0];
      return stored.problems.slice(start, end).map((problem): Annotation => {
        const error = sheetErrorOf(def, stored, problem, problemMessage(texts, problem));
        return {
          row,
          column: error.column,
          message: error.message,
          line: error.column ? `${error.column} ${error.columnTitle}: ${error.message}` : error.message,
        };
      });
    },
  };
}

/** The 1-based number of an Excel column's letters. */
export function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}
