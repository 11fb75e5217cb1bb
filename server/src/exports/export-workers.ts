/**
 * Exports on the workbook workers: the main thread reads keyset pages from the database and turns
 * each row into cell values, a worker writes them with exceljs and zips them, and the bytes come back
 * to be written to the response. The two halves overlap, and exceljs's garbage lives on the worker's
 * own small young generation, so a 100,000-row export neither stalls the server nor grows it.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { DownloadClosed } from '../http/errors';
import { workbookWorkers, type PoolWorker, type WorkbookWorkers } from '../workers/workbook-workers';
import type { CellValue, ExportJobMessage, ExportWorkerMessage } from './export.worker';
import type { ExportColumn } from './xlsx-stream';

/** Pages sent and not yet written: one being written while the next waits, and no more. */
const PAGES_IN_FLIGHT = 2;

export interface WorkbookJob<Row> {
  sheetName: string;
  title: string[];
  columns: ExportColumn<Row>[];
  pages: AsyncIterable<Row[]>;
}

/** Writes the workbook to `out` (not ended) on a workbook worker. */
export function writeWorkbookOnWorker<Row>(out: Writable, job: WorkbookJob<Row>, workers: WorkbookWorkers = workbookWorkers): Promise<void> {
  return workers.with((worker) => runJob(worker, out, job));
}

async function runJob<Row>(worker: PoolWorker, out: Writable, job: WorkbookJob<Row>): Promise<void> {
  const send = (message: ExportJobMessage) => worker.postMessage(message);
  let unwritten = 0;
  let pageWritten: (() => void) | null = null;
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Until the caller awaits it, a failure is reported through the page loop below.
  finished.catch(() => undefined);
  // Set by the worker's callbacks: declared so, or the loop below would see it narrowed to null.
  let failure = null as Error | null;
  const fail = (error: Error) => {
    failure ??= error;
    settle.reject(failure);
    pageWritten?.();
  };

  const onMessage = (message: ExportWorkerMessage) => {
    switch (message.type) {
      case 'chunk':
        out.write(message.chunk);
        break;
      case 'written':
        unwritten--;
        pageWritten?.();
        break;
      case 'done':
        settle.resolve();
        break;
      case 'failed':
        fail(new Error(`export worker: ${message.message}`));
        break;
    }
  };
  const onExit = (code: number) => fail(new Error(`export worker exited with ${code}`));
  const onClose = () => fail(new DownloadClosed());
  worker.on('message', onMessage).on('error', fail).on('exit', onExit);
  out.on('close', onClose);

  try {
    send({
      type: 'start',
      sheetName: job.sheetName,
      title: job.title,
      columns: job.columns.map(({ header, width, kind }) => ({ header, width, kind })),
    });
    const pages = job.pages[Symbol.asyncIterator]();
    try {
      for (;;) {
        // The next page is read only once the worker has room for it: read while the worker writes,
        // but never hold a page here waiting, where it would outlive the young generation.
        while (unwritten >= PAGES_IN_FLIGHT && !failure) await new Promise<void>((resolve) => (pageWritten = resolve));
        if (failure) throw failure;
        // A slow reader holds the export back instead of its bytes piling up here.
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), finished]);
        const page = await pages.next();
        if (page.done) break;
        const values: CellValue[][] = page.value.map((row) => job.columns.map((c) => c.value(row)));
        unwritten++;
        send({ type: 'page', rows: values });
      }
    } finally {
      await pages.return?.();
    }
    send({ type: 'end' });
    await finished;
  } finally {
    worker.off('message', onMessage).off('error', fail).off('exit', onExit);
    out.off('close', onClose);
  }
}
