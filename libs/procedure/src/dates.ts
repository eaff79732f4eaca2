import type { DeadlineRule } from './deadline-rules';

/**
 * A calendar date, `'YYYY-MM-DD'`, in the body's time zone: the body keeps one calendar for every
 * member, whatever their own time zone, and a day ends at midnight where the body sits.
 */
export type IsoDate = string;

// The body's time zone: an IANA name, a setting of the deployment (BODY_TIME_ZONE), set once when
// a process starts. Days, the end of a day and closed days are counted in it.
let bodyZone = 'UTC';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether a string names a time zone the runtime knows (an IANA name such as Asia/Shanghai). */
export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sets the body's time zone for this process (from the configuration, at start-up). Throws on a
 * name the runtime does not know.
 */
export function setBodyTimeZone(zone: string): void {
  if (!isTimeZone(zone)) throw new RangeError(`Not a time zone: ${JSON.stringify(zone)}`);
  bodyZone = zone;
}

/** The body's time zone, in which every date of the procedure is counted. */
export function bodyTimeZone(): string {
  return bodyZone;
}

/**
 * The wall-clock time of an instant in a zone, read as if it were UTC, in milliseconds. The one
 * conversion of the system's zoned dates: the procedure's in the body's zone, the notices' in
 * each recipient's.
 */
export function wallClock(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  utc.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return utc.getTime() + (((instant % 1000) + 1000) % 1000);
}

/** Weekdays, indexed as `Date#getUTCDay` counts them (Sunday = 0). */
export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

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

/** The date of an instant in the body's time zone. Throws on an invalid `Date`. */
export function toIsoDate(instant: Date): IsoDate {
  return dateIn(instant, bodyZone);
}

/** The date of an instant in a time zone (a recipient's own). Throws on an invalid `Date`. */
export function dateIn(instant: Date, zone: string): IsoDate {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  const local = zone === 'UTC' ? time : wallClock(time, zone);
  return fromEpochDay(Math.floor(local / DAY_MS));
}

/** The date of an instant in the body's time zone, or the date itself. */
export function dayOf(when: Date | IsoDate): IsoDate {
  return typeof when === 'string' ? fromEpochDay(toEpochDay(when)) : toIsoDate(when);
}

/**
 * The first instant of a date in the body's time zone (its midnight; where a change of clocks
 * skips midnight, the first instant of the day that exists).
 */
export function startOfDay(date: IsoDate): Date {
  return startOfDayIn(date, bodyZone);
}

/** The first instant of a date in a time zone (a recipient's own), as {@link startOfDay} in the body's. */
export function startOfDayIn(date: IsoDate, zone: string): Date {
  const midnight = toEpochDay(date) * DAY_MS;
  if (zone === 'UTC') return new Date(midnight);
  // The offset at the guessed instant, applied twice: right on either side of a change of clocks.
  let instant = midnight;
  for (let i = 0; i < 3; i += 1) instant = midnight - (wallClock(instant, zone) - instant);
  while (dateIn(new Date(instant), zone) < date) instant += 60_000;
  while (dateIn(new Date(instant - 60_000), zone) === date) instant -= 60_000;
  return new Date(instant);
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

/** The weekday of a date (a fact of the calendar, whatever the time zone). */
export function weekdayOf(date: IsoDate): Weekday {
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(((toEpochDay(date) + 4) % 7) + 7) % 7];
}

/** Whether the body is closed on a date. */
export function isClosed(date: IsoDate, closed: ClosedDays): boolean {
  return (closed.weekdays?.includes(weekdayOf(date)) ?? false) || (closed.dates?.includes(dayOf(date)) ?? false);
}

function assertSomeDayOpen(closed: ClosedDays): void {
  if (WEEKDAYS.every((weekday) => closed.weekdays?.includes(weekday))) {
    throw new RangeError('The calendar closes every weekday: no working day can ever be found');
  }
}

/**
 * The date itself when the body is open that day, else the first later day it is open. A time limit
 * that ends on a closed day ends on the next working day instead (docs/procedure.md §1).
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
 * day where the body sits: it is overdue from midnight of the next day in the body's time zone,
 * not a moment before.
 */
export function isOverdue(dueDate: IsoDate, now: Date): boolean {
  return now.getTime() >= startOfDay(addDays(dueDate, 1)).getTime();
}

/** The length of a rule in its calendar unit, taking urgency into account. */
export function calendarLength(rule: DeadlineRule, urgent = false): { readonly unit: 'DAYS' | 'MONTHS'; readonly value: number } {
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
export function periodEnd(trigger: Date | IsoDate, rule: DeadlineRule, options: { readonly urgent?: boolean } = {}): IsoDate {
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
export function latestNoticeDate(eventDate: IsoDate, rule: DeadlineRule, closed: ClosedDays): IsoDate {
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
export function resumeDeadline(remainingDays: number, resumedAt: Date | IsoDate, closed: ClosedDays): DeadlineDates {
  if (!Number.isInteger(remainingDays) || remainingDays < 0) {
    throw new RangeError(`Not a number of remaining days: ${remainingDays}`);
  }
  return datesEndingOn(addDays(dayOf(resumedAt), remainingDays), closed);
}

/**
 * The dates of a running limit counted again from the day its opening step was served on the party
 * it runs against, for a rule counted from receipt (`countedFromService`, DSU 4.3, 4.7): the period
 * of `rule` started on `servedOn` rather than on `countedFrom` (the step's own day), with the
 * closed-day shift of any limit. Null when nothing moves: the rule does not count from service,
 * the service was not on a later day, or the recount would not end later than the limit's present
 * legal end (a limit is moved later only, never earlier: an agreed extension stands).
 */
export function recountFromService(
  rule: DeadlineRule,
  limit: { readonly baseDate: IsoDate },
  countedFrom: Date | IsoDate,
  servedOn: Date | IsoDate,
  options: { readonly urgent?: boolean; readonly closed?: ClosedDays } = {},
): DeadlineDates | null {
  if (!rule.countedFromService || dayOf(servedOn) <= dayOf(countedFrom)) return null;
  const recounted = deadlineDates(servedOn, rule, options);
  return recounted.baseDate > limit.baseDate ? recounted : null;
}
