/**
 * Fee periods (费款所属期) are calendar months in Asia/Shanghai written `YYYYMM`.
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and
 * keeps month arithmetic out of JS Date's local-time rules.
 */
export type FeePeriod = string & { readonly __brand?: 'FeePeriod' };

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const PERIOD_PATTERN = /^(\d{4})(0[1-9]|1[0-2])$/;

/** The calendar date and time in Asia/Shanghai of an instant. */
export function shanghaiParts(instant: Date): { year: number; month: number; day: number; hour: number } {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
  };
}

/** The instant a calendar day (`YYYY-MM-DD`, `days` later) begins in Asia/Shanghai, for date filters. */
export function shanghaiDayStart(isoDate: string, days = 0): Date {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days) - SHANGHAI_OFFSET_MS);
}

export function feePeriod(year: number, month: number): FeePeriod {
  return `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}`;
}

export function isFeePeriod(value: string): value is FeePeriod {
  return PERIOD_PATTERN.test(value);
}

export function currentFeePeriod(instant: Date): FeePeriod {
  const { year, month } = shanghaiParts(instant);
  return feePeriod(year, month);
}

export function addMonths(period: FeePeriod, months: number): FeePeriod {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`not a fee period: ${period}`);
  const index = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  return feePeriod(Math.floor(index / 12), (index % 12) + 1);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: FeePeriod, to: FeePeriod): number {
  const index = (p: FeePeriod) => Number(p.slice(0, 4)) * 12 + Number(p.slice(4, 6)) - 1;
  return index(to) - index(from);
}

/** `202611` → `2026-11`, the form shown to people and written to exports. */
export function displayPeriod(period: FeePeriod): string {
  return `${period.slice(0, 4)}-${period.slice(4, 6)}`;
}

/** `2026-11-24 18:05:09`: an instant as a wall-clock time in Asia/Shanghai, for printed and exported documents. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
