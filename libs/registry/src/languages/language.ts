import { badInput } from '@app/core';
import { LANGUAGES, type Language } from '@app/i18n';

/**
 * A language code from a client: one of the six working languages, in lower case (`FR` and ` fr `
 * are `fr`); anything else is BAD_USER_INPUT `UNKNOWN_LANGUAGE` naming `field`. Regional tags
 * (`fr-CH`) are refused rather than narrowed: a filing says exactly which text it is.
 */
export function parseLanguage(value: string, field: string): Language {
  const code = value.trim().toLowerCase();
  if ((LANGUAGES as readonly string[]).includes(code)) return code as Language;
  throw badInput(field, `${field} must be one of ${LANGUAGES.join(', ')} (got "${value.slice(0, 35)}")`, 'UNKNOWN_LANGUAGE');
}

/** An optional language argument: null or absent means "as filed". */
export function parseOptionalLanguage(value: string | null | undefined, field: string): Language | null {
  return value === null || value === undefined ? null : parseLanguage(value, field);
}

/** The `language` argument of a text someone filed (a title, a summary): omitted, as filed. */
/** graphql-js's arguments of a text asked for in a working language (see SchemaArg). */
export interface LanguageArgs {
  language?: string | null;
}

export const FILED_LANGUAGE_ARG = {
  type: () => String,
  nullable: true,
  description: 'A working language (en, zh, fr, es, ru or ar): the text in it where one was filed, else as filed; omitted, as filed',
} as const;

/** The `language` argument of a text the system writes (a limit's description, a docket entry): omitted, the request's language. */
export const REQUEST_LANGUAGE_ARG = {
  type: () => String,
  nullable: true,
  description: "A working language (en, zh, fr, es, ru or ar); omitted, the request's language",
} as const;
