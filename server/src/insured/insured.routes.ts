import { z } from 'zod';
import { insuredPage, insuredQuery, type InsuredPerson } from '@common/api/declarations';
import { idParam } from '@common/api/fields';
import { insuredPersonDetail } from '@common/api/payments';
import type { Knex } from 'knex';
import type { Clock } from '../clock';
import { exportTitle } from '../exports/export-title';
import { streamWorkbook, type ExportColumn } from '../exports/xlsx-stream';
import type { Messages } from '../http/i18n';
import { RESPONDED, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { Translate } from '../payments/payment-columns';
import type { InsuredService } from './insured.service';

const exportQuery = insuredQuery.omit({ page: true, pageSize: true });

/** The insured list's export columns: the whole ID number, unlike the list on screen. */
export const insuredColumns = (t: Translate): ExportColumn<InsuredPerson>[] => [
  { header: t('idNumber'), width: 22, value: (r) => r.idNumber },
  { header: t('name'), width: 12, value: (r) => r.name },
  { header: t('sex'), width: 6, value: (r) => t(`sex_${r.sex}`) },
  { header: t('birthDate'), width: 12, value: (r) => r.birthDate },
  { header: t('status'), width: 10, value: (r) => t(`status_${r.status}`) },
  { header: t('startMonth'), width: 10, kind: 'period', value: (r) => r.startMonth },
  { header: t('endMonth'), width: 10, kind: 'period', value: (r) => r.endMonth },
  { header: t('wage'), kind: 'money', value: (r) => r.wageFen },
  { header: t('insuranceType'), width: 40, value: (r) => r.insuranceTypes.map((type) => t(`insuranceType${type}`)).join('、') },
];

export function insuredRoutes(insured: InsuredService, exportDeps: { db: Knex; clock: Clock; messages: Messages }): RouteDefinition[] {
  return [
    route({
      method: 'get',
      path: '/insured-persons',
      summary: "Persons the unit insures or once insured (each with the latest employment), searched by ID number or name",
      tag: 'insured',
      access: UNIT_ROLES,
      query: insuredQuery,
      response: insuredPage,
      handle: (ctx) => insured.list(unitOf(ctx), ctx.query),
    }),
    route({
      method: 'get',
      path: '/insured-persons/export',
      summary: 'The insured list matching the filters, as .xlsx',
      tag: 'insured',
      access: UNIT_ROLES,
      query: exportQuery,
      handle: async (ctx) => {
        const { db, clock, messages } = exportDeps;
        const t = (key: string) => messages.t(ctx.lang, `exports.${key}`);
        const { total, pages } = await insured.forExport(unitOf(ctx), ctx.query);
        const title = await exportTitle({ db, messages, lang: ctx.lang, unitId: unitOf(ctx), now: clock.now() }, [
          ctx.query.q ? `${t('search')}: ${ctx.query.q}` : null,
          ctx.query.status ? `${t('status')}: ${t(`status_${ctx.query.status}`)}` : null,
        ]);
        await streamWorkbook(ctx.res, {
          fileName: `${title.unitName}-${t('insuredFile')}`,
          sheetName: t('insuredFile'),
          title: title.lines,
          columns: insuredColumns(t),
          pages,
          totalRows: total,
        });
        return RESPONDED;
      },
    }),
    route({
      method: 'get',
      path: '/insured-persons/:personId',
      summary: 'One person the unit insures or insured: basic, contact, employment and insurance',
      tag: 'insured',
      access: UNIT_ROLES,
      params: z.object({ personId: idParam }),
      response: insuredPersonDetail,
      handle: (ctx) => insured.detail(unitOf(ctx), ctx.params.personId),
    }),
  ];
}
