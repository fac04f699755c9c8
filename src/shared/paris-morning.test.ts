import { describe, expect, it } from 'vitest';
import { nextParisMorning } from './paris-time.js';

describe('nextParisMorning (9:00 Europe/Paris)', () => {
  it('in winter (UTC+1): a session ending at 18:00 on 26 Nov 2026 → 27 Nov at 08:00 UTC', () => {
    expect(nextParisMorning(new Date('2026-11-26T17:00:00Z')).toISOString()).toBe('2026-11-27T08:00:00.000Z');
  });
  it('in summer (UTC+2): ending at 17:30 Paris on 10 Jun 2027 → 11 Jun at 07:00 UTC', () => {
    expect(nextParisMorning(new Date('2027-06-10T15:30:00Z')).toISOString()).toBe('2027-06-11T07:00:00.000Z');
  });
  it('across the spring change: ending Saturday 27 Mar 2027 at 20:00 Paris (19:00 UTC, UTC+1); clocks go forward at 2:00 on Sunday, so 9:00 is UTC+2 → 07:00 UTC', () => {
    expect(nextParisMorning(new Date('2027-03-27T19:00:00Z')).toISOString()).toBe('2027-03-28T07:00:00.000Z');
  });
  it('across the autumn change: ending Saturday 24 Oct 2026 at 19:00 Paris (17:00 UTC, UTC+2); clocks go back at 3:00 on Sunday, so 9:00 is UTC+1 → 08:00 UTC', () => {
    expect(nextParisMorning(new Date('2026-10-24T17:00:00Z')).toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });
  it('after midnight Paris (00:30 on 29 Nov), the same morning; at 9:00 sharp, the next day', () => {
    expect(nextParisMorning(new Date('2026-11-28T23:30:00Z')).toISOString()).toBe('2026-11-29T08:00:00.000Z');
    expect(nextParisMorning(new Date('2026-11-29T08:00:00Z')).toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });
});
