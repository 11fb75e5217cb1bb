/**
 * The month rules of shared/domain.md, as pure functions of "now" (from the server's one clock) and
 * the regional cut-off day, so the server enforces them and the client can only offer what they allow.
 */
import { addMonths, currentFeePeriod, shanghaiParts, type FeePeriod } from './fee-period';

/**
 * Rule 1: an addition takes effect in the current month or the next; from the day after the cut-off
 * day only the next month is offered.
 */
export function additionMonths(now: Date, cutoffDay: number): FeePeriod[] {
  const current = currentFeePeriod(now);
  const next = addMonths(current, 1);
  return shanghaiParts(now).day > cutoffDay ? [next] : [current, next];
}

/** Rule 2: a reduction stops coverage at the end of the current month, always. */
export function reductionMonth(now: Date): FeePeriod {
  return currentFeePeriod(now);
}

/** Rule 3: resident insurance ends with the effective month; employee benefits start the month after. */
export function residentSwitch(effectiveMonth: FeePeriod): { residentEndMonth: FeePeriod; employeeBenefitsFrom: FeePeriod } {
  return { residentEndMonth: effectiveMonth, employeeBenefitsFrom: addMonths(effectiveMonth, 1) };
}

/** How many days before the cut-off day (and on it) the unit is reminded of it. */
export const CUTOFF_REMINDER_DAYS = 5;

/**
 * Rule 4: the cut-off day coming in the current month (the month's last day when the configured day is
 * past it), from `CUTOFF_REMINDER_DAYS` days before until the day itself; null on every other day.
 */
export function cutoffReminder(now: Date, cutoffDay: number): { period: FeePeriod; date: string } | null {
  const { year, month, day } = shanghaiParts(now);
  const last = Math.min(cutoffDay, new Date(Date.UTC(year, month, 0)).getUTCDate());
  if (day > last || day < last - CUTOFF_REMINDER_DAYS) return null;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
  return { period: currentFeePeriod(now), date };
}
