import { DEFAULT_LANGUAGE, formatDay, isLanguage, translate, type Language, type MessageParams } from '@app/i18n';

/**
 * The language of a notice: the recipient's `locale` preference (README, "Notices by e-mail"),
 * English when none or when it is not a working language. Everything the notices say to that
 * recipient is in it: subject, lines, the mail's chrome and the dates.
 */
export function noticeLanguage(locale: string | null | undefined): Language {
  return isLanguage(locale) ? locale : DEFAULT_LANGUAGE;
}

/** A message of the `notices` catalogue (libs/i18n/messages/<language>/notices.json). */
export type NoticeText = (key: string, params?: MessageParams) => string;

export function noticeText(language: Language): NoticeText {
  return (key, params) => translate(language, `notices.${key}`, params);
}

/**
 * A date the templates fill in at mailing time (`{name}` in a line, rendered in the recipient's
 * zone): passed to a message as its own placeholder, so that the message keeps it as written.
 */
export function datePlaceholder(name: string): string {
  return `{${name}}`;
}

/**
 * A calendar day (`2026-03-13`) as a notice says it: in English as the registry writes days
 * everywhere (the docket, the API), unchanged since notices were English only; in another language
 * in that language's long form (« 13 mars 2026 »).
 */
export function noticeDay(language: Language, isoDay: string): string {
  return language === DEFAULT_LANGUAGE ? isoDay : formatDay(language, isoDay, 'long');
}
