import type { AuditEntry } from '@common/api/audit';
import { shanghaiDateTime } from '@common/fee-period';
import type { Translate } from '../exports/list-export';
import type { ExportColumn } from '../exports/xlsx-stream';

/** Excel refuses longer cells. */
const CELL_LIMIT = 32_000;
const compactJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value).slice(0, CELL_LIMIT));

export const auditColumns = (t: Translate): ExportColumn<AuditEntry>[] => [
  { header: t('audit.at'), width: 20, value: (r) => shanghaiDateTime(new Date(r.at)) },
  { header: t('audit.user'), width: 14, value: (r) => r.user?.name ?? null },
  { header: t('exports.auditRole'), width: 12, value: (r) => (r.user ? t(`roles.${r.user.role}`, r.user.role) : null) },
  { header: t('exports.auditAction'), width: 18, value: (r) => t(`audit.actions.${r.action}`, r.action) },
  { header: t('exports.auditEntityType'), width: 14, value: (r) => r.entityType },
  { header: t('exports.auditEntityId'), width: 14, value: (r) => r.entityId },
  { header: t('audit.before'), width: 50, value: (r) => compactJson(r.before) },
  { header: t('audit.after'), width: 50, value: (r) => compactJson(r.after) },
];
