/**
 * What a spreadsheet cell holds, reduced to text before any field rule looks at it: exceljs hands
 * back strings, numbers, Dates, booleans, rich text, formulas with cached results, hyperlinks and
 * error values, and a person cannot tell these apart on screen.
 */
import type ExcelJS from 'exceljs';
import { isFeePeriod } from '@common/fee-period';

export interface CellText {
  text: string;
  /** `number` matters for IDs (Excel has already rounded them) and for serial dates. */
  from: 'empty' | 'text' | 'number' | 'date' | 'boolean' | 'error';
}

const EMPTY: CellText = { text: '', from: 'empty' };

export function cellText(value: ExcelJS.CellValue | undefined): CellText {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return { text: value, from: 'text' };
  if (typeof value === 'number') return Number.isFinite(value) ? { text: String(value), from: 'number' } : EMPTY;
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', from: 'boolean' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? EMPTY : { text: isoDate(value), from: 'date' };
  if ('richText' in value) return { text: value.richText.map((run) => run.text ?? '').join(''), from: 'text' };
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result);
  if ('error' in value) return { text: String(value.error), from: 'error' };
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  return EMPTY;
}

/** exceljs builds Dates at UTC midnight of the cell's calendar day. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 9999 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** An Excel serial day number as `YYYY-MM-DD`: day 1 is 1900-01-01 (or 1904-01-02), and day 60 is Excel's fictitious 29 Feb 1900. */
export function serialDate(serial: number, date1904: boolean): string | null {
  const day = Math.floor(serial);
  if (day < 1 || day > 2_958_465) return null;
  // Serials from 61 on are one day ahead of the calendar because of the fictitious leap day.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return isoDate(new Date(epoch + day * 86_400_000));
}

/** `2020-07-01`, `2020/7/1`, `2020.7.1`, `20200701`, `2020年7月1日` → `2020-07-01`. */
export function dateFromText(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** `2026-11`, `2026/11`, `2026.11`, `202611`, `2026年11月` (or a whole date) → `202611`. */
export function monthFromText(text: string): string | null {
  const date = dateFromText(text);
  if (date) return date.slice(0, 4) + date.slice(5, 7);
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  if (!match) return null;
  const period = match[1] + pad2(Number(match[2]));
  return isFeePeriod(period) ? period : null;
}

/** Text Excel writes for a number it shows in scientific notation, e.g. `1.10105E+17`. */
export function looksLikeExcelNumber(text: string): boolean {
  return /^\d+(\.\d+)?E\+?\d+$/i.test(text);
}
