import type { AuditEntry } from '@common/api/audit';
import { shanghaiDateTime } from '@common/fee-period';
import type { Translate } from '../exports/list-export';
import type { ExportColumn } from '../exports/xlsx-stream';

/** Excel refuses longer cells. */
const CELL_LIMIT = 32_000;
const compactJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value).slice(0, CELL_LIMIT));

/** The audit page's columns in its order and words; its changes column opens into before and after. */
export const auditColumns = (t: Translate): ExportColumn<AuditEntry>[] => [
  { header: t('audit.at'), width: 20, value: (r) => shanghaiDateTime(new Date(r.at)) },
  // An entry without a user is the hall's own doing, as the monthly assessment is.
  { header: t('audit.user'), width: 20, value: (r) => (r.user ? `${r.user.name}（${t(`roles.${r.user.role}`, r.user.role)}）` : t('audit.system')) },
  { header: t('audit.type'), width: 18, value: (r) => t(`audit.actions.${r.action}`, r.action) },
  {
    header: t('audit.entity'),
    width: 28,
    value: (r) => {
      const kind = t(`audit.entityTypes.${r.entityType}`, r.entityType);
      if (r.entityName !== null) return `${kind} ${r.entityName}`;
      return r.entityId === null ? kind : `${kind} #${r.entityId}`;
    },
  },
  { header: t('audit.before'), width: 50, value: (r) => compactJson(r.before) },
  { header: t('audit.after'), width: 50, value: (r) => compactJson(r.after) },
];
