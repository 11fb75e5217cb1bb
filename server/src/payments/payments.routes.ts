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
  unitPaymentPage,
  unitPaymentQuery,
  type PaymentDetail,
  type UnitPaymentPeriod,
} from '@common/api/payments';
import { displayPeriod } from '@common/fee-period';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import { streamWorkbook, type ExportColumn } from '../exports/xlsx-stream';
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

  const detailColumns = (ctx: RequestContext<any, any, any>): ExportColumn<PaymentDetail>[] => [
    { header: t(ctx, 'idNumber'), width: 22, value: (r) => r.idNumber },
    { header: t(ctx, 'name'), width: 12, value: (r) => r.name },
    { header: t(ctx, 'feePeriod'), width: 10, kind: 'period', value: (r) => r.feePeriod },
    { header: t(ctx, 'insuranceType'), width: 26, value: (r) => t(ctx, `insuranceType${r.insuranceType}`) },
    { header: t(ctx, 'base'), kind: 'money', value: (r) => r.baseFen },
    { header: t(ctx, 'unitAmount'), kind: 'money', value: (r) => r.unitAmountFen },
    { header: t(ctx, 'personAmount'), kind: 'money', value: (r) => r.personAmountFen },
    { header: t(ctx, 'status'), width: 10, value: (r) => t(ctx, `status_${r.status}`) },
    { header: t(ctx, 'paidAt'), width: 12, value: (r) => r.paidAt },
    { header: t(ctx, 'collectionSerial'), width: 20, value: (r) => r.collectionSerial },
  ];
  const periodColumns = (ctx: RequestContext<any, any, any>): ExportColumn<UnitPaymentPeriod>[] => [
    { header: t(ctx, 'feePeriod'), width: 10, kind: 'period', value: (r) => r.feePeriod },
    { header: t(ctx, 'persons'), kind: 'int', value: (r) => r.persons },
    { header: t(ctx, 'unitAmount'), kind: 'money', value: (r) => r.unitAmountFen },
    { header: t(ctx, 'personAmount'), kind: 'money', value: (r) => r.personAmountFen },
    { header: t(ctx, 'due'), kind: 'money', value: (r) => r.dueFen },
    { header: t(ctx, 'paid'), kind: 'money', value: (r) => r.paidFen },
    { header: t(ctx, 'overdue'), kind: 'money', value: (r) => r.overdueFen },
    { header: t(ctx, 'paidAt'), width: 12, value: (r) => r.collectedOn },
    { header: t(ctx, 'collectionSerial'), width: 20, value: (r) => r.collectionSerial },
  ];

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
          columns: detailColumns(ctx),
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
          columns: periodColumns(ctx),
          pages: (async function* () {
            yield rows;
          })(),
          totalRows: rows.length,
        });
        return RESPONDED;
      },
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
