/** The workbook worker's entry: each job kind listens for its own messages. See workbook-workers.ts. */
import { workerData } from 'node:worker_threads';
import type { WorkbookWorkerData } from './workbook-workers';
import '../batches/sheet.worker';
import '../exports/export.worker';

// exceljs spools worksheets through the tmp package, which asks os.tmpdir() for a folder at every file:
// TMPDIR in this thread's own copy of the environment points it at the folder the pool gave this worker.
process.env.TMPDIR = (workerData as WorkbookWorkerData).tempDir;
