import { auditFilters, auditPage, auditQuery } from '@common/api/audit';
import type { Clock } from '../clock';
import type { UnitNames } from '../exports/export-title';
import { exportTexts, listExporter } from '../exports/list-export';
import type { Messages } from '../http/i18n';
import { route, unitOf, type RouteDefinition } from '../http/route';
import { auditColumns } from './audit-columns';
import type { AuditService } from './audit.service';

export interface AuditRouteDeps {
  units: UnitNames;
  clock: Clock;
  messages: Messages;
  audit: AuditService;
}

export function auditRoutes({ units, clock, messages, audit }: AuditRouteDeps): RouteDefinition[] {
  const sendExport = listExporter({ units, clock, messages });

  return [
    route({
      method: 'get',
      path: '/audit',
      summary: "The unit's audit trail, newest first: by user, action, days (Asia/Shanghai) and search",
      tag: 'audit',
      access: ['unit_admin'],
      query: auditQuery,
      response: auditPage,
      handle: (ctx) => audit.page(unitOf(ctx), ctx.query),
    }),
    route({
      method: 'get',
      path: '/audit/export',
      summary: "The unit's audit trail matching the filters, as .xlsx",
      tag: 'audit',
      access: ['unit_admin'],
      query: auditFilters,
      handle: async (ctx) => {
        const unitId = unitOf(ctx);
        const t = exportTexts(messages, ctx.lang);
        const q = ctx.query;
        const { total, pages, userName } = await audit.export(unitId, q);
        return sendExport(ctx, {
          name: t('audit.title'),
          filters: [
            q.user ? `${t('audit.user')}: ${userName ?? q.user}` : null,
            q.type ? `${t('audit.type')}: ${t(`audit.actions.${q.type}`, q.type)}` : null,
            q.from ? `${t('audit.from')}: ${q.from}` : null,
            q.to ? `${t('audit.to')}: ${q.to}` : null,
            q.q ? `${t('audit.search')}: ${q.q}` : null,
          ],
          columns: auditColumns(t, ctx.lang),
          pages,
          totalRows: total,
        });
      },
    }),
  ];
}
