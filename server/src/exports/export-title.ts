import { shanghaiDateTime } from '@common/fee-period';
import type { Language, Messages } from '../http/i18n';
import type { UnitName } from '../unit/unit.store';

/** Where an export finds the name of the unit it is for (the unit feature's service). */
export interface UnitNames {
  nameOf(unitId: number): Promise<UnitName>;
}

export interface ExportContext {
  units: UnitNames;
  messages: Messages;
  lang: Language;
  unitId: number;
  now: Date;
}

/** The lines above an export's header: the unit, the filters in force, the time of export (Asia/Shanghai). */
export async function exportTitle(ctx: ExportContext, filters: (string | null)[]) {
  const unit = await ctx.units.nameOf(ctx.unitId);
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
