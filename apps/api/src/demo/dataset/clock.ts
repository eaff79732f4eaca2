// Time in the simulated registry: days and hours in milliseconds, and the acts' working hours.
import type { Rng } from './random';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** A time on the day `days` after `from`, in the body's working hours (07:00-17:00 UTC). */
export function later(rng: Rng, from: Date, minDays: number, maxDays: number): Date {
  const day = Math.floor(from.getTime() / DAY) * DAY + rng.int(minDays, maxDays) * DAY;
  const at = new Date(day + 7 * HOUR + rng.int(0, 10 * 3600 - 1) * 1000);
  return at.getTime() > from.getTime() ? at : new Date(from.getTime() + rng.int(1, 3600) * 1000);
}
