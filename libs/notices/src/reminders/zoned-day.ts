/**
 * The wall-clock time of an instant in a zone, read as if it were UTC, in milliseconds (whole
 * seconds): the one conversion the zoned helpers of the notices share.
 */
export function wallClock(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const part of format.formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const utc = new Date(0);
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  utc.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return utc.getTime();
}

/** The first instant of a calendar date in an IANA time zone (the procedure's own helpers count in the body's zone only). */
export function startOfDayIn(date: string, zone: string): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (zone === 'UTC') return new Date(midnight);
  const offset = (instant: number) => wallClock(instant, zone) - Math.floor(instant / 1000) * 1000;
  // The zone's offset at the guessed instant, applied again: right on either side of a change of clocks.
  let instant = midnight;
  for (let i = 0; i < 3; i += 1) instant = midnight - offset(instant);
  return new Date(instant);
}

/** The calendar date `days` after (or before) an ISO date. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Which reminder of a limit is due now for one recipient, or null: the offsets (days before the due
 * date, largest first) whose moment (the start of that day in the recipient's zone) has come, after
 * the limit was opened (a limit set closer than that was served when it was set) and before it ran
 * out; of those, the latest, so that a worker back after a pause sends the reminder that still
 * means something rather than all of them.
 */
export function reminderDue(
  offsets: readonly number[],
  limit: { dueDate: string; openedAt: Date; endsAt: Date },
  zone: string,
  now: Date,
): number | null {
  if (now.getTime() >= limit.endsAt.getTime()) return null;
  let due: number | null = null;
  for (const days of [...offsets].sort((a, b) => b - a)) {
    const moment = startOfDayIn(shiftDate(limit.dueDate, -days), zone).getTime();
    if (moment <= now.getTime() && moment >= limit.openedAt.getTime()) due = days;
  }
  return due;
}

/** The calendar date of an instant in an IANA time zone. */
export function dateIn(instant: Date, zone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * How a reminder says when something falls, from the recipient's today (in their zone): "today",
 * "tomorrow", "in 5 days". Counted now, not from the reminder's offset: a reminder sent late (the
 * worker was down, or the limit was set after its 7-day mark) still tells the days that are left.
 */
export function whenFrom(date: string, zone: string, now: Date): string {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${dateIn(now, zone)}T00:00:00Z`)) / 86_400_000);
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}
