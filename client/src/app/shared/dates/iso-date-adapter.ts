import { effect, inject, Injectable, type Provider } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { DateAdapter, MAT_DATE_FORMATS, type MatDateFormats } from '@angular/material/core';
import type { MatDatepicker } from '@angular/material/datepicker';
import { LanguageService } from '../../core/language/language.service';

/**
 * The Material datepicker over the strings the API speaks: a day is `YYYY-MM-DD`, a month `YYYY-MM`, so
 * a form control holds what the request carries and no time zone can move a date. Names, the order of
 * day, month and year, and the first day of the week follow the page's language.
 */
const ISO = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/;
const INVALID = 'invalid';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, date: number) => `${year}-${pad(month + 1)}-${pad(date)}`;
const utc = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date));

function partsOf(value: string): { year: number; month: number; date: number } | null {
  const match = ISO.exec(value);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, match[3] === undefined ? 1 : Number(match[3])];
  const check = utc(year, month, date);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month && check.getUTCDate() === date ? { year, month, date } : null;
}

@Injectable()
export class IsoDateAdapter extends DateAdapter<string, string> {
  constructor() {
    super();
    const language = inject(LanguageService);
    effect(() => this.setLocale(language.current()));
  }

  private text(date: Date, options: Intl.DateTimeFormatOptions): string {
    // Without the marks some browsers put around right-to-left parts.
    return new Intl.DateTimeFormat(this.locale, { ...options, timeZone: 'UTC' }).format(date).replace(/[\u200e\u200f]/g, '');
  }

  private part(date: Date, options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes): string {
    return new Intl.DateTimeFormat(this.locale, { ...options, timeZone: 'UTC' }).formatToParts(date).find((p) => p.type === type)?.value ?? '';
  }

  private at(date: string): { year: number; month: number; date: number } {
    return partsOf(date) ?? { year: NaN, month: NaN, date: NaN };
  }

  getYear(date: string): number {
    return this.at(date).year;
  }
  getMonth(date: string): number {
    return this.at(date).month;
  }
  getDate(date: string): number {
    return this.at(date).date;
  }
  getDayOfWeek(date: string): number {
    const { year, month, date: day } = this.at(date);
    return utc(year, month, day).getUTCDay();
  }
  getMonthNames(style: 'long' | 'short' | 'narrow'): string[] {
    return Array.from({ length: 12 }, (_, month) => this.part(utc(2017, month, 1), { month: style }, 'month'));
  }
  getDateNames(): string[] {
    return Array.from({ length: 31 }, (_, i) => this.part(utc(2017, 0, i + 1), { day: 'numeric' }, 'day'));
  }
  getDayOfWeekNames(style: 'long' | 'short' | 'narrow'): string[] {
    // 1 January 2017 was a Sunday.
    return Array.from({ length: 7 }, (_, i) => this.text(utc(2017, 0, i + 1), { weekday: style }));
  }
  getYearName(date: string): string {
    return this.text(utc(this.getYear(date), 0, 1), { year: 'numeric' });
  }
  getFirstDayOfWeek(): number {
    // China and Spain start the week on Monday; English calendars here on Sunday.
    return this.locale === 'en' ? 0 : 1;
  }
  getNumDaysInMonth(date: string): number {
    return utc(this.getYear(date), this.getMonth(date) + 1, 0).getUTCDate();
  }
  clone(date: string): string {
    return date;
  }
  createDate(year: number, month: number, date: number): string {
    const made = utc(year, month, date);
    if (made.getUTCMonth() !== month) throw Error(`Invalid date "${date}" for month index "${month}".`);
    return iso(year, month, date);
  }
  today(): string {
    const now = new Date();
    return iso(now.getFullYear(), now.getMonth(), now.getDate());
  }

  /**
   * The ISO form, or the numbers in the language's order of the `parseFormat`'s parts (`1/3/2026` is the
   * first of March in es and January the third in en). A format without a day makes a month, `YYYY-MM`.
   */
  parse(value: unknown, parseFormat: Intl.DateTimeFormatOptions): string | null {
    if (typeof value !== 'string' || value.trim() === '') return null;
    const text = value.trim();
    const withDay = parseFormat.day !== undefined;
    const numbers = text.match(/\d+/g) ?? [];
    let found = partsOf(text);
    if (!found) {
      const order = new Intl.DateTimeFormat(this.locale, { year: 'numeric', month: 'numeric', ...(withDay ? { day: 'numeric' } : {}) })
        .formatToParts(utc(2017, 10, 22))
        .map((p): string => p.type)
        .filter((type) => type === 'year' || type === 'month' || type === 'day');
      if (numbers.length !== order.length) return INVALID;
      const of = (type: (typeof order)[number]) => Number(numbers[order.indexOf(type)]);
      const year = of('year');
      if (year < 1000) return INVALID;
      found = partsOf(`${year}-${of('month')}${withDay ? `-${of('day')}` : ''}`);
    }
    if (!found) return INVALID;
    return withDay ? iso(found.year, found.month, found.date) : `${found.year}-${pad(found.month + 1)}`;
  }

  format(date: string, displayFormat: Intl.DateTimeFormatOptions): string {
    if (!this.isValid(date)) throw Error('IsoDateAdapter: Cannot format invalid date.');
    const { year, month, date: day } = this.at(date);
    return this.text(utc(year, month, day), displayFormat);
  }

  addCalendarYears(date: string, years: number): string {
    return this.addCalendarMonths(date, years * 12);
  }
  addCalendarMonths(date: string, months: number): string {
    const { year, month, date: day } = this.at(date);
    const first = utc(year, month + months, 1);
    // The last day of a shorter month, as the native adapter does: 31 January + 1 month is 28 February.
    const last = utc(first.getUTCFullYear(), first.getUTCMonth() + 1, 0).getUTCDate();
    return iso(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last));
  }
  addCalendarDays(date: string, days: number): string {
    const { year, month, date: day } = this.at(date);
    const moved = utc(year, month, day + days);
    return iso(moved.getUTCFullYear(), moved.getUTCMonth(), moved.getUTCDate());
  }
  toIso8601(date: string): string {
    const { year, month, date: day } = this.at(date);
    return iso(year, month, day);
  }
  isDateInstance(obj: unknown): boolean {
    return typeof obj === 'string';
  }
  isValid(date: string): boolean {
    return partsOf(date) !== null;
  }
  invalid(): string {
    return INVALID;
  }
  /** An empty control is no date rather than a wrong one. */
  override deserialize(value: unknown): string | null {
    return value === '' || value === null || value === undefined ? null : super.deserialize(value);
  }
}

/** Days shown as the language writes them with two-digit day and month: 2026/03/01, 03/01/2026, 01/03/2026. */
export const DAY_FORMATS: MatDateFormats = {
  parse: { dateInput: { year: 'numeric', month: '2-digit', day: '2-digit' } },
  display: {
    dateInput: { year: 'numeric', month: '2-digit', day: '2-digit' },
    monthLabel: { month: 'short' },
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

/** Months (fee periods) without a day: 2026年3月, 03/2026. */
export const MONTH_FORMATS: MatDateFormats = {
  parse: { dateInput: { year: 'numeric', month: '2-digit' } },
  display: { ...DAY_FORMATS.display, dateInput: { year: 'numeric', month: '2-digit' } },
};

/** For a component with day fields: the adapter and the day formats. */
export const DAY_PICKER: Provider[] = [
  { provide: DateAdapter, useClass: IsoDateAdapter },
  { provide: MAT_DATE_FORMATS, useValue: DAY_FORMATS },
];

/** For a component with month fields: the adapter and the month formats. */
export const MONTH_PICKER: Provider[] = [
  { provide: DateAdapter, useClass: IsoDateAdapter },
  { provide: MAT_DATE_FORMATS, useValue: MONTH_FORMATS },
];

/**
 * A month field's datepicker opens on the years and closes once a month is picked; the control takes
 * the month, `YYYY-MM`, with no day.
 */
export function pickMonth(control: AbstractControl<string | null>, month: string, picker: MatDatepicker<string>): void {
  control.setValue(month.slice(0, 7));
  control.markAsDirty();
  picker.close();
}
