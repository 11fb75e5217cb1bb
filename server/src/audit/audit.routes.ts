import { auditFilters, auditPage, auditQuery } from '@common/api/audit';
import type { Clock } from '../clock';
import type { UnitNames } from '../exports/export-title';
import { listExporter } from '../exports/list-export';
import type { Messages } from '../http/i18n';
import { route, unitOf, type RequestContext, type RouteDefinition } from '../http/route';
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
  const translate = (ctx: RequestContext<any, any, any>) => (key: string) => {
    const text = messages.t(ctx.lang, `exports.${key}`);
    return text === `exports.${key}` ? null : text;
  };

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
        const t = translate(ctx);
        const q = ctx.query;
        const { total, pages, userName } = await audit.export(unitId, q);
        return sendExport(ctx, {
          name: t('auditFile')!,
          filters: [
            q.user ? `${t('auditUser')}: ${userName ?? q.user}` : null,
            q.type ? `${t('auditAction')}: ${t(`auditAction_${q.type}`) ?? q.type}` : null,
            q.from || q.to ? `${t('auditDays')}: ${q.from ?? '…'} – ${q.to ?? '…'}` : null,
            q.q ? `${t('auditSearch')}: ${q.q}` : null,
          ],
          columns: auditColumns(t),
          pages,
          totalRows: total,
        });
      },
    }),
  ];
}
