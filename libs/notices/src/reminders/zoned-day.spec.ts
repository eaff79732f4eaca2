import { addDays, startOfDayIn } from '@app/procedure';
import { reminderDue, whenFrom } from './zoned-day';

describe('reminder days', () => {
  it('finds the start of a day in any zone, across a change of clocks', () => {
    expect(startOfDayIn('2026-03-12', 'UTC').toISOString()).toBe('2026-03-12T00:00:00.000Z');
    expect(startOfDayIn('2026-03-12', 'Asia/Shanghai').toISOString()).toBe('2026-03-11T16:00:00.000Z');
    expect(startOfDayIn('2026-03-12', 'America/Lima').toISOString()).toBe('2026-03-12T05:00:00.000Z');
    // Geneva moves to summer time on 29 March 2026 at 02:00: midnight that day is still UTC+1.
    expect(startOfDayIn('2026-03-29', 'Europe/Zurich').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayIn('2026-03-30', 'Europe/Zurich').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('sends the reminder whose day has come, the latest one only, never before the limit was set nor after it ran out', () => {
    const limit = { dueDate: '2026-03-12', openedAt: new Date('2026-03-02T09:00:00Z'), endsAt: new Date('2026-03-13T00:00:00Z') };
    const at = (iso: string, zone = 'UTC') => reminderDue([7, 1], limit, zone, new Date(iso));
    expect(at('2026-03-04T23:59:59Z')).toBeNull();
    expect(at('2026-03-05T00:00:00Z')).toBe(7);
    expect(at('2026-03-04T16:00:00Z', 'Asia/Shanghai')).toBe(7); // midnight of 5 March in Shanghai
    expect(at('2026-03-10T12:00:00Z')).toBe(7);
    expect(at('2026-03-11T00:00:00Z')).toBe(1);
    expect(at('2026-03-12T23:59:59Z')).toBe(1);
    expect(at('2026-03-13T00:00:00Z')).toBeNull();
    // A limit of 5 days: its 7-day reminder would come before it was set.
    const short = { ...limit, openedAt: new Date('2026-03-07T09:00:00Z') };
    expect(reminderDue([7, 1], short, 'UTC', new Date('2026-03-08T00:00:00Z'))).toBeNull();
    expect(reminderDue([7, 1], short, 'UTC', new Date('2026-03-11T00:00:00Z'))).toBe(1);
  });
});

describe('whenFrom', () => {
  it('counts the days left from the recipient’s today, not from the reminder’s offset', () => {
    const now = new Date('2026-12-06T04:00:00Z');
    expect(whenFrom('2026-12-08', 'UTC', now)).toBe('in 2 days');
    expect(whenFrom('2026-12-07', 'UTC', now)).toBe('tomorrow');
    expect(whenFrom('2026-12-06', 'UTC', now)).toBe('today');
    // Already the 6th in Shanghai at 20:00 UTC on the 5th: the 8th is two days off there, three in New York.
    const evening = new Date('2026-12-05T20:00:00Z');
    expect(whenFrom('2026-12-08', 'Asia/Shanghai', evening)).toBe('in 2 days');
    expect(whenFrom('2026-12-08', 'America/New_York', evening)).toBe('in 3 days');
  });
});
