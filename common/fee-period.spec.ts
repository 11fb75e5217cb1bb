import { addMonths, currentFeePeriod, displayPeriod, monthsBetween, shanghaiDayStart } from './fee-period';
import { contributionBaseFen, contributionFen, formatFen } from './insurance';

describe('fee periods in Asia/Shanghai', () => {
  it('is already the next month in Shanghai while UTC is still on the last day of the previous one', () => {
    expect(currentFeePeriod(new Date('2026-11-30T15:59:59.999Z'))).toBe('202611');
    expect(currentFeePeriod(new Date('2026-11-30T16:00:00.000Z'))).toBe('202612');
    expect(currentFeePeriod(new Date('2026-12-31T16:00:00.000Z'))).toBe('202701');
  });

  it('adds months across years', () => {
    expect(addMonths('202612', 1)).toBe('202701');
    expect(addMonths('202601', -1)).toBe('202512');
    expect(addMonths('202611', -23)).toBe('202412');
    expect(monthsBetween('202611', '202702')).toBe(3);
    expect(displayPeriod('202611')).toBe('2026-11');
  });

  it('starts a Shanghai day at 16:00 UTC the day before, across a year end', () => {
    expect(shanghaiDayStart('2026-11-24').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(shanghaiDayStart('2026-12-31', 1).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('contribution money in integer fen', () => {
  it('rounds half up and clamps the base', () => {
    expect(contributionFen(480_000, 750)).toBe(36_000);
    expect(contributionFen(333_333, 50)).toBe(1_667);
    expect(contributionFen(100, 50)).toBe(1);
    expect(contributionFen(99, 50)).toBe(0);
    expect(contributionBaseFen(300_000, 480_000, 2_400_000)).toBe(480_000);
    expect(contributionBaseFen(3_000_000, 480_000, 2_400_000)).toBe(2_400_000);
  });

  it('shows yuan with thousands separators in the language of the page', () => {
    expect(formatFen(123_456)).toBe('1,234.56');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-1_234_567)).toBe('-12,345.67');
    expect(formatFen(123_456_789_01, 'en')).toBe('123,456,789.01');
    expect(formatFen(1_234_567, 'zh-CN')).toBe('12,345.67');
    expect(formatFen(1_234_567, 'es')).toBe('12.345,67');
    expect(formatFen(123_450, 'es')).toBe('1234,50');
  });
});
