import { additionMonths, cutoffReminder, reductionMonth, residentSwitch } from './month-rules';

const CUTOFF = 25;

describe('month rules at the edges of the calendar (Asia/Shanghai)', () => {
  it('offers this month and next for an addition before the cut-off', () => {
    expect(additionMonths(new Date('2026-11-10T02:00:00Z'), CUTOFF)).toEqual(['202611', '202612']);
  });

  it('still offers the current month on the cut-off day itself, and only the next from the day after', () => {
    // 25 Nov 23:59:59 in Shanghai is 15:59:59 UTC.
    expect(additionMonths(new Date('2026-11-25T15:59:59Z'), CUTOFF)).toEqual(['202611', '202612']);
    expect(additionMonths(new Date('2026-11-25T16:00:00Z'), CUTOFF)).toEqual(['202612']);
  });

  it('goes by Shanghai time in the last second of a month while UTC is still a day behind', () => {
    expect(reductionMonth(new Date('2026-11-30T15:59:59Z'))).toBe('202611');
    expect(reductionMonth(new Date('2026-11-30T16:00:00Z'))).toBe('202612');
    expect(additionMonths(new Date('2026-11-30T16:00:00Z'), CUTOFF)).toEqual(['202612', '202701']);
  });

  it('crosses from December into January', () => {
    expect(additionMonths(new Date('2026-12-26T00:00:00Z'), CUTOFF)).toEqual(['202701']);
    expect(additionMonths(new Date('2026-12-31T16:00:01Z'), CUTOFF)).toEqual(['202701', '202702']);
    expect(reductionMonth(new Date('2026-12-31T15:59:59Z'))).toBe('202612');
  });

  it('ends resident insurance with the effective month and starts employee benefits the month after', () => {
    expect(residentSwitch('202612')).toEqual({ residentEndMonth: '202612', employeeBenefitsFrom: '202701' });
  });

  it('reminds of the cut-off day from five days before it until the day itself, in Shanghai time', () => {
    // 19 Nov 23:59:59 in Shanghai: six days before the 25th.
    expect(cutoffReminder(new Date('2026-11-19T15:59:59Z'), CUTOFF)).toBeNull();
    expect(cutoffReminder(new Date('2026-11-19T16:00:00Z'), CUTOFF)).toEqual({ period: '202611', date: '2026-11-25' });
    expect(cutoffReminder(new Date('2026-11-25T15:59:59Z'), CUTOFF)).toEqual({ period: '202611', date: '2026-11-25' });
    expect(cutoffReminder(new Date('2026-11-25T16:00:00Z'), CUTOFF)).toBeNull();
  });

  it('takes the last day of a short month when the cut-off day is past it', () => {
    expect(cutoffReminder(new Date('2027-02-27T02:00:00Z'), 31)).toEqual({ period: '202702', date: '2027-02-28' });
    expect(cutoffReminder(new Date('2027-02-22T02:00:00Z'), 31)).toBeNull();
  });
});
