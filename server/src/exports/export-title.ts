import type { Knex } from 'knex';
import { shanghaiDateTime } from '@common/fee-period';
import type { Language, Messages } from '../http/i18n';
import { UnitStore } from '../unit/unit.store';

export interface ExportContext {
  db: Knex;
  messages: Messages;
  lang: Language;
  unitId: number;
  now: Date;
}

/** The lines above an export's header: the unit, the filters in force, the time of export (Asia/Shanghai). */
export async function exportTitle(ctx: ExportContext, filters: (string | null)[]) {
  const unit = await new UnitStore(ctx.db).nameOf(ctx.unitId);
  if (!unit) throw new Error(`no unit ${ctx.unitId}`);
  const t = (key: string, params: Record<string, string> = {}) => ctx.messages.t(ctx.lang, `exports.${key}`, params);
  const shown = filters.filter((f): f is string => f !== null);
  return {
    unitName: unit.name,
    lines: [
      t('unitLine', { name: unit.name, creditCode: unit.creditCode }),
      t('filtersLine', { filters: shown.length ? shown.join('; ') : t('noFilters') }),
      t('exportedAtLine', { at: shanghaiDateTime(ctx.now) }),
    ],
  };
}
