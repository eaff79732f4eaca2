import type { DeadlineRule } from './deadline-rules';

/**
 * A calendar date, `'YYYY-MM-DD'`. The day of an instant is its UTC date: the body keeps one
 * calendar for every member, whatever their time zone (DESIGN §3).
 */
export type IsoDate = string;

/** Weekdays, indexed as `Date#getUTCDay` counts them (Sunday = 0). */
export const WEEKDAYS = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
] as const;

/** One of {@link WEEKDAYS}. */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The days the body is closed, managed by the secretariat: explicit dates (holidays, closures) and,
 * optionally, weekdays it is always closed (e.g. `['SATURDAY', 'SUNDAY']`). Nothing is closed by
 * default.
 */
export interface ClosedDays {
  readonly dates?: readonly IsoDate[];
  readonly weekdays?: readonly Weekday[];
}

/** A calendar with no closed days. */
export const NO_CLOSED_DAYS: ClosedDays = Object.freeze({});

/**
 * A time limit's two dates. `baseDate` is the trigger day plus the rule's length: the legal end of
 * the period. `dueDate` is `baseDate` moved forward to the next day the body is open: what a
 * delegate sees and what is enforced. They are kept apart so that a suspension counts the real
 * remaining days of the period (from `baseDate`), and the closed-day shift is applied afresh,
 * against the calendar of the new dates, on resumption.
 */
export interface DeadlineDates {
  readonly baseDate: IsoDate;
  readonly dueDate: IsoDate;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Days since 1970-01-01 of a valid IsoDate; throws on anything else (e.g. '2025-02-30').
function toEpochDay(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(0);
    // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
    utc.setUTCFullYear(year, month - 1, day);
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1) {
      return Math.round(utc.getTime() / DAY_MS);
    }
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function fromEpochDay(epochDay: number): IsoDate {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a string is a valid `'YYYY-MM-DD'` date. */
export function isIsoDate(value: string): boolean {
  try {
    toEpochDay(value);
    return true;
  } catch {
    return false;
  }
}

/** The UTC date of an instant. Throws on an invalid `Date`. */
export function toIsoDate(instant: Date): IsoDate {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  return fromEpochDay(Math.floor(time / DAY_MS));
}

/** The UTC date of an instant, or the date itself. */
export function dayOf(when: Date | IsoDate): IsoDate {
  return typeof when === 'string' ? fromEpochDay(toEpochDay(when)) : toIsoDate(when);
}

/** The first instant (00:00 UTC) of a date. */
export function startOfDay(date: IsoDate): Date {
  return new Date(toEpochDay(date) * DAY_MS);
}

/** The date `days` calendar days after (or, if negative, before) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * The date `months` calendar months after (or before) `date`, on the same day of the month. When
 * that month is shorter, the result is its last day: 31 January + 1 month = 28 February (29 in a
 * leap year); 31 March + 1 month = 30 April. This is how "months" in treaty time limits are
 * ordinarily read: the period ends in the month it names, never spilling into the next.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const start = new Date(toEpochDay(date) * DAY_MS);
  const monthIndex = start.getUTCFullYear() * 12 + start.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = daysInMonth(year, month);
  const result = new Date(0);
  result.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
  return toIsoDate(result);
}

// Day 0 of the following month is the last day of this one.
function daysInMonth(year: number, month: number): number {
  const last = new Date(0);
  last.setUTCFullYear(year, month + 1, 0);
  return last.getUTCDate();
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The weekday of a date. */
export function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[startOfDay(date).getUTCDay()];
}

/** Whether the body is closed on a date. */
export function isClosed(date: IsoDate, closed: ClosedDays): boolean {
  return (
    (closed.weekdays?.includes(weekdayOf(date)) ?? false) ||
    (closed.dates?.includes(dayOf(date)) ?? false)
  );
}

function assertSomeDayOpen(closed: ClosedDays): void {
  if (WEEKDAYS.every((weekday) => closed.weekdays?.includes(weekday))) {
    throw new RangeError('The calendar closes every weekday: no working day can ever be found');
  }
}

/**
 * The date itself when the body is open that day, else the first later day it is open. A time limit
 * that ends on a closed day ends on the next working day instead (DESIGN §3).
 */
export function nextWorkingDay(date: IsoDate, closed: ClosedDays): IsoDate {
  assertSomeDayOpen(closed);
  let day = dayOf(date);
  while (isClosed(day, closed)) day = addDays(day, 1);
  return day;
}

/** The date itself when the body is open that day, else the last earlier day it is open. */
export function previousWorkingDay(date: IsoDate, closed: ClosedDays): IsoDate {
  assertSomeDayOpen(closed);
  let day = dayOf(date);
  while (isClosed(day, closed)) day = addDays(day, -1);
  return day;
}

/**
 * Whether a time limit due on `dueDate` has passed at `now`. A deadline runs to the end of its due
 * day (UTC): it is overdue from 00:00 UTC of the next day, not a moment before.
 */
export function isOverdue(dueDate: IsoDate, now: Date): boolean {
  return now.getTime() >= startOfDay(addDays(dueDate, 1)).getTime();
}

/** The length of a rule in its calendar unit, taking urgency into account. */
export function calendarLength(
  rule: DeadlineRule,
  urgent = false,
): { readonly unit: 'DAYS' | 'MONTHS'; readonly value: number } {
  const { length } = rule;
  if (length.unit === 'BODY_MEETINGS') {
    throw new RangeError(`${rule.code} is counted in body meetings, not in calendar time`);
  }
  return { unit: length.unit, value: urgent ? (length.urgent ?? length.value) : length.value };
}

/**
 * The legal end of a rule's period started on the day of `trigger` (the trigger day is day 0, so a
 * 10-day period started on 1 March ends on 11 March), before any closed-day shift.
 */
export function periodEnd(
  trigger: Date | IsoDate,
  rule: DeadlineRule,
  options: { readonly urgent?: boolean } = {},
): IsoDate {
  const { unit, value } = calendarLength(rule, options.urgent);
  const start = dayOf(trigger);
  return unit === 'DAYS' ? addDays(start, value) : addMonths(start, value);
}

/**
 * The due date of a rule's period started at `trigger`: its {@link periodEnd}, moved forward past
 * the days the body is closed.
 */
export function dueDate(
  trigger: Date | IsoDate,
  rule: DeadlineRule,
  options: { readonly urgent?: boolean; readonly closed?: ClosedDays } = {},
): IsoDate {
  return nextWorkingDay(periodEnd(trigger, rule, options), options.closed ?? NO_CLOSED_DAYS);
}

/** Both dates of a rule's period started at `trigger`. */
export function deadlineDates(
  trigger: Date | IsoDate,
  rule: DeadlineRule,
  options: { readonly urgent?: boolean; readonly closed?: ClosedDays } = {},
): DeadlineDates {
  const baseDate = periodEnd(trigger, rule, options);
  return { baseDate, dueDate: nextWorkingDay(baseDate, options.closed ?? NO_CLOSED_DAYS) };
}

/** The dates of a period that ends on a given legal date (an agreed extension, an agreed RPT). */
export function datesEndingOn(baseDate: IsoDate, closed: ClosedDays): DeadlineDates {
  return { baseDate: dayOf(baseDate), dueDate: nextWorkingDay(baseDate, closed) };
}

/**
 * The last day to act for an advance-notice rule before a meeting on `eventDate` (e.g. objections
 * 10 days before the adoption meeting, DSU 16.2). A closed day moves this date *back*, to the
 * previous working day: moving it forward would give less notice than the rule demands.
 */
export function latestNoticeDate(
  eventDate: IsoDate,
  rule: DeadlineRule,
  closed: ClosedDays,
): IsoDate {
  const { unit, value } = calendarLength(rule);
  const day = unit === 'DAYS' ? addDays(eventDate, -value) : addMonths(eventDate, -value);
  return previousWorkingDay(day, closed);
}

/**
 * The calendar days a running period has left when its clock stops at `suspendedAt`, counted to its
 * legal end (`baseDate`, not the shifted due date): the suspension day itself counts as used. A
 * period whose legal end has passed but whose due date has not (it ends on a closed day, and the
 * clock stopped in between) has 0 days left.
 */
export function suspendDeadline(baseDate: IsoDate, suspendedAt: Date | IsoDate): number {
  return Math.max(0, daysBetween(dayOf(suspendedAt), baseDate));
}

/**
 * The dates of a period restarted at `resumedAt` with `remainingDays` left: the resumption day is
 * day 0, as a trigger day is, so the active days before and after the suspension add up to the
 * rule's length. The closed-day shift is applied again, to the new legal end.
 */
export function resumeDeadline(
  remainingDays: number,
  resumedAt: Date | IsoDate,
  closed: ClosedDays,
): DeadlineDates {
  if (!Number.isInteger(remainingDays) || remainingDays < 0) {
    throw new RangeError(`Not a number of remaining days: ${remainingDays}`);
  }
  return datesEndingOn(addDays(dayOf(resumedAt), remainingDays), closed);
}
