import { z } from 'zod';
import { fieldOf, LISTED_FIELDS } from '@common/api/addition-fields';
import { insuredPage, insuredQuery, type InsuredPerson } from '@common/api/declarations';
import { idParam } from '@common/api/fields';
import { insuredPersonDetail } from '@common/api/payments';
import { exportTexts, listExporter, type ListExportDeps, type Translate } from '../exports/list-export';
import type { ExportColumn } from '../exports/xlsx-stream';
import { route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { InsuredService } from './insured.service';

const exportQuery = insuredQuery.omit({ page: true, pageSize: true });

/** The insured list's export columns: the screen's, in its order and words, with the whole ID number. */
export const insuredColumns = (t: Translate): ExportColumn<InsuredPerson>[] => [
  { header: t('insured.fields.name'), width: 12, value: (r) => r.name },
  { header: t('insured.fields.idNumber'), width: 22, value: (r) => r.idNumber },
  { header: t('insured.fields.sex'), width: 6, value: (r) => t(`enums.sex.${r.sex}`) },
  { header: t('insured.fields.birthDate'), width: 12, value: (r) => r.birthDate },
  { header: t('insured.fields.status'), width: 10, value: (r) => t(`enums.insuredStatus.${r.status}`) },
  { header: t('insured.fields.startMonth'), width: 10, kind: 'period', value: (r) => r.startMonth },
  { header: t('insuredList.fields.endMonth'), width: 10, kind: 'period', value: (r) => r.endMonth },
  { header: t('insured.fields.wage'), kind: 'money', value: (r) => r.wageFen },
  {
    header: t('insured.fields.insuranceTypes'),
    width: 40,
    value: (r) => r.insuranceTypes.map((type) => t(`enums.insuranceType.${type}`)).join('、'),
  },
  // Then the registry's listed fields (addition-fields.ts), as the list on screen ends with them.
  ...LISTED_FIELDS.map((key): ExportColumn<InsuredPerson> => {
    const { label, list } = fieldOf(key);
    return { header: t(label), width: list?.width, value: (r) => r[key] };
  }),
];

export function insuredRoutes(insured: InsuredService, exportDeps: ListExportDeps): RouteDefinition[] {
  const sendExport = listExporter(exportDeps);
  return [
    route({
      method: 'get',
      path: '/insured-persons',
      summary: 'Persons the unit insures or once insured (each with the latest employment), searched by ID number or name',
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
        const t = exportTexts(exportDeps.messages, ctx.lang);
        const { total, pages } = await insured.forExport(unitOf(ctx), ctx.query);
        return sendExport(ctx, {
          name: t('insuredList.title'),
          filters: [
            ctx.query.q ? `${t('insuredList.search')}: ${ctx.query.q}` : null,
            ctx.query.status ? `${t('insured.fields.status')}: ${t(`enums.insuredStatus.${ctx.query.status}`)}` : null,
          ],
          columns: insuredColumns(t),
          pages,
          totalRows: total,
        });
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
