/**
 * Sheet jobs in a workbook worker: parsing and rewriting workbooks is CPU work that would stall every
 * other request on the main thread, so it runs there. One job at a time per worker; see sheet-workers.ts.
 */
import type { Language } from '@common/i18n';
import { TEMPLATE_OF } from '../../../templates';
import type { TemplateKind } from '../../../templates/template-definition';
import { AppError } from '../http/errors';
import { jobPort } from '../workers/job-port';
import { annotateWorkbook } from './annotate';
import { parseStoredProblems, sheetAnnotations, type FieldErrorTexts } from './sheet-errors';
import { importSheet } from './sheet-import';
import { checkDeclaredSizes, zipEntries } from './xlsx-guard';

export type SheetJob =
  | { type: 'import'; file: Uint8Array; kind: TemplateKind; today: string }
  | {
      type: 'annotate';
      file: Uint8Array;
      /** The dry run's problems as stored (sheet-errors.ts): read here, not in the server's thread. */
      problems: string;
      fieldErrors: FieldErrorTexts;
      errorColumnTitle: string;
      kind: TemplateKind;
      lang: Language;
    };

export type SheetJobReply =
  | { ok: true; result: unknown }
  | { ok: false; error: { status: number; code: string; params: Record<string, string | number> } | { message: string } };

async function run(job: SheetJob): Promise<unknown> {
  const file = Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength);
  if (job.type === 'annotate') {
    const def = TEMPLATE_OF[job.kind];
    const stored = parseStoredProblems(job.problems);
    return annotateWorkbook(file, stored.sheet, job.errorColumnTitle, sheetAnnotations(def, stored, job.fieldErrors), { def, lang: job.lang });
  }
  // The main thread has walked the archive; inflating every entry within its declared size is the
  // slower half of the zip-bomb check and belongs here.
  checkDeclaredSizes(file, zipEntries(file));
  return importSheet(file, TEMPLATE_OF[job.kind], new Date(job.today));
}

const SHEET_JOBS: ReadonlySet<string> = new Set<SheetJob['type']>(['import', 'annotate']);

jobPort().onMessage(async (job: SheetJob) => {
  if (!SHEET_JOBS.has(job.type)) return;
  let reply: SheetJobReply;
  try {
    reply = { ok: true, result: await run(job) };
  } catch (error) {
    reply = {
      ok: false,
      error:
        error instanceof AppError
          ? { status: error.status, code: error.code, params: error.params }
          : { message: error instanceof Error ? error.message : String(error) },
    };
  }
  jobPort().postMessage(reply);
});
