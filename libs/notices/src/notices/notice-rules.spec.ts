import { categoryOfKind, isMandatory, nextLocalHour } from './notice-rules';

describe('notice rules', () => {
  it('files docket entries under the category of their kind, steps of the procedure by default', () => {
    expect(categoryOfKind('fileDocument')).toBe('FILING');
    expect(categoryOfKind('deadlineMissed')).toBe('DEADLINE');
    expect(categoryOfKind('openElection')).toBe('ELECTION');
    expect(categoryOfKind('scheduleHearing')).toBe('HEARING');
    expect(categoryOfKind('circulateReport')).toBe('REPORT');
    expect(categoryOfKind('scheduleBodyMeeting')).toBe('MEETING');
    expect(categoryOfKind('requestPanel')).toBe('PROCEDURE');
    expect(categoryOfKind('composePanel')).toBe('PROCEDURE');
  });

  it('makes service on participants mandatory, copies to the secretariat and information not', () => {
    expect(isMandatory('FILING', true)).toBe(true);
    expect(isMandatory('REPORT', true)).toBe(true);
    expect(isMandatory('FILING', false)).toBe(false);
    expect(isMandatory('ELECTION', true)).toBe(false);
    expect(isMandatory('MEETING', true)).toBe(false);
  });

  describe('nextLocalHour', () => {
    it('gives the same day when the hour is still ahead, else the next day', () => {
      expect(nextLocalHour(new Date('2026-03-02T05:00:00Z'), 7, 'UTC').toISOString()).toBe('2026-03-02T07:00:00.000Z');
      expect(nextLocalHour(new Date('2026-03-02T07:00:00Z'), 7, 'UTC').toISOString()).toBe('2026-03-03T07:00:00.000Z');
      expect(nextLocalHour(new Date('2026-03-02T09:00:00Z'), 7, 'UTC').toISOString()).toBe('2026-03-03T07:00:00.000Z');
    });

    it('counts the hour in the zone, whose day may differ from UTC', () => {
      // 09:00 UTC is 17:00 in Shanghai: 08:00 there is tomorrow, 00:00 UTC.
      expect(nextLocalHour(new Date('2026-03-02T09:00:00Z'), 8, 'Asia/Shanghai').toISOString()).toBe('2026-03-03T00:00:00.000Z');
      // 23:30 UTC on the 2nd is 08:30 on the 3rd in Tokyo: 09:00 there is half an hour away.
      expect(nextLocalHour(new Date('2026-03-02T23:30:00Z'), 9, 'Asia/Tokyo').toISOString()).toBe('2026-03-03T00:00:00.000Z');
      // 09:00 UTC is 04:00 in New York (UTC-5): 07:00 there is the same day.
      expect(nextLocalHour(new Date('2026-03-02T09:00:00Z'), 7, 'America/New_York').toISOString()).toBe('2026-03-02T12:00:00.000Z');
    });

    it('keeps the hour across a change of clocks, and passes a skipped hour', () => {
      // Zurich goes from UTC+1 to UTC+2 in the night of 29 March 2026 (02:00 becomes 03:00).
      expect(nextLocalHour(new Date('2026-03-28T12:00:00Z'), 7, 'Europe/Zurich').toISOString()).toBe('2026-03-29T05:00:00.000Z');
      expect(nextLocalHour(new Date('2026-03-28T12:00:00Z'), 2, 'Europe/Zurich').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    });
  });
});
