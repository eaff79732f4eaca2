// Pure time-zone helpers: instants are stored in UTC, shown in the hearing's IANA zone.

const ZONE_NAME = /^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/;

/** True for an IANA zone name the runtime knows (e.g. Europe/Berlin, UTC); offsets like +01:00 are not zones. */
export function isTimeZone(name: string): boolean {
  if (!ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  offset: string;
}

function parts(instant: Date, timeZone: string): LocalParts {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(instant)) out[p.type] = p.value;
  // "GMT+02:00", or "GMT" for a zero offset.
  const offset = out.timeZoneName === 'GMT' ? '+00:00' : out.timeZoneName.replace('GMT', '');
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second, offset };
}

/** The instant as local time in the zone, ISO 8601 with its offset: 2026-03-30T10:00:00+02:00. */
export function formatLocal(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.offset}`;
}

/** The calendar date of the instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Offset of the zone from UTC at the instant, in minutes. */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const { offset } = parts(instant, timeZone);
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return sign * (h * 60 + m);
}

/** The local dates a half-open interval [start, end) touches in the zone. */
export function localDatesSpanned(start: Date, end: Date, timeZone: string): string[] {
  const first = localDate(start, timeZone);
  const last = localDate(new Date(end.getTime() - 1), timeZone);
  const dates: string[] = [];
  for (let d = first; d <= last; d = nextDate(d)) dates.push(d);
  return dates;
}

export function nextDate(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The instant the local date begins in the zone (midnight, or the first instant after a gap). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let guess = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  // A second pass settles a day whose offset differs from that at UTC midnight (a DST change).
  guess = utcMidnight - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}
