import type { AuditEntry } from '@common/api/audit';
import { shanghaiDateTime } from '@common/fee-period';
import type { ExportColumn } from '../exports/xlsx-stream';

/** `key` → text under `exports.` in the caller's language; null when there is none. */
export type Translate = (key: string) => string | null;

/** Excel refuses longer cells. */
const CELL_LIMIT = 32_000;
const compactJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value).slice(0, CELL_LIMIT));

export const auditColumns = (t: Translate): ExportColumn<AuditEntry>[] => [
  { header: t('auditAt')!, width: 20, value: (r) => shanghaiDateTime(new Date(r.at)) },
  { header: t('auditUser')!, width: 14, value: (r) => r.user?.name ?? null },
  { header: t('auditRole')!, width: 12, value: (r) => (r.user ? (t(`role_${r.user.role}`) ?? r.user.role) : null) },
  { header: t('auditAction')!, width: 18, value: (r) => t(`auditAction_${r.action}`) ?? r.action },
  { header: t('auditEntityType')!, width: 14, value: (r) => r.entityType },
  { header: t('auditEntityId')!, width: 14, value: (r) => r.entityId },
  { header: t('auditBefore')!, width: 50, value: (r) => compactJson(r.before) },
  { header: t('auditAfter')!, width: 50, value: (r) => compactJson(r.after) },
];
