/**
 * Exports in a workbook worker: exceljs turns rows into zipped XML here, off the main thread, while
 * the main thread reads the next page from the database. Protocol: see export-workers.ts.
 */
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { writeWorkbook, type CellKind, type ExportColumn } from './xlsx-stream';

export type CellValue = string | number | null;

export interface ExportColumnShape {
  header: string;
  width?: number;
  kind?: CellKind;
}

export type ExportJobMessage =
  { type: 'start'; sheetName: string; title: string[]; columns: ExportColumnShape[] } | { type: 'page'; rows: CellValue[][] } | { type: 'end' };

export type ExportWorkerMessage =
  | { type: 'chunk'; chunk: Uint8Array }
  /** A page is written; the main thread may send another. */
  | { type: 'written' }
  | { type: 'done' }
  | { type: 'failed'; message: string };

const port = parentPort!;
const post = (message: ExportWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Pages as they arrive from the main thread; asking for the next one acknowledges the last. */
class PageInbox implements AsyncIterable<CellValue[][]> {
  private readonly pages: (CellValue[][] | null)[] = [];
  private wake: (() => void) | null = null;
  private started = false;

  push(rows: CellValue[][] | null): void {
    this.pages.push(rows);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CellValue[][]> {
    for (;;) {
      if (this.started) post({ type: 'written' });
      this.started = true;
      while (this.pages.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
      const rows = this.pages.shift()!;
      if (rows === null) return;
      yield rows;
    }
  }
}

/** The workbook's bytes go to the main thread as they are zipped. */
const toMainThread = () =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      // A copy of its own, so the buffer can be transferred rather than cloned.
      const copy = new Uint8Array(chunk);
      post({ type: 'chunk', chunk: copy }, [copy.buffer]);
      done();
    },
  });

let inbox: PageInbox | null = null;

port.on('message', (message: ExportJobMessage) => {
  // Sheet jobs share the worker and its port.
  switch (message.type) {
    case 'start': {
      const pages = new PageInbox();
      inbox = pages;
      const columns: ExportColumn<CellValue[]>[] = message.columns.map((c, i) => ({ ...c, value: (row) => row[i] }));
      writeWorkbook(toMainThread(), { sheetName: message.sheetName, title: message.title, columns, pages }).then(
        () => post({ type: 'done' }),
        (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
      break;
    }
    case 'page':
      inbox?.push(message.rows);
      break;
    case 'end':
      inbox?.push(null);
      inbox = null;
      break;
  }
});
