import { z } from 'zod';
import { idParam } from '@common/api/fields';
import {
  assessmentRequest,
  assessmentResult,
  cityAssessmentRequest,
  cityAssessmentResult,
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
import type { Clock } from '../clock';
import { paymentDetailColumns, unitPaymentColumns } from './payment-columns';
import type { UnitNames } from '../exports/export-title';
import { exportTexts, listExporter } from '../exports/list-export';
import type { Messages } from '../http/i18n';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { AssessmentService } from './assessment.service';
import type { PaymentService } from './payments.service';

const exportDetailQuery = paymentDetailQuery.omit({ page: true, pageSize: true });
const exportPeriodQuery = unitPaymentQuery.omit({ page: true, pageSize: true });

export interface PaymentRouteDeps {
  unit: UnitNames;
  clock: Clock;
  messages: Messages;
  payments: PaymentService;
  assessments: AssessmentService;
}

export function paymentRoutes({ unit, clock, messages, payments, assessments }: PaymentRouteDeps): RouteDefinition[] {
  const sendExport = listExporter({ units: unit, clock, messages });
  const period = (value?: string) => (value ? displayPeriod(value) : '…');
  const periodSuffix = (q: { from?: string; to?: string }) => `${q.from ?? ''}-${q.to ?? ''}`.replace(/-+$/, '');

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
        const t = exportTexts(messages, ctx.lang);
        return sendExport(ctx, {
          name: t('payments.details.title'),
          fileSuffix: periodSuffix(q),
          filters: [
            q.q ? `${t('payments.details.search')}: ${q.q}` : null,
            `${t('payments.fields.feePeriod')}: ${period(q.from)} – ${period(q.to)}`,
            q.insuranceType ? `${t('payments.fields.insuranceType')}: ${t(`enums.insuranceType.${q.insuranceType}`)}` : null,
            q.status ? `${t('payments.fields.status')}: ${t(`payments.status.${q.status}`)}` : null,
          ],
          columns: paymentDetailColumns(t),
          pages,
          totalRows: total,
        });
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
        const t = exportTexts(messages, ctx.lang);
        return sendExport(ctx, {
          name: t('payments.periods.title'),
          fileSuffix: periodSuffix(q),
          filters: [
            `${t('payments.fields.feePeriod')}: ${period(q.from)} – ${period(q.to)}`,
            q.insuranceType ? `${t('payments.fields.insuranceType')}: ${t(`enums.insuranceType.${q.insuranceType}`)}` : null,
          ],
          columns: unitPaymentColumns(t),
          pages: (async function* () {
            yield rows;
          })(),
          totalRows: rows.length,
        });
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
      path: '/review/assessments/all',
      summary: 'The monthly assessment of a fee period for every unit; units already assessed are skipped, so it may be run again',
      tag: 'review',
      access: ['reviewer'],
      body: cityAssessmentRequest,
      response: cityAssessmentResult,
      handle: (ctx) => assessments.assessAll(ctx.body.feePeriod, actorOf(ctx).userId, ctx.requestId),
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
