import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { provideTestTranslation } from '../../../testing/translation';
import { DAY_FORMATS, IsoDateAdapter, MONTH_FORMATS } from './iso-date-adapter';

describe('IsoDateAdapter', () => {
  let adapter: IsoDateAdapter;
  const day = DAY_FORMATS.parse.dateInput;
  const month = MONTH_FORMATS.parse.dateInput;

  async function inLanguage(lang: 'zh-CN' | 'en' | 'es'): Promise<void> {
    TestBed.inject(TranslateService).use(lang).subscribe();
    TestBed.tick();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideTestTranslation(), IsoDateAdapter] });
    adapter = TestBed.inject(IsoDateAdapter);
    TestBed.tick();
  });

  it('keeps days and months in the strings the API takes', () => {
    expect(adapter.createDate(2020, 6, 1)).toBe('2020-07-01');
    expect(adapter.parse('2020-07-01', day)).toBe('2020-07-01');
    expect(adapter.parse('2026-11', month)).toBe('2026-11');
    expect(adapter.addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(adapter.addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(adapter.getDayOfWeek('2026-12-01')).toBe(2);
  });

  it('shows and reads dates in the order of the page’s language', async () => {
    await inLanguage('en');
    expect(adapter.format('2026-03-01', DAY_FORMATS.display.dateInput)).toBe('03/01/2026');
    expect(adapter.parse('3/1/2026', day)).toBe('2026-03-01');
    await inLanguage('es');
    expect(adapter.format('2026-03-01', DAY_FORMATS.display.dateInput)).toBe('01/03/2026');
    expect(adapter.parse('1/3/2026', day)).toBe('2026-03-01');
    expect(adapter.getMonthNames('long')[2]).toBe('marzo');
    expect(adapter.getFirstDayOfWeek()).toBe(1);
    await inLanguage('zh-CN');
    expect(adapter.format('2026-03-01', DAY_FORMATS.display.dateInput)).toBe('2026/03/01');
    expect(adapter.format('2026-03', MONTH_FORMATS.display.dateInput)).toBe('2026年3月');
    expect(adapter.parse('2026年3月', month)).toBe('2026-03');
    expect(adapter.parse('2026/3', month)).toBe('2026-03');
    expect(adapter.getMonthNames('long')[2]).toBe('三月');
  });

  it('refuses what is no date, and takes an empty field for none', () => {
    expect(adapter.isValid(adapter.parse('2026-02-30', day)!)).toBeFalse();
    expect(adapter.isValid(adapter.parse('abc', day)!)).toBeFalse();
    expect(adapter.isValid(adapter.parse('13/2026', month)!)).toBeFalse();
    expect(adapter.parse('', day)).toBeNull();
    expect(adapter.deserialize('')).toBeNull();
  });
});
