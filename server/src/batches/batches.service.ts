/**
 * Batches from templates: the dry run of an uploaded workbook (stored, so any instance can answer the
 * annotated download and the submit), the annotated copy, and the submit of the valid rows as one batch.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { baseDeclarationRow } from '@common/api/base-declarations';
import {
  BATCH_ERRORS_IN_ANSWER,
  type BatchKind,
  type BatchPreviewPage,
  type BatchSubmitResult,
  type BatchValidation,
  type SheetError,
  type SheetErrorPage,
} from '@common/api/declarations';
import { maskIdNumber } from '@common/validators/id-number';
import type { FieldErrorCode } from '@common/errors';
import { TEMPLATES } from '../../../templates';
import { SHEET_TEXTS, type TemplateDefinition } from '../../../templates/template-definition';
import type { Clock } from '../clock';
import type { BaseDeclarationService } from '../base-declarations/base-declarations.service';
import { checkedAgainIfOvertaken, type DeclarationService } from '../declarations/declarations.service';
import { declarationRows, type RowProblem } from '../declarations/declaration-rules';
import { AppError } from '../http/errors';
import type { Language, Messages } from '../http/i18n';
import type { Actor } from '../http/route';
import { BatchUploadStore } from './batches.store';
import { parseStoredProblems, problemMessage, sheetErrorOf, storedProblemsText, type StoredProblem, type StoredProblems } from './sheet-errors';
import type { ImportedRow, SheetImport, SheetProblem } from './sheet-import';
import { SheetJobFailed, SheetWorkers } from './sheet-workers';
import { UnitService } from '../unit/unit.service';
import { checkXlsx } from './xlsx-guard';

/** How long a dry run can be submitted: after a day the records it was checked against have moved on. */
export const VALIDATION_KEPT_MS = 24 * 60 * 60 * 1000;

/** Rows of the dry run's preview in its answer; the rest are paged from their own route. */
export const PREVIEW_PAGE_SIZE = 20;

/** What a unit may keep in dry runs waiting for their submit: each holds its file, errors and valid rows. */
export const DRY_RUN_BOUNDS = { maxPending: 50, maxPendingBytes: 200 * 1024 * 1024 };

export class BatchService {
  private readonly store: BatchUploadStore;
  private readonly units: UnitService;

  /** The feature's wiring on a knex handle: the declarations and base declarations it submits (and their rules), and the workbook workers. */
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly messages: Messages,
    private readonly declarations: DeclarationService,
    private readonly baseDeclarations: BaseDeclarationService,
    private readonly workers = new SheetWorkers(),
  ) {
    this.store = new BatchUploadStore(db);
    this.units = new UnitService(db, clock);
  }

  on(trx: Knex.Transaction): BatchService {
    return new BatchService(trx, this.clock, this.messages, this.declarations.on(trx), this.baseDeclarations.on(trx), this.workers);
  }

  async validate(unitId: number, actor: Actor, kind: BatchKind, file: Buffer, fileName: string, lang: Language): Promise<BatchValidation> {
    checkXlsx(file);
    // Outside its window a base declaration is refused before the file is read.
    if (kind === 'base-declaration') await this.baseDeclarations.openYear();
    const now = this.clock.now();
    const def = TEMPLATES[kind];
    const imported = await this.runJob<SheetImport>({ type: 'import', file, kind, today: now.toISOString() });

    const problems = [...imported.problems];
    const valid = imported.valid;
    // Faulty rows meet the rules too, with the fields that read well, so a user fixing a row learns
    // everything wrong with it at once. One check for all rows keeps the lookups set-based.
    const checked = [...valid.map((r) => ({ rowNumber: r.rowNumber, facts: r.input })), ...imported.incomplete];
    if (checked.length > 0) {
      // Numbers, not texts: a file can have 100,000 problems.
      const cellOf = (p: { row: number; column: number | null }) => p.row * 1024 + (p.column ?? 1023);
      const taken = new Set(imported.problems.map(cellOf));
      const facts = checked.map((r) => r.facts);
      const found =
        kind === 'base-declaration'
          ? await this.baseDeclarations.checkRows(unitId, facts)
          : await this.declarations.rules.checkFacts(unitId, kind, facts);
      found.forEach((rowProblems, i) => {
        for (const p of rowProblems) {
          const problem = { row: checked[i].rowNumber, column: columnIndex(def, p.field), code: whereItWaits(p), params: p.params };
          if (!taken.has(cellOf(problem))) problems.push(problem);
        }
      });
    }
    const invalidRowNumbers = new Set(problems.filter((p) => p.row > 1).map((p) => p.row));
    const headerFailed = problems.some((p) => p.row === 1);
    const stillValid = headerFailed ? [] : valid.filter((r) => !invalidRowNumbers.has(r.rowNumber));

    const upload = {
      token: randomBytes(24).toString('base64url'),
      unitId,
      userId: actor.userId,
      kind,
      fileName,
      rows: imported.rows,
      validRows: stillValid.length,
      invalidRows: imported.rows - stillValid.length,
      createdAt: now.toISOString(),
    };
    const stored: StoredProblems = { sheet: imported.sheet, language: imported.language, problems: sortProblems(problems).map(storedProblem) };
    const expiredBefore = new Date(now.getTime() - VALIDATION_KEPT_MS).toISOString();
    await this.store.purgeUnsubmitted(expiredBefore);
    await this.db.transaction(async (trx) => {
      const { store, units } = this.on(trx);
      // Counted under the unit's lock after the insert, so instances storing at once cannot both take the last place.
      await units.lock(unitId);
      await store.insert(upload, storedProblemsText(stored), stillValid, file);
      const pending = await store.pending(unitId, expiredBefore);
      if (pending.count > DRY_RUN_BOUNDS.maxPending) throw new AppError(429, 'BATCH_DRY_RUNS_TOO_MANY', { max: DRY_RUN_BOUNDS.maxPending });
      if (pending.bytes > DRY_RUN_BOUNDS.maxPendingBytes) {
        throw new AppError(429, 'BATCH_DRY_RUNS_TOO_LARGE', { limit: `${DRY_RUN_BOUNDS.maxPendingBytes / 1024 / 1024} MB` });
      }
    });
    const preview = kind === 'addition' ? await this.previewPage(unitId, kind, stillValid, { page: 0, pageSize: PREVIEW_PAGE_SIZE }) : null;
    return {
      token: upload.token,
      kind,
      fileName,
      rows: upload.rows,
      validRows: upload.validRows,
      invalidRows: upload.invalidRows,
      errors: this.sheetErrors(def, stored, stored.problems.slice(0, BATCH_ERRORS_IN_ANSWER), lang),
      errorCount: stored.problems.length,
      preview,
    };
  }

  /** A page of the dry run's problems, in row order, in the caller's language. */
  async errors(unitId: number, token: string, { page, pageSize }: { page: number; pageSize: number }, lang: Language): Promise<SheetErrorPage> {
    const upload = await this.store.find(unitId, token);
    const text = upload && (await this.store.problems(unitId, token));
    if (!upload || text === null) throw new AppError(404, 'NOT_FOUND');
    const stored = parseStoredProblems(text);
    const items = this.sheetErrors(TEMPLATES[upload.kind], stored, stored.problems.slice(page * pageSize, (page + 1) * pageSize), lang);
    return { items, total: stored.problems.length, page, pageSize };
  }

  /** A page of what the dry run's valid rows will become once submitted and approved. */
  async preview(unitId: number, token: string, page: { page: number; pageSize: number }): Promise<BatchPreviewPage> {
    const store = this.store;
    const upload = await store.find(unitId, token);
    if (!upload) throw new AppError(404, 'NOT_FOUND');
    return this.previewPage(unitId, upload.kind, await store.validRows(unitId, token), page);
  }

  private async previewPage(
    unitId: number,
    kind: BatchKind,
    valid: ImportedRow[],
    { page, pageSize }: { page: number; pageSize: number },
  ): Promise<BatchPreviewPage> {
    // A reduction has nothing to preview beyond its row: it stops in the current month; a base declaration shows its base on its own page.
    if (kind !== 'addition') return { items: [], total: 0, page, pageSize };
    const declared = declarationRows(kind, valid.slice(page * pageSize, (page + 1) * pageSize));
    if (declared.kind !== 'addition') return { items: [], total: 0, page, pageSize };
    const outcomes = await this.declarations.outcomes(
      unitId,
      declared.rows.map((r) => r.input),
    );
    const items = declared.rows.map(({ input, rowNumber }, i) => ({
      row: rowNumber!,
      name: input.name,
      idNumberMasked: maskIdNumber(input.idNumber),
      effectiveMonth: input.effectiveMonth,
      wageFen: input.wageFen,
      baseFen: outcomes[i].baseFen,
      unitFen: outcomes[i].totalUnitFen,
      personFen: outcomes[i].totalPersonFen,
      residentInsuranceEndsWith: outcomes[i].residentInsuranceEndsWith,
    }));
    return { items, total: valid.length, page, pageSize };
  }

  /** The user's workbook with an error column and the bad cells marked, in the caller's language. */
  async annotated(unitId: number, token: string, lang: Language): Promise<{ fileName: string; file: Buffer }> {
    const store = this.store;
    const upload = await store.find(unitId, token);
    const file = upload && (await store.file(unitId, token));
    const problems = upload && (await store.problems(unitId, token));
    if (!upload || !file || problems === null) throw new AppError(404, 'NOT_FOUND');
    const texts = SHEET_TEXTS[lang];
    // The worker reads and words the problems as it writes each row; the server's thread holds only their text.
    const annotated = await this.runJob<Uint8Array>({
      type: 'annotate',
      file,
      problems,
      fieldErrors: this.messages.texts(lang, 'fieldErrors'),
      errorColumnTitle: texts.errorColumn,
      kind: upload.kind,
      lang,
    });
    const base = upload.fileName.replace(/\.xlsx$/i, '');
    return { fileName: `${base}-${texts.errorColumn}`, file: Buffer.from(annotated.buffer, annotated.byteOffset, annotated.byteLength) };
  }

  /** Submits the dry run's valid rows as one batch; the upload can be submitted once, within a day. */
  async submit(unitId: number, actor: Actor, token: string, requestId: string): Promise<BatchSubmitResult> {
    const store = this.store;
    const upload = await store.find(unitId, token);
    // Unknown and another unit's tokens look the same.
    if (!upload) throw new AppError(404, 'BATCH_VALIDATION_EXPIRED');
    const age = this.clock.now().getTime() - new Date(upload.createdAt).getTime();
    if (upload.batchId !== null) throw alreadySubmitted(upload.batchId);
    if (age > VALIDATION_KEPT_MS) throw new AppError(410, 'BATCH_VALIDATION_EXPIRED');
    if (upload.validRows === 0) throw new AppError(422, 'BATCH_NOTHING_VALID');
    const rows = await store.validRows(unitId, token);

    return checkedAgainIfOvertaken(() =>
      this.db.transaction(async (trx) => {
        // Claimed first: a concurrent submit of the same dry run waits here, then finds it submitted.
        const batches = this.on(trx);
        if (!(await batches.store.lockUnsubmitted(unitId, token))) throw alreadySubmitted((await batches.store.find(unitId, token))?.batchId ?? null);
        const kind = upload.kind;
        const batch = { fileName: upload.fileName };
        const submitted = await (
          kind === 'base-declaration'
            ? batches.baseDeclarations.submitRows(
                unitId,
                actor,
                rows.map((r) => ({ input: baseDeclarationRow.parse(r.input), rowNumber: r.rowNumber })),
                batch,
                requestId,
              )
            : batches.declarations.submit(unitId, actor, declarationRows(kind, rows), batch, requestId, trx)
        ).catch((error: unknown) => {
          throw staleDryRun(error);
        });
        await batches.store.markSubmitted(unitId, token, submitted.batchId!);
        return { batchId: submitted.batchId!, declarations: submitted.declarationIds.length };
      }),
    );
  }

  private sheetErrors(def: TemplateDefinition, stored: StoredProblems, problems: StoredProblem[], lang: Language): SheetError[] {
    const texts = this.messages.texts(lang, 'fieldErrors');
    return problems.map((p) => sheetErrorOf(def, stored, p, problemMessage(texts, p)));
  }

  /** A workbook that exceljs cannot read is not one we accept; the worker's own failures stay errors. */
  private async runJob<T>(job: Parameters<SheetWorkers['run']>[0]): Promise<T> {
    try {
      return await this.workers.run<T>(job);
    } catch (error) {
      if (error instanceof SheetJobFailed && job.type === 'import') throw new AppError(415, 'UPLOAD_NOT_XLSX');
      throw error;
    }
  }
}

const alreadySubmitted = (batchId: number | null) => new AppError(409, 'BATCH_ALREADY_SUBMITTED', { batchId: batchId ?? '' });

/**
 * The records moved on since the dry run (someone added or submitted one of its persons, a month
 * closed): nothing is submitted, and the rows it now refuses are named by their sheet rows.
 */
function staleDryRun(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') return error;
  const rows = [...new Set(error.fields.map((f) => Number(f.field.split('.')[1])))].sort((a, b) => a - b);
  return new AppError(409, 'BATCH_VALIDATION_STALE', { rows: rows.join(', ') }, error.fields);
}

/** A row whose person already waits for review says where: a re-uploaded file's submitted rows name their batch. */
function whereItWaits(problem: RowProblem): FieldErrorCode {
  if (problem.code !== 'DECLARATION_PENDING' || !problem.params) return problem.code;
  return problem.params.batch === undefined ? 'PENDING_AS_SUBMISSION' : 'ALREADY_SUBMITTED_IN_BATCH';
}

function columnIndex(def: TemplateDefinition, field: string): number | null {
  const index = def.columns.findIndex((c) => c.key === field.split('.')[0]);
  return index < 0 ? null : index;
}

function sortProblems(problems: SheetProblem[]): SheetProblem[] {
  return problems.sort((a, b) => a.row - b.row || (a.column ?? -1) - (b.column ?? -1));
}

function storedProblem(p: SheetProblem): StoredProblem {
  return p.params ? [p.row, p.column, p.code, p.params] : [p.row, p.column, p.code];
}
