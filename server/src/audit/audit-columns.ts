import type { AuditEntry } from '@common/api/audit';
import { auditChanges, type AuditValue } from '@common/api/audit-changes';
import { shanghaiDateTime } from '@common/fee-period';
import type { Language } from '@common/i18n';
import type { Translate } from '../exports/list-export';
import type { ExportColumn } from '../exports/xlsx-stream';

/** Excel refuses longer cells. */
const CELL_LIMIT = 32_000;

/** One side of an entry's record as the page's table shows it: a line per field, its label and its value in the reader's words. */
function recorded(entry: AuditEntry, side: 'before' | 'after', t: Translate, lang: Language): string | null {
  if (entry[side] === null || entry[side] === undefined) return null;
  const shown = (value: AuditValue) => ('keys' in value ? value.keys.map((key) => t(key)).join(t('audit.values.separator')) : value.text);
  const lines = auditChanges(entry, lang)
    .filter((change) => 'keys' in change[side] || change[side].text !== '')
    .map((change) => `${change.label ? t(change.label) : change.field}: ${shown(change[side])}`);
  return lines.join('\n').slice(0, CELL_LIMIT);
}

/** The audit page's columns in its order and words; its changes column opens into before and after. */
export const auditColumns = (t: Translate, lang: Language): ExportColumn<AuditEntry>[] => [
  { header: t('audit.at'), width: 20, value: (r) => shanghaiDateTime(new Date(r.at)) },
  // An entry without a user is the hall's own doing, as the monthly assessment is.
  { header: t('audit.user'), width: 20, value: (r) => (r.user ? `${r.user.name}（${t(`roles.${r.user.role}`, r.user.role)}）` : t('audit.system')) },
  { header: t('audit.type'), width: 18, value: (r) => t(`audit.actions.${r.action}`, r.action) },
  {
    header: t('audit.entity'),
    width: 28,
    value: (r) => {
      // A submission by its kind and number, as its receipt names it.
      if (r.entityKind !== null) {
        const submission = `${t(`enums.submissionKind.${r.entityKind}`)} #${r.entityId}`;
        return r.entityName === null ? submission : `${submission} — ${r.entityName}`;
      }
      const kind = t(`audit.entityTypes.${r.entityType}`, r.entityType);
      if (r.entityName !== null) return `${kind} ${r.entityName}`;
      return r.entityId === null ? kind : `${kind} #${r.entityId}`;
    },
  },
  { header: t('audit.before'), width: 50, value: (r) => recorded(r, 'before', t, lang) },
  { header: t('audit.after'), width: 50, value: (r) => recorded(r, 'after', t, lang) },
];
