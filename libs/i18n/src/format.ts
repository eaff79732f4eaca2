import { Language, languageTag } from './languages';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A calendar date (`2026-12-06`, a day of the body's calendar, as the registry keeps limits) in the
 * reader's locale. Formatted in UTC so that the day never shifts with the server's zone.
 */
export function formatDay(language: Language, day: string | Date, style: 'long' | 'medium' | 'short' = 'long'): string {
  const iso = typeof day === 'string' ? day.slice(0, 10) : day.toISOString().slice(0, 10);
  const id = `${language}\0${style}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(languageTag(language), { dateStyle: style, timeZone: 'UTC' });
    dateFormats.set(id, format);
  }
  return format.format(new Date(`${iso}T00:00:00Z`));
}

/** An instant in the reader's locale and the given zone (the body's, unless the reader has one). */
export function formatInstant(language: Language, instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(languageTag(language), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(instant);
}

/** A number in the reader's locale. */
export function formatNumber(language: Language, value: number, options: Intl.NumberFormatOptions = {}): string {
  const id = `${language}\0${JSON.stringify(options)}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(languageTag(language), options);
    numberFormats.set(id, format);
  }
  return format.format(value);
}
