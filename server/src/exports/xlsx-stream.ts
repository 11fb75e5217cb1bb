/**
 * Writes a list as an .xlsx stream: exceljs's streaming writer, rows fed page by page, so memory
 * stays flat in the number of rows. Exports run it in an export worker (export-workers.ts).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

/** Excel shows the separators of the reader's own locale for `,` and `.`. */
export const MONEY_FORMAT = '#,##0.00';

export type CellKind = 'text' | 'money' | 'int' | 'period';

export interface ExportColumn<Row> {
  header: string;
  width?: number;
  kind?: CellKind;
  value(row: Row): string | number | null;
}

export interface ExportSpec<Row> {
  /** File name without extension; non-ASCII is sent RFC 5987-encoded. */
  fileName: string;
  sheetName: string;
  /** Lines above the header: the unit, the filters, the time of export. */
  title: string[];
  columns: ExportColumn<Row>[];
  pages: AsyncIterable<Row[]>;
  /** Rows the filters match, sent as X-Total-Rows so the browser can show progress. */
  totalRows?: number;
}

/** A text cell must never be read as a formula by a spreadsheet program. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellValue(kind: CellKind, value: string | number | null): string | number | null {
  if (value === null) return null;
  switch (kind) {
    case 'money':
      // Fen are exact integers; dividing only for display, with a two-decimal number format.
      return Number(value) / 100;
    case 'int':
      return Number(value);
    case 'period': {
      const text = String(value);
      return /^\d{6}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4)}` : text;
    }
    default:
      return neutraliseFormula(String(value));
  }
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}.xlsx`;
}

/**
 * exceljs writes committed rows into the zip's deflate stream without heeding its backpressure, so a
 * fast producer piles compressed-to-be rows up in memory; wait for the zip to catch up between pages.
 */
async function drained(sheet: ExcelJS.Worksheet): Promise<void> {
  // The pipes are readable-stream (v2) PassThroughs, which predate `writableNeedDrain`.
  type Pipe = NodeJS.EventEmitter & { _writableState?: { needDrain?: boolean } };
  const pipes: Pipe[] = (sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) if (pipe._writableState?.needDrain) await once(pipe, 'drain');
}

/** Writes the workbook to any stream; waits for a slow reader before fetching the next page. */
export async function writeWorkbook<Row>(stream: Writable, spec: Omit<ExportSpec<Row>, 'fileName' | 'totalRows'>): Promise<void> {
  // Loaded on the first export: exceljs is a second and 35 MB the server's main thread never needs.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const headerRow = spec.title.length + 1;
  // The title and the header stay in sight while scrolling; the header row carries the filter buttons.
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: spec.columns.length } };
  // Money's thousands separators and two decimals as the column's style: every cell of the column shares it.
  sheet.columns = spec.columns.map((c) => ({ width: c.width ?? 16, ...(c.kind === 'money' ? { style: { numFmt: MONEY_FORMAT } } : {}) }));
  for (const line of spec.title) {
    sheet.addRow([neutraliseFormula(line)]).commit();
  }
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const rows of spec.pages) {
    for (const row of rows) {
      sheet.addRow(spec.columns.map((c) => cellValue(c.kind ?? 'text', c.value(row)))).commit();
    }
    await drained(sheet);
    if (stream.writableNeedDrain) await once(stream, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}
