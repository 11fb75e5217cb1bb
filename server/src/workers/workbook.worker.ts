/** The workbook worker's entry: each job kind listens for its own messages. See workbook-workers.ts. */
import '../batches/sheet.worker';
import '../exports/export.worker';
