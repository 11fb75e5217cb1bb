import { z } from 'zod';
import { submission, submissionPage, submissionQuery, type Submission, type SubmissionQueue } from '@common/api/submissions';
import { idParam } from '@common/api/fields';
import { shanghaiDateTime } from '@common/fee-period';
import { exportTexts, listExporter, type ListExportDeps, type Translate } from '../exports/list-export';
import type { ExportColumn } from '../exports/xlsx-stream';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { SubmissionService } from './submissions.service';

const submissionIdParams = z.object({ id: idParam });
const exportQuery = submissionQuery.omit({ page: true, pageSize: true });

const at = (iso: string | null) => (iso === null ? null : shanghaiDateTime(new Date(iso)));

/**
 * A queue's export columns: the screen's for that queue, in its order and words, with the whole ID number;
 * `batchRow` words a batch and row as the screen does.
 */
export const submissionColumns = (
  t: Translate,
  batchRow: (batchId: number, row: number | null) => string,
  queue: SubmissionQueue,
): ExportColumn<Submission>[] => {
  const person: ExportColumn<Submission>[] = [
    { header: t('insured.fields.name'), width: 14, value: (r) => r.personName ?? t('submissions.theUnit') },
    { header: t('insured.fields.idNumber'), width: 22, value: (r) => r.idNumber },
    { header: t('submissions.kind'), width: 16, value: (r) => t(`enums.submissionKind.${r.kind}`) },
    { header: t('submissions.month'), width: 12, kind: 'period', value: (r) => r.effectiveMonth },
  ];
  if (queue === 'pending') {
    return [
      ...person,
      { header: t('submissions.batch'), width: 18, value: (r) => (r.batchId === null ? null : batchRow(r.batchId, r.rowNumber)) },
      { header: t('submissions.submittedAt'), width: 20, value: (r) => at(r.submittedAt) },
    ];
  }
  return [
    ...person,
    { header: t('submissions.status'), width: 10, value: (r) => t(`enums.submissionStatus.${r.status}`) },
    { header: t('submissions.reviewedAt'), width: 20, value: (r) => at(r.reviewedAt) },
    { header: t('submissions.reviewReason'), width: 40, value: (r) => r.reviewReason },
  ];
};

/** The unit's queues of its submissions of every kind; each kind is submitted through its own feature. */
export function submissionRoutes(submissions: SubmissionService, exportDeps: ListExportDeps): RouteDefinition[] {
  const sendExport = listExporter(exportDeps);
  return [
    route({
      method: 'get',
      path: '/submissions',
      summary: "The unit's submissions pending review or audited, newest first",
      tag: 'submissions',
      access: UNIT_ROLES,
      query: submissionQuery,
      response: submissionPage,
      handle: (ctx) => submissions.list(unitOf(ctx), actorOf(ctx).role, ctx.query),
    }),
    route({
      method: 'get',
      path: '/submissions/export',
      summary: "The unit's queue of submissions matching the filters, as .xlsx",
      tag: 'submissions',
      access: UNIT_ROLES,
      query: exportQuery,
      handle: async (ctx) => {
        const t = exportTexts(exportDeps.messages, ctx.lang);
        const q = ctx.query;
        const { total, pages } = await submissions.forExport(unitOf(ctx), actorOf(ctx).role, q);
        const batchRow = (batchId: number, row: number | null) =>
          exportDeps.messages.t(ctx.lang, 'submissions.batchRow', { batchId, row: row ?? '' });
        return sendExport(ctx, {
          name: t('submissions.title'),
          fileSuffix: t(`submissions.queue.${q.queue}`),
          filters: [
            t(`submissions.queue.${q.queue}`),
            q.kind ? `${t('submissions.kind')}: ${t(`enums.submissionKind.${q.kind}`)}` : null,
            q.q ? `${t('exports.search')}: ${q.q}` : null,
            q.batchId ? exportDeps.messages.t(ctx.lang, 'submissions.batchFilter', { batchId: q.batchId }) : null,
          ],
          columns: submissionColumns(t, batchRow, q.queue),
          pages,
          totalRows: total,
        });
      },
    }),
    route({
      method: 'get',
      path: '/submissions/:id',
      summary: 'One submission of the unit',
      tag: 'submissions',
      access: UNIT_ROLES,
      params: submissionIdParams,
      response: submission,
      handle: (ctx) => submissions.find(unitOf(ctx), ctx.params.id, actorOf(ctx).role),
    }),
    route({
      method: 'post',
      path: '/submissions/:id/withdraw',
      summary: 'Withdraws a submission still pending review',
      tag: 'submissions',
      access: UNIT_ROLES,
      params: submissionIdParams,
      response: submission,
      handle: (ctx) => submissions.withdraw(unitOf(ctx), actorOf(ctx), ctx.params.id, ctx.requestId),
    }),
  ];
}
