import { addDays, dateIn, daysBetween, startOfDayIn } from '@app/procedure';

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
    const moment = startOfDayIn(addDays(limit.dueDate, -days), zone).getTime();
    if (moment <= now.getTime() && moment >= limit.openedAt.getTime()) due = days;
  }
  return due;
}

/**
 * How a reminder says when something falls, from the recipient's today (in their zone): "today",
 * "tomorrow", "in 5 days". Counted now, not from the reminder's offset: a reminder sent late (the
 * worker was down, or the limit was set after its 7-day mark) still tells the days that are left.
 */
export function whenFrom(date: string, zone: string, now: Date): string {
  const days = daysFrom(date, zone, now);
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

/** The days left until `date` from the recipient's today (0 when it is today or past), for `notices.when` in any language. */
export function daysFrom(date: string, zone: string, now: Date): number {
  return Math.max(0, daysBetween(dateIn(now, zone), date));
}
