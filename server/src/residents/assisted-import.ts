import type { SheetError } from '@common/api/declarations';
import { ASSISTED_IMPORT_KIND, assistedPersonInput, type AssistedImportResult } from '@common/api/residents';
import type { FieldErrorCode } from '@common/errors';
import type { Language } from '@common/i18n';
import { TEMPLATE_OF } from '../../../templates';
import { columnLetter } from '../../../templates/template-definition';
import type { Clock } from '../clock';
import type { SheetImport, SheetProblem } from '../batches/sheet-import';
import { SheetJobFailed, SheetWorkers } from '../batches/sheet-workers';
import { templateWorkbook } from '../batches/template-workbook';
import { checkXlsx } from '../batches/xlsx-guard';
import { AppError } from '../http/errors';
import type { Messages } from '../http/i18n';
import type { Actor } from '../http/route';
import type { ResidentService } from './residents.service';

const TEMPLATE = TEMPLATE_OF[ASSISTED_IMPORT_KIND];

/**
 * The agency's batch import of assisted persons through the batches' template machinery: the same template
 * download, the same reading of the sheet on the workbook workers (header, every row, errors by sheet, row
 * and column), then the records' checks. A dry run writes nothing; a commit writes every row in one
 * transaction, or nothing when any row has a problem. The upload is held in memory only.
 */
export class AssistedImport {
  private readonly templates = new Map<Language, Promise<Buffer>>();

  constructor(
    private readonly residents: ResidentService,
    private readonly clock: Clock,
    private readonly messages: Messages,
    private readonly workers = new SheetWorkers(),
  ) {}

  /** The template in the caller's language, built once per process. */
  template(lang: Language): { fileName: string; file: Promise<Buffer> } {
    if (!this.templates.has(lang)) this.templates.set(lang, templateWorkbook(TEMPLATE, lang));
    return { fileName: `${TEMPLATE.sheetName[lang]}-v${TEMPLATE.version}`, file: this.templates.get(lang)! };
  }

  async run(actor: Actor, file: Buffer, commit: boolean, lang: Language, requestId: string): Promise<AssistedImportResult> {
    checkXlsx(file);
    const imported = await this.workers
      .run<SheetImport>({ type: 'import', file, kind: ASSISTED_IMPORT_KIND, today: this.clock.now().toISOString() })
      .catch((error: unknown) => {
        throw error instanceof SheetJobFailed ? new AppError(415, 'UPLOAD_NOT_XLSX') : error;
      });
    const problems: SheetProblem[] = [...imported.problems];
    const entries = imported.valid.map((r) => ({ rowNumber: r.rowNumber, input: assistedPersonInput.parse(r.input) }));
    const found = await this.residents.assistedProblems(entries.map((e) => e.input));
    found.forEach((rowProblems, i) => {
      for (const p of rowProblems) {
        problems.push({ row: entries[i].rowNumber, column: TEMPLATE.columns.findIndex((c) => c.key === p.field), code: p.code });
      }
    });
    problems.sort((a, b) => a.row - b.row || (a.column ?? -1) - (b.column ?? -1));
    const errors = problems.map((p) => this.sheetError(imported, p, lang));
    if (!commit || errors.length > 0 || entries.length === 0) return { rows: imported.rows, imported: 0, errors };
    const ids = await this.residents.insertAssisted(
      actor,
      entries.map((e) => e.input),
      requestId,
    );
    return { rows: imported.rows, imported: ids.length, errors: [] };
  }

  private sheetError(imported: SheetImport, p: SheetProblem, lang: Language): SheetError {
    const column = p.column === null ? null : TEMPLATE.columns[p.column];
    return {
      sheet: imported.sheet,
      row: p.row,
      column: p.column === null ? '' : columnLetter(p.column + 1),
      columnTitle: column ? column.header[imported.language] : '',
      code: p.code satisfies FieldErrorCode,
      message: this.messages.t(lang, `fieldErrors.${p.code}`, p.params),
    };
  }
}
