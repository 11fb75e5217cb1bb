/**
 * Contribution years and their declaration windows, from the configured rules and the clock's day in
 * Asia/Shanghai. A rule covers the years whose first month lies in its effective months; the window's
 * days are counted in months from that first month (a day past a month's end is its last day).
 */
import { addMonths, feePeriod, shanghaiParts, type FeePeriod } from '@common/fee-period';

export interface BaseDeclarationRule {
  effectiveFrom: FeePeriod;
  effectiveTo: FeePeriod | null;
  /** 1–12. */
  yearStartsMonth: number;
  opens: { monthOffset: number; day: number };
  closes: { monthOffset: number; day: number };
  carryOver: 'keep';
}

export interface YearWindow {
  firstMonth: FeePeriod;
  lastMonth: FeePeriod;
  /** `YYYY-MM-DD`, both included. */
  opensOn: string;
  closesOn: string;
  carryOver: 'keep';
}

export interface WindowsToday {
  /** The latest year whose window has opened by today. */
  current: YearWindow | null;
  open: boolean;
  /** The first year whose window opens after today. */
  next: YearWindow | null;
}

/** How far around today to look for windows: a window lies within a year or so of its first month. */
const YEARS_AROUND = 2;

export function windowsOn(rules: readonly BaseDeclarationRule[], now: Date): WindowsToday {
  const { year, month, day } = shanghaiParts(now);
  const today = isoDay(year, month, day);
  const windows: YearWindow[] = [];
  for (let y = year - YEARS_AROUND; y <= year + YEARS_AROUND; y++) {
    for (const rule of rules) {
      const firstMonth = feePeriod(y, rule.yearStartsMonth);
      if (!inForce(rule, firstMonth)) continue;
      windows.push({
        firstMonth,
        lastMonth: addMonths(firstMonth, 11),
        opensOn: dayOf(addMonths(firstMonth, rule.opens.monthOffset), rule.opens.day),
        closesOn: dayOf(addMonths(firstMonth, rule.closes.monthOffset), rule.closes.day),
        carryOver: rule.carryOver,
      });
    }
  }
  // Of two windows opening on one day, the later year's is the current one.
  windows.sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.firstMonth.localeCompare(b.firstMonth));
  const opened = windows.filter((w) => w.opensOn <= today);
  const current = opened.at(-1) ?? null;
  return {
    current,
    open: current !== null && today <= current.closesOn,
    next: windows.find((w) => w.opensOn > today) ?? null,
  };
}

/** The day after the window's last: the undeclared keep their base from then on. */
export function windowEnded(window: YearWindow, now: Date): boolean {
  const { year, month, day } = shanghaiParts(now);
  return isoDay(year, month, day) > window.closesOn;
}

function inForce(rule: BaseDeclarationRule, month: FeePeriod): boolean {
  return rule.effectiveFrom <= month && (rule.effectiveTo === null || month <= rule.effectiveTo);
}

function dayOf(month: FeePeriod, day: number): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(4, 6));
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return isoDay(year, m, Math.min(Math.max(day, 1), lastDay));
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
