/**
 * Streams an .xlsx's worksheets row by row with exceljs's WorkbookReader, with two repairs.
 *
 * exceljs decodes every inflated chunk of a part on its own (exceljs issues #2063, #2084), so a
 * Chinese character whose three UTF-8 bytes straddle two chunks turns into U+FFFD. Here every part
 * that can hold text reaches the XML parser as strings cut by a streaming UTF-8 decoder, which holds
 * an incomplete sequence back until its remaining bytes arrive.
 *
 * exceljs stops walking the archive at unzipper's 'end' event, which unzipper emits once it has parsed
 * the end record, while entries it parsed ahead still wait in its buffer: a reader busy with one
 * sheet loses the small entries after it (the other sheets, a workbook.xml written last). The reader
 * gets the archive's entries followed by a stopper entry too large to be parsed ahead (it fills
 * unzipper's entry stream until the reader drains it), so the end comes after the last real entry.
 */
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { zipEntries } from './xlsx-guard';

type Chunks = AsyncIterable<Buffer | string>;

/** The parts of WorkbookReader (exceljs 4.4.0, pinned) that receive each zip entry. */
interface WorkbookReaderInternals {
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown>;
  [Symbol.asyncIterator](): AsyncIterator<WorksheetReader>;
  model?: { sheets?: { name: string; state?: string }[] };
  /** workbook.xml's `<workbookPr>` as exceljs's xform: the parsed attributes are its model. */
  properties?: { model?: { date1904?: boolean } };
}

interface WorksheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
  state?: string;
  /** The sheet's `<cols>`, once parsed (they come before its rows). */
  _columns?: { width?: number; hidden?: boolean }[] | null;
}

const ExcelWorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => WorkbookReaderInternals;

async function* utf8Strings(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

class Utf8WorkbookReader extends ExcelWorkbookReader {
  override _parseWorkbook(entry: Readable) {
    // A readable with an encoding emits strings decoded by a StringDecoder across chunk boundaries.
    entry.setEncoding('utf8');
    return super._parseWorkbook(entry);
  }

  override _parseSharedStrings(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseSharedStrings(entry);
  }

  override _parseWorksheet(iterator: Chunks, sheetNo: string) {
    // Worksheets arrive as an iterator (of the entry or of a temporary file), hence the wrapper.
    return super._parseWorksheet(utf8Strings(iterator), sheetNo);
  }
}

export interface SheetRow {
  /** 1-based, as Excel numbers rows. */
  number: number;
  /** Cell values by 0-based column index; holes for empty cells. */
  values: ExcelJS.CellValue[];
  /** The row's last column with a cell, empty or not: what the annotated copy counts as the sheet's width. */
  width: number;
  /** With `styles`: each cell's style by 0-based column index, holes where the row has no cell. */
  styles?: Partial<ExcelJS.Style>[];
}

export interface StreamedSheet {
  name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  state: string;
  /** Position in the workbook's tab order, 0-based. */
  index: number;
  /** Must be consumed (or drained) before the next sheet is read. */
  rows: AsyncIterable<SheetRow>;
  /** The columns' widths and hidden flags, known once the first row has been read. */
  columns(): { width?: number; hidden?: boolean }[];
}

export interface WorkbookStream {
  sheets: AsyncIterable<StreamedSheet>;
  /** Known once the first sheet has been reached: whether serial dates count from 1904. */
  date1904(): boolean;
}

/** A stored entry larger than a stream's 16 KB buffer, then an end record. */
const STOPPER = (() => {
  const name = Buffer.from('unit-hall/stopper');
  const size = 64 * 1024;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(size, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return Buffer.concat([local, name, Buffer.alloc(size), end]);
})();

/** Worksheets in the order the archive stores them; each one's rows as they are parsed. */
export function streamWorkbook(file: Buffer, options: { styles?: boolean } = {}): WorkbookStream {
  const entries = zipEntries(file);
  const input = Readable.from([file.subarray(0, entries.at(-1)?.end ?? 0), STOPPER]);
  const reader = new Utf8WorkbookReader(input, {
    sharedStrings: 'cache',
    // Without styles a date cell arrives as its serial number, which the date and month columns read;
    // skipping a style object per cell keeps the parse's garbage, and resident memory, down.
    styles: options.styles ? 'cache' : 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  async function* sheets(): AsyncGenerator<StreamedSheet> {
    for await (const worksheet of reader as unknown as AsyncIterable<WorksheetReader>) {
      const order = reader.model?.sheets ?? [];
      yield {
        name: worksheet.name,
        state: worksheet.state ?? 'visible',
        index: order.findIndex((s) => s.name === worksheet.name),
        rows: rowsOf(worksheet, Boolean(options.styles)),
        columns: () => (worksheet._columns ?? []).map((c) => ({ width: c?.width, hidden: c?.hidden })),
      };
    }
  }
  return { sheets: sheets(), date1904: () => Boolean(reader.properties?.model?.date1904) };
}

async function* rowsOf(worksheet: WorksheetReader, withStyles: boolean): AsyncGenerator<SheetRow> {
  for await (const row of worksheet) {
    // exceljs's row.values is 1-based with a hole at 0.
    const read: SheetRow = { number: row.number, values: (row.values as ExcelJS.CellValue[]).slice(1), width: row.cellCount };
    if (withStyles) {
      const styles: Partial<ExcelJS.Style>[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => (styles[column - 1] = cell.style));
      read.styles = styles;
    }
    yield read;
  }
}
