import {
  addDays,
  addMonths,
  bodyTimeZone,
  dayOf,
  daysBetween,
  deadlineDates,
  dueDate,
  isClosed,
  isIsoDate,
  isOverdue,
  isTimeZone,
  latestNoticeDate,
  nextWorkingDay,
  NO_CLOSED_DAYS,
  periodEnd,
  previousWorkingDay,
  recountFromService,
  resumeDeadline,
  setBodyTimeZone,
  startOfDay,
  suspendDeadline,
  toIsoDate,
  weekdayOf,
  type ClosedDays,
} from './dates';
import { DEADLINE_RULES } from './deadline-rules';

const WEEKENDS: ClosedDays = { weekdays: ['SATURDAY', 'SUNDAY'] };

describe('calendar dates', () => {
  it('takes the UTC date of an instant', () => {
    expect(toIsoDate(new Date('2025-03-03T23:59:59.999Z'))).toBe('2025-03-03');
    expect(toIsoDate(new Date('2025-03-03T23:30:00-05:00'))).toBe('2025-03-04');
    expect(dayOf('2025-03-03')).toBe('2025-03-03');
    expect(() => toIsoDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-1')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-03-03', '2025-05-02')).toBe(60);
    expect(daysBetween('2025-05-02', '2025-03-03')).toBe(-60);
    expect(() => addDays('2025-03-01', 1.5)).toThrow(RangeError);
  });

  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-01-15', 12)).toBe('2026-01-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2100-01-31', 1)).toBe('2100-02-28');
    expect(addMonths('2000-01-31', 1)).toBe('2000-02-29');
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2025-03-03')).toBe('MONDAY');
    expect(weekdayOf('2025-03-09')).toBe('SUNDAY');
  });
});

describe('closed days', () => {
  it('keeps a date on which the body is open', () => {
    expect(nextWorkingDay('2025-03-05', WEEKENDS)).toBe('2025-03-05');
    expect(nextWorkingDay('2025-03-08', NO_CLOSED_DAYS)).toBe('2025-03-08');
  });

  it('moves a closed date to the next working day', () => {
    expect(nextWorkingDay('2025-05-01', { dates: ['2025-05-01'] })).toBe('2025-05-02');
  });

  it('moves past a run of closed days', () => {
    const closed: ClosedDays = { dates: ['2025-12-24', '2025-12-25', '2025-12-26'] };
    expect(nextWorkingDay('2025-12-24', closed)).toBe('2025-12-27');
    // The run continues into the weekend when weekends are closed too.
    expect(nextWorkingDay('2025-12-24', { ...closed, weekdays: ['SATURDAY', 'SUNDAY'] })).toBe('2025-12-29');
  });

  it('closes weekends only when configured', () => {
    expect(isClosed('2025-03-08', NO_CLOSED_DAYS)).toBe(false);
    expect(isClosed('2025-03-08', WEEKENDS)).toBe(true);
    expect(nextWorkingDay('2025-03-08', WEEKENDS)).toBe('2025-03-10');
    expect(nextWorkingDay('2025-03-07', { weekdays: ['FRIDAY'] })).toBe('2025-03-08');
  });

  it('can look backwards for a working day', () => {
    expect(previousWorkingDay('2025-03-09', WEEKENDS)).toBe('2025-03-07');
    expect(previousWorkingDay('2025-03-07', WEEKENDS)).toBe('2025-03-07');
  });

  it('refuses a calendar that closes every weekday', () => {
    const never: ClosedDays = {
      weekdays: ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'],
    };
    expect(() => nextWorkingDay('2025-03-03', never)).toThrow(RangeError);
  });
});

describe('isOverdue', () => {
  it('keeps a deadline open to the end of its due day (UTC)', () => {
    expect(isOverdue('2025-03-13', new Date('2025-03-13T23:59:59.999Z'))).toBe(false);
    expect(isOverdue('2025-03-13', new Date('2025-03-14T00:00:00.000Z'))).toBe(true);
    expect(isOverdue('2025-03-13', new Date('2025-03-12T00:00:00.000Z'))).toBe(false);
  });
});

describe('due dates of rules', () => {
  const filed = new Date('2025-03-03T09:30:00Z'); // a Monday

  it('counts calendar days from the trigger day (day 0)', () => {
    expect(dueDate(filed, DEADLINE_RULES.REPLY_TO_REQUEST)).toBe('2025-03-13');
    expect(dueDate(filed, DEADLINE_RULES.ENTER_CONSULTATIONS)).toBe('2025-04-02');
    expect(dueDate(filed, DEADLINE_RULES.EARLIEST_PANEL_REQUEST)).toBe('2025-05-02');
  });

  it('applies the urgent lengths: reply 10, consultations 10, panel request 20', () => {
    const urgent = { urgent: true };
    expect(dueDate(filed, DEADLINE_RULES.REPLY_TO_REQUEST, urgent)).toBe('2025-03-13');
    expect(dueDate(filed, DEADLINE_RULES.ENTER_CONSULTATIONS, urgent)).toBe('2025-03-13');
    expect(dueDate(filed, DEADLINE_RULES.EARLIEST_PANEL_REQUEST, urgent)).toBe('2025-03-23');
    // A rule without an urgent variant keeps its length.
    expect(dueDate(filed, DEADLINE_RULES.THIRD_PARTY_CONSULTATIONS, urgent)).toBe('2025-03-13');
  });

  it('moves a due date that falls on a closed day, keeping the legal end apart', () => {
    // Day 20 is Sunday 23 March.
    const options = { urgent: true, closed: WEEKENDS };
    expect(deadlineDates(filed, DEADLINE_RULES.EARLIEST_PANEL_REQUEST, options)).toEqual({
      baseDate: '2025-03-23',
      dueDate: '2025-03-24',
    });
  });

  it('counts months with end-of-month clamping, urgent months too', () => {
    const composed = '2025-08-31';
    expect(periodEnd(composed, DEADLINE_RULES.PANEL_REPORT)).toBe('2026-02-28');
    expect(periodEnd(composed, DEADLINE_RULES.PANEL_REPORT, { urgent: true })).toBe('2025-11-30');
    // 30 November 2025 is a Sunday.
    expect(dueDate(composed, DEADLINE_RULES.PANEL_REPORT, { urgent: true, closed: WEEKENDS })).toBe('2025-12-01');
    expect(dueDate('2025-03-10', DEADLINE_RULES.SUSPENSION_LIMIT)).toBe('2026-03-10');
  });

  it('has no calendar date for a limit counted in meetings', () => {
    expect(() => dueDate(filed, DEADLINE_RULES.PANEL_ESTABLISHMENT)).toThrow(RangeError);
  });

  it('counts advance notice backwards and never shortens it', () => {
    // Objections 10 days before a meeting on Monday 24 March: Friday 14 March.
    expect(latestNoticeDate('2025-03-24', DEADLINE_RULES.OBJECTION_NOTICE, WEEKENDS)).toBe('2025-03-14');
    // Before a Wednesday meeting the tenth day back is a Sunday: the Friday before.
    expect(latestNoticeDate('2025-03-26', DEADLINE_RULES.OBJECTION_NOTICE, WEEKENDS)).toBe('2025-03-14');
  });
});

describe('suspension and resumption', () => {
  it('keeps the remaining days and restarts them from the resumption day', () => {
    const remaining = suspendDeadline('2025-04-02', new Date('2025-03-20T15:00:00Z'));
    expect(remaining).toBe(13);
    expect(resumeDeadline(remaining, new Date('2025-06-02T08:00:00Z'), NO_CLOSED_DAYS)).toEqual({
      baseDate: '2025-06-15',
      dueDate: '2025-06-15',
    });
    // 15 June 2025 is a Sunday: the shift is applied afresh.
    expect(resumeDeadline(remaining, '2025-06-02', WEEKENDS)).toEqual({
      baseDate: '2025-06-15',
      dueDate: '2025-06-16',
    });
  });

  it('counts to the legal end, not to the shifted due date', () => {
    // Legal end Saturday 22 March, due Monday 24 March: suspended on Friday 21, one day is left.
    expect(suspendDeadline('2025-03-22', '2025-03-21')).toBe(1);
    // Suspended on the Sunday in between: nothing is left, the period ends on resumption day.
    expect(suspendDeadline('2025-03-22', '2025-03-23')).toBe(0);
    expect(resumeDeadline(0, '2025-04-02', WEEKENDS)).toEqual({
      baseDate: '2025-04-02',
      dueDate: '2025-04-02',
    });
  });

  it('refuses a negative or fractional remainder', () => {
    expect(() => resumeDeadline(-1, '2025-04-02', NO_CLOSED_DAYS)).toThrow(RangeError);
    expect(() => resumeDeadline(1.5, '2025-04-02', NO_CLOSED_DAYS)).toThrow(RangeError);
  });
});

describe("the body's time zone (days end at midnight where the body sits)", () => {
  afterEach(() => setBodyTimeZone('UTC'));

  it('counts the day of an instant, and its end, in the body’s zone', () => {
    setBodyTimeZone('Asia/Shanghai'); // UTC+8, no daylight saving
    expect(toIsoDate(new Date('2026-03-12T15:59:59Z'))).toBe('2026-03-12');
    expect(toIsoDate(new Date('2026-03-12T16:00:00Z'))).toBe('2026-03-13');
    expect(startOfDay('2026-03-13')).toEqual(new Date('2026-03-12T16:00:00Z'));
    // A limit due on 12 March runs out at midnight in Beijing, 16:00 UTC: not at 08:00 the next day.
    expect(isOverdue('2026-03-12', new Date('2026-03-12T15:59:59Z'))).toBe(false);
    expect(isOverdue('2026-03-12', new Date('2026-03-12T16:00:00Z'))).toBe(true);
    expect(bodyTimeZone()).toBe('Asia/Shanghai');
  });

  it('follows the changes of clocks', () => {
    setBodyTimeZone('Europe/Zurich');
    expect(startOfDay('2026-03-28')).toEqual(new Date('2026-03-27T23:00:00Z'));
    expect(startOfDay('2026-03-30')).toEqual(new Date('2026-03-29T22:00:00Z')); // summer time from 29 March
    setBodyTimeZone('America/New_York');
    expect(startOfDay('2026-03-08')).toEqual(new Date('2026-03-08T05:00:00Z'));
    expect(startOfDay('2026-11-02')).toEqual(new Date('2026-11-02T05:00:00Z'));
    expect(toIsoDate(new Date('2026-11-02T04:59:59Z'))).toBe('2026-11-01');
  });

  it('starts a day whose midnight the clocks skip at its first instant', () => {
    setBodyTimeZone('America/Santiago'); // summer time from midnight of the first Sunday of September
    const start = startOfDay('2026-09-06');
    expect(toIsoDate(start)).toBe('2026-09-06');
    expect(toIsoDate(new Date(start.getTime() - 1))).toBe('2026-09-05');
  });

  it('keeps weekdays a fact of the calendar', () => {
    setBodyTimeZone('Pacific/Kiritimati'); // UTC+14
    expect(weekdayOf('2026-03-02')).toBe('MONDAY');
    expect(nextWorkingDay('2026-03-07', { weekdays: ['SATURDAY', 'SUNDAY'] })).toBe('2026-03-09');
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => setBodyTimeZone('Mars/Olympus')).toThrow(RangeError);
    expect(isTimeZone('+01:00')).toBe(false);
  });
});

describe('recountFromService', () => {
  const reply = DEADLINE_RULES.REPLY_TO_REQUEST;
  it('counts a rule counted from receipt again from a later service day, later only, with the closed days', () => {
    expect(recountFromService(reply, { baseDate: '2026-03-12' }, '2026-03-02', '2026-03-05')).toEqual({
      baseDate: '2026-03-15',
      dueDate: '2026-03-15',
    });
    expect(
      recountFromService(reply, { baseDate: '2026-03-12' }, '2026-03-02', '2026-03-05', { closed: { dates: ['2026-03-15'] } }),
    ).toEqual({
      baseDate: '2026-03-15',
      dueDate: '2026-03-16',
    });
    // Urgent: 10 days to enter consultations rather than 30 (DSU 4.8).
    expect(
      recountFromService(DEADLINE_RULES.ENTER_CONSULTATIONS, { baseDate: '2026-03-12' }, '2026-03-02', '2026-03-04', { urgent: true }),
    ).toEqual({
      baseDate: '2026-03-14',
      dueDate: '2026-03-14',
    });
    // Served the same day, or a limit already ending later (an extension): nothing moves.
    expect(recountFromService(reply, { baseDate: '2026-03-12' }, '2026-03-02', '2026-03-02')).toBeNull();
    expect(recountFromService(reply, { baseDate: '2026-03-20' }, '2026-03-02', '2026-03-05')).toBeNull();
    expect(recountFromService(reply, { baseDate: '2026-03-15' }, '2026-03-02', '2026-03-05')).toBeNull();
    // A rule counted from circulation (DSU 4.11) does not count from service.
    expect(recountFromService(DEADLINE_RULES.THIRD_PARTY_CONSULTATIONS, { baseDate: '2026-03-12' }, '2026-03-02', '2026-03-05')).toBeNull();
    expect(
      Object.values(DEADLINE_RULES)
        .filter((r) => r.countedFromService)
        .map((r) => r.code),
    ).toEqual(['REPLY_TO_REQUEST', 'ENTER_CONSULTATIONS', 'EARLIEST_PANEL_REQUEST']);
  });
});
