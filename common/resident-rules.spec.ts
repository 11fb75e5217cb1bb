import { addMonthsToDate, collectionOpen, isNewborn, openYears, residentAmountFen, waitingPeriod, type ResidentYear } from './resident-rules';

const DEMO: ResidentYear[] = [
  { year: 2026, standardFen: 40000, collectionFrom: '2025-09-01', collectionTo: '2025-12-31' },
  { year: 2027, standardFen: 42000, collectionFrom: '2026-09-01', collectionTo: '2026-12-31' },
];

const none = { breakYears: 0, newborn: false, assisted: false };

describe('resident contribution rules (Asia/Shanghai)', () => {
  it('opens the collection period of year Y on 1 September of Y−1 in Shanghai time and closes it after 31 December', () => {
    // 1 Sep 2026 00:00 in Shanghai is 31 Aug 16:00 UTC.
    expect(collectionOpen(2027, new Date('2026-08-31T15:59:59Z'), DEMO)).toBeFalse();
    expect(collectionOpen(2027, new Date('2026-08-31T16:00:00Z'), DEMO)).toBeTrue();
    expect(collectionOpen(2027, new Date('2026-12-31T15:59:59Z'), DEMO)).toBeTrue();
    expect(collectionOpen(2027, new Date('2026-12-31T16:00:00Z'), DEMO)).toBeFalse();
  });

  it('has no collection period for a year without configuration', () => {
    expect(collectionOpen(2028, new Date('2027-10-01T02:00:00Z'), DEMO)).toBeFalse();
  });

  it('offers the current year always and next year only in its collection period', () => {
    expect(openYears(new Date('2026-05-10T02:00:00Z'), DEMO)).toEqual([2026]);
    expect(openYears(new Date('2026-11-10T02:00:00Z'), DEMO)).toEqual([2026, 2027]);
    // 1 Jan 2027 in Shanghai: 2027 is the current year, its collection period is over, 2028 is not configured.
    expect(openYears(new Date('2026-12-31T16:00:00Z'), DEMO)).toEqual([2027]);
  });

  it('starts benefits on 1 January without waiting when paid in the collection period after no break', () => {
    expect(waitingPeriod({ ...none, paidAt: new Date('2026-11-10T02:00:00Z'), year: 2027, inCollectionPeriod: true })).toEqual({
      waitingMonths: 0,
      benefitStart: '2027-01-01',
    });
  });

  it('waits three months from the payment day when paid outside the collection period', () => {
    // Paid 15 March 2027 (Shanghai) for 2027: 15 March + 3 months = 15 June.
    expect(waitingPeriod({ ...none, paidAt: new Date('2027-03-15T02:00:00Z'), year: 2027, inCollectionPeriod: false })).toEqual({
      waitingMonths: 3,
      benefitStart: '2027-06-15',
    });
  });

  it('counts the payment day in Shanghai, a day ahead of UTC in the evening', () => {
    // 30 Nov 2027 20:00 UTC is 1 Dec 04:00 in Shanghai: 1 Dec + 3 months = 1 March 2028.
    expect(waitingPeriod({ ...none, paidAt: new Date('2027-11-30T20:00:00Z'), year: 2027, inCollectionPeriod: false }).benefitStart).toBe(
      '2028-03-01',
    );
  });

  it('waits three months after a one-year break even when paid in the collection period, never starting before 1 January', () => {
    // 10 Nov 2026 + 3 months = 10 Feb 2027.
    expect(waitingPeriod({ ...none, paidAt: new Date('2026-11-10T02:00:00Z'), year: 2027, inCollectionPeriod: true, breakYears: 1 })).toEqual({
      waitingMonths: 3,
      benefitStart: '2027-02-10',
    });
    // 1 Sep 2026 + 3 months = 1 Dec 2026, before the year: benefits start with it.
    expect(
      waitingPeriod({ ...none, paidAt: new Date('2026-09-01T02:00:00Z'), year: 2027, inCollectionPeriod: true, breakYears: 1 }).benefitStart,
    ).toBe('2027-01-01');
  });

  it('adds a month per further year of break, and waits at least six months after four or more', () => {
    const at = (breakYears: number) =>
      waitingPeriod({ ...none, paidAt: new Date('2027-03-15T02:00:00Z'), year: 2027, inCollectionPeriod: false, breakYears });
    expect(at(2).waitingMonths).toBe(4);
    expect(at(3)).toEqual({ waitingMonths: 5, benefitStart: '2027-08-15' });
    expect(at(4)).toEqual({ waitingMonths: 6, benefitStart: '2027-09-15' });
    expect(at(6).waitingMonths).toBe(8);
  });

  it('ends a waiting period on the last day of a shorter month', () => {
    // 30 Nov 2026 (Shanghai) + 3 months: February 2027 has 28 days.
    expect(
      waitingPeriod({ ...none, paidAt: new Date('2026-11-30T02:00:00Z'), year: 2027, inCollectionPeriod: true, breakYears: 1 }).benefitStart,
    ).toBe('2027-02-28');
    expect(addMonthsToDate('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('exempts newborns, who are covered from birth, and assisted persons, who are covered from the payment day', () => {
    expect(
      waitingPeriod({
        paidAt: new Date('2027-04-20T02:00:00Z'),
        year: 2027,
        inCollectionPeriod: false,
        breakYears: 0,
        newborn: true,
        birthDate: '2027-03-02',
        assisted: false,
      }),
    ).toEqual({ waitingMonths: 0, benefitStart: '2027-03-02' });
    expect(
      waitingPeriod({ ...none, paidAt: new Date('2027-04-20T02:00:00Z'), year: 2027, inCollectionPeriod: false, breakYears: 5, assisted: true }),
    ).toEqual({
      waitingMonths: 0,
      benefitStart: '2027-04-20',
    });
  });

  it('treats a child as a newborn up to the 90th day after birth, in Shanghai days', () => {
    // Born 2 March 2027: 2 March + 90 days = 31 May 2027.
    expect(isNewborn('2027-03-02', new Date('2027-05-31T15:59:59Z'))).toBeTrue();
    expect(isNewborn('2027-03-02', new Date('2027-05-31T16:00:00Z'))).toBeFalse();
    expect(isNewborn('2027-03-02', new Date('2027-03-01T02:00:00Z'))).toBeFalse();
  });

  it('charges the standard amount, or the assisted share rounded half up in fen', () => {
    expect(residentAmountFen(42000, null)).toBe(42000);
    expect(residentAmountFen(42000, { percent: 30 })).toBe(12600);
    expect(residentAmountFen(42000, { percent: 0 })).toBe(0);
    expect(residentAmountFen(42000, { percent: 100 })).toBe(42000);
    // 40001 × 30 % = 12000.3 → 12000; 40005 × 30 % = 12001.5 → 12002.
    expect(residentAmountFen(40001, { percent: 30 })).toBe(12000);
    expect(residentAmountFen(40005, { percent: 30 })).toBe(12002);
  });
});
