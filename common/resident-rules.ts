/**
 * The resident contribution rules of shared/domain.md ("The personal hall"), as pure functions of "today"
 * (an instant from the server's one clock, read as a calendar day in Asia/Shanghai) and the regional
 * configuration, so the quote, the order and the client's offer all follow one definition.
 */
import { shanghaiParts } from './fee-period';

/** A coverage year's regional configuration: the standard personal contribution and its collection period. */
export interface ResidentYear {
  year: number;
  standardFen: number;
  /** The collection period (集中缴费期), first and last day inclusive, `YYYY-MM-DD`. */
  collectionFrom: string;
  collectionTo: string;
}

/** Newborns may pay within this many days of birth and are then covered from birth. */
export const NEWBORN_PAYMENT_DAYS = 90;
/** The fixed waiting period after a payment outside the collection period or after a break. */
export const FIXED_WAITING_MONTHS = 3;
/** After this many years of break the waiting period is at least `LONG_BREAK_WAITING_MONTHS`. */
export const LONG_BREAK_YEARS = 4;
export const LONG_BREAK_WAITING_MONTHS = 6;

/** `YYYY-MM-DD` of the calendar day in Asia/Shanghai an instant falls on. */
export function shanghaiDate(instant: Date): string {
  const { year, month, day } = shanghaiParts(instant);
  return isoDate(year, month, day);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether year `year`'s collection period is open on the Shanghai day of `today`. */
export function collectionOpen(year: number, today: Date, config: readonly ResidentYear[]): boolean {
  const configured = config.find((c) => c.year === year);
  if (!configured) return false;
  const day = shanghaiDate(today);
  return configured.collectionFrom <= day && day <= configured.collectionTo;
}

/**
 * The years a payment can be made for today: each configured year whose collection period is open, and the
 * current year itself (paying during the year is allowed, with the waiting period), ascending.
 */
export function openYears(today: Date, config: readonly ResidentYear[]): number[] {
  const current = shanghaiParts(today).year;
  return config
    .filter((c) => c.year === current || collectionOpen(c.year, today, config))
    .map((c) => c.year)
    .sort((a, b) => a - b);
}

/** Whether a person born on `birthDate` (`YYYY-MM-DD`) still pays as a newborn on the Shanghai day of `today`. */
export function isNewborn(birthDate: string, today: Date): boolean {
  const [year, month, day] = birthDate.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1, day + NEWBORN_PAYMENT_DAYS));
  const todayDay = shanghaiDate(today);
  return birthDate <= todayDay && todayDay <= isoDate(lastDay.getUTCFullYear(), lastDay.getUTCMonth() + 1, lastDay.getUTCDate());
}

/** `YYYY-MM-DD` plus whole months, on the same day of the month or the month's last day when it is shorter. */
export function addMonthsToDate(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return isoDate(targetYear, targetMonth, Math.min(day, lastDay));
}

export interface WaitingPeriodInput {
  /** When the payment is made (the quote's "today"). */
  paidAt: Date;
  /** The coverage year paid for. */
  year: number;
  inCollectionPeriod: boolean;
  /** Whole calendar years without any coverage right before `year` (0: covered the year before, or never insured). */
  breakYears: number;
  newborn: boolean;
  /** A newborn's birth date, `YYYY-MM-DD`: a newborn is covered from birth. */
  birthDate?: string;
  /** An assisted person (医疗救助对象) is exempt from the waiting period. */
  assisted: boolean;
}

/**
 * The waiting period (待遇等待期, national rule since 2025) and the day benefits start. Without a waiting
 * period benefits start on the later of the year's first day and the payment day (a newborn's: the birth
 * day); with one, that many months after the payment day (never before the year's first day).
 */
export function waitingPeriod(input: WaitingPeriodInput): { waitingMonths: number; benefitStart: string } {
  const yearStart = isoDate(input.year, 1, 1);
  const paidDay = shanghaiDate(input.paidAt);
  const later = (a: string, b: string) => (a > b ? a : b);
  if (input.newborn) return { waitingMonths: 0, benefitStart: later(yearStart, input.birthDate ?? paidDay) };
  const waitingMonths = input.assisted ? 0 : waitingMonthsFor(input.inCollectionPeriod, input.breakYears);
  if (waitingMonths === 0) return { waitingMonths, benefitStart: later(yearStart, paidDay) };
  return { waitingMonths, benefitStart: later(yearStart, addMonthsToDate(paidDay, waitingMonths)) };
}

function waitingMonthsFor(inCollectionPeriod: boolean, breakYears: number): number {
  if (inCollectionPeriod && breakYears === 0) return 0;
  // Each year of break after the first adds a month to the fixed three.
  const months = FIXED_WAITING_MONTHS + Math.max(0, breakYears - 1);
  return breakYears >= LONG_BREAK_YEARS ? Math.max(months, LONG_BREAK_WAITING_MONTHS) : months;
}

/**
 * The amount a person pays: the standard amount, or the share of it an assisted category pays (percent from
 * the configuration; null: not assisted, the whole amount), round-half-up in integer fen.
 */
export function residentAmountFen(standardFen: number, category: { percent: number } | null): number {
  if (category === null) return standardFen;
  return Math.floor((standardFen * category.percent + 50) / 100);
}
