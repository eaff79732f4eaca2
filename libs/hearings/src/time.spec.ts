import { formatLocal, isTimeZone, localDatesSpanned, startOfLocalDay } from './time';

describe('time zones', () => {
  it('accepts IANA names and refuses anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('+01:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('shows one instant across the Berlin DST change (29 March 2026) and in Shanghai (no DST)', () => {
    expect(formatLocal(new Date('2026-03-28T09:00:00Z'), 'Europe/Berlin')).toBe('2026-03-28T10:00:00+01:00');
    expect(formatLocal(new Date('2026-03-30T09:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30T11:00:00+02:00');
    expect(formatLocal(new Date('2026-03-30T09:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-30T17:00:00+08:00');
    expect(formatLocal(new Date('2026-03-30T09:00:00Z'), 'UTC')).toBe('2026-03-30T09:00:00+00:00');
  });

  it('finds the local days an interval touches, end exclusive', () => {
    expect(localDatesSpanned(new Date('2026-03-28T22:00:00Z'), new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toEqual([
      '2026-03-28',
      '2026-03-29',
    ]);
    expect(localDatesSpanned(new Date('2026-03-28T22:00:00Z'), new Date('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toEqual(['2026-03-28']);
    expect(localDatesSpanned(new Date('2026-03-28T22:00:00Z'), new Date('2026-03-28T23:00:00Z'), 'Asia/Shanghai')).toEqual(['2026-03-29']);
  });

  it('finds where a local day begins, also on the day the clocks change', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Asia/Shanghai').toISOString()).toBe('2026-03-29T16:00:00.000Z');
  });
});
