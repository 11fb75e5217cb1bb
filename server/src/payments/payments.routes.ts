import { z } from 'zod';
import { idParam } from '@common/api/fields';
import {
  assessmentRequest,
  assessmentResult,
  collectionRequest,
  collectionResult,
  paymentDetail,
  paymentDetailPage,
  paymentDetailQuery,
  paymentStatement,
  paymentStatementQuery,
  unitPaymentPage,
  unitPaymentQuery,
} from '@common/api/payments';
import { displayPeriod } from '@common/fee-period';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import { streamWorkbook } from '../exports/xlsx-stream';
import { paymentDetailColumns, unitPaymentColumns } from './payment-columns';
import { exportTitle, type ExportContext } from '../exports/export-title';
import type { Messages } from '../http/i18n';
import { actorOf, RESPONDED, route, unitOf, UNIT_ROLES, type RequestContext, type RouteDefinition } from '../http/route';
import type { AssessmentService } from './assessment.service';
import type { PaymentService } from './payments.service';

const exportDetailQuery = paymentDetailQuery.omit({ page: true, pageSize: true });
const exportPeriodQuery = unitPaymentQuery.omit({ page: true, pageSize: true });

export interface PaymentRouteDeps {
  db: Knex;
  clock: Clock;
  messages: Messages;
  payments: PaymentService;
  assessments: AssessmentService;
}

export function paymentRoutes({ db, clock, messages, payments, assessments }: PaymentRouteDeps): RouteDefinition[] {
  const context = (ctx: RequestContext<any, any, any>): ExportContext => ({
    db,
    messages,
    lang: ctx.lang,
    unitId: unitOf(ctx),
    now: clock.now(),
  });
  const t = (ctx: RequestContext<any, any, any>, key: string) => messages.t(ctx.lang, `exports.${key}`);
  const period = (value?: string) => (value ? displayPeriod(value) : '…');

  const tr = (ctx: RequestContext<any, any, any>) => (key: string) => t(ctx, key);

  return [
    route({
      method: 'get',
      path: '/payments/details',
      summary: 'Employee payment details, by ID number or name and a range of fee periods',
      tag: 'payments',
      access: UNIT_ROLES,
      query: paymentDetailQuery,
      response: paymentDetailPage,
      handle: (ctx) => payments.details(unitOf(ctx), ctx.query),
    }),
    route({
      method: 'get',
      path: '/payments/details/export',
      summary: 'The employee payment details matching the filters, as .xlsx',
      tag: 'payments',
      access: UNIT_ROLES,
      query: exportDetailQuery,
      handle: async (ctx) => {
        const { total, pages } = await payments.detailExport(unitOf(ctx), ctx.query);
        const q = ctx.query;
        const title = await exportTitle(context(ctx), [
          q.q ? `${t(ctx, 'search')}: ${q.q}` : null,
          `${t(ctx, 'feePeriod')}: ${period(q.from)} – ${period(q.to)}`,
          q.insuranceType ? `${t(ctx, 'insuranceType')}: ${t(ctx, `insuranceType${q.insuranceType}`)}` : null,
          q.status ? `${t(ctx, 'status')}: ${t(ctx, `status_${q.status}`)}` : null,
        ]);
        await streamWorkbook(ctx.res, {
          fileName: `${title.unitName}-${t(ctx, 'paymentDetailsFile')}-${q.from ?? ''}-${q.to ?? ''}`.replace(/-+$/, ''),
          sheetName: t(ctx, 'paymentDetailsFile'),
          title: title.lines,
          columns: paymentDetailColumns(tr(ctx)),
          pages,
          totalRows: total,
        });
        return RESPONDED;
      },
    }),
    route({
      method: 'get',
      path: '/payments/details/:id',
      summary: 'One payment detail, with the whole ID number',
      tag: 'payments',
      access: UNIT_ROLES,
      params: z.object({ id: idParam }),
      response: paymentDetail,
      handle: (ctx) => payments.detail(unitOf(ctx), ctx.params.id),
    }),
    route({
      method: 'get',
      path: '/payments/periods',
      summary: "The unit's payments per fee period: due, paid and overdue totals",
      tag: 'payments',
      access: UNIT_ROLES,
      query: unitPaymentQuery,
      response: unitPaymentPage,
      handle: (ctx) => payments.periods(unitOf(ctx), ctx.query),
    }),
    route({
      method: 'get',
      path: '/payments/periods/export',
      summary: "The unit's payments per fee period matching the filters, as .xlsx",
      tag: 'payments',
      access: UNIT_ROLES,
      query: exportPeriodQuery,
      handle: async (ctx) => {
        const rows = await payments.allPeriods(unitOf(ctx), ctx.query);
        const q = ctx.query;
        const title = await exportTitle(context(ctx), [
          `${t(ctx, 'feePeriod')}: ${period(q.from)} – ${period(q.to)}`,
          q.insuranceType ? `${t(ctx, 'insuranceType')}: ${t(ctx, `insuranceType${q.insuranceType}`)}` : null,
        ]);
        await streamWorkbook(ctx.res, {
          fileName: `${title.unitName}-${t(ctx, 'unitPaymentsFile')}-${q.from ?? ''}-${q.to ?? ''}`.replace(/-+$/, ''),
          sheetName: t(ctx, 'unitPaymentsFile'),
          title: title.lines,
          columns: unitPaymentColumns(tr(ctx)),
          pages: (async function* () {
            yield rows;
          })(),
          totalRows: rows.length,
        });
        return RESPONDED;
      },
    }),
    route({
      method: 'get',
      path: '/payments/statement',
      summary: "The unit's statement for one fee period: due and paid per insurance type and side, for printing",
      tag: 'payments',
      access: UNIT_ROLES,
      query: paymentStatementQuery,
      response: paymentStatement,
      handle: (ctx) => payments.statement(unitOf(ctx), ctx.query.period),
    }),
    route({
      method: 'post',
      path: '/review/assessments',
      summary: "Assesses (again) a unit's fee period from the enrollments in force",
      tag: 'review',
      access: ['reviewer'],
      body: assessmentRequest,
      response: assessmentResult,
      handle: (ctx) => assessments.assess(ctx.body.unitId, ctx.body.feePeriod, actorOf(ctx).userId, ctx.requestId),
    }),
    route({
      method: 'post',
      path: '/review/collections',
      summary: "Records a unit's collection for a fee period; its payment details become paid",
      tag: 'review',
      access: ['reviewer'],
      body: collectionRequest,
      response: collectionResult,
      handle: (ctx) => payments.recordCollection(actorOf(ctx), ctx.body, ctx.requestId),
    }),
  ];
}
