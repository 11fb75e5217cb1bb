/** One way every list is exported: the title lines, the file name with the unit, the streamed workbook. */
import { XLSX_CONTENT_TYPE } from '@common/xlsx';
import type { Clock } from '../clock';
import type { Language, Messages } from '../http/i18n';
import { RESPONDED, unitOf, type RequestContext } from '../http/route';
import { exportTitle, type UnitNames } from './export-title';
import type { Response } from 'express';
import { writeWorkbookOnWorker } from './export-workers';
import { contentDisposition, type ExportColumn, type ExportSpec } from './xlsx-stream';

/**
 * A catalogue key → its text in the caller's language: an export's column reads the same key as the
 * screen's column where the wording is the same, and `exports.*` only where it differs. `orElse` when the
 * catalogue has no such text (a code the hall does not word), the key itself otherwise.
 */
export type Translate = (key: string, orElse?: string) => string;

export const exportTexts =
  (messages: Messages, lang: Language): Translate =>
  (key, orElse) => {
    const text = messages.t(lang, key);
    return text === key && orElse !== undefined ? orElse : text;
  };

export interface ListExportDeps {
  units: UnitNames;
  clock: Clock;
  messages: Messages;
}

export interface ListExport<Row> {
  /** The list's name: the sheet's, and in the file name after the unit's. */
  name: string;
  /** After the name in the file name, e.g. the fee periods. */
  fileSuffix?: string;
  /** The filters in force, worded; null for one not set. */
  filters: (string | null)[];
  columns: ExportColumn<Row>[];
  pages: AsyncIterable<Row[]>;
  totalRows: number;
}

export function listExporter({ units, clock, messages }: ListExportDeps) {
  return async <Row>(ctx: RequestContext<unknown, unknown, unknown>, spec: ListExport<Row>): Promise<typeof RESPONDED> => {
    const title = await exportTitle({ units, messages, lang: ctx.lang, unitId: unitOf(ctx), now: clock.now() }, spec.filters);
    await streamWorkbook(ctx.res, {
      fileName: [title.unitName, spec.name, spec.fileSuffix].filter(Boolean).join('-'),
      sheetName: spec.name,
      title: title.lines,
      columns: spec.columns,
      pages: spec.pages,
      totalRows: spec.totalRows,
    });
    return RESPONDED;
  };
}

async function streamWorkbook<Row>(res: Response, spec: ExportSpec<Row>): Promise<void> {
  res.status(200);
  res.set({
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': contentDisposition(spec.fileName),
    'Cache-Control': 'no-store',
  });
  if (spec.totalRows !== undefined) res.set('X-Total-Rows', String(spec.totalRows));
  await writeWorkbookOnWorker(res, spec);
  res.end();
}
