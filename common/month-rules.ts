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
