import { describe, expect, it } from 'vitest';
import { addMonthsToDate, fromParisLocal, toParisLocal } from './paris-time.js';

describe('Paris wall-clock times', () => {
  it('converts both ways in winter (UTC+1) and summer (UTC+2)', () => {
    expect(fromParisLocal('2026-01-15T10:00')!.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(fromParisLocal('2026-07-15T10:00')!.toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(toParisLocal(new Date('2026-07-15T08:00:00Z'))).toBe('2026-07-15T10:00');
  });
  it('refuses the hour skipped on 29 March 2026 and takes the first of the hour repeated on 25 October 2026', () => {
    expect(fromParisLocal('2026-03-29T02:30')).toBeNull();
    expect(fromParisLocal('2026-03-29T03:00')!.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(fromParisLocal('2026-10-25T02:30')!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromParisLocal('2026-02-30T10:00')).toBeNull();
    expect(fromParisLocal('demain')).toBeNull();
  });
});

describe('addMonthsToDate', () => {
  it('adds calendar months, bringing the day back to the month’s last when it has fewer', () => {
    expect(addMonthsToDate('2026-03-31', 6)).toBe('2026-09-30');
    expect(addMonthsToDate('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsToDate('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonthsToDate('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonthsToDate('2026-07-04', 6)).toBe('2027-01-04');
  });
});
