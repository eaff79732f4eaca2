import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues } from './catalogues';
import { DEFAULT_LANGUAGE, Language, languageTag } from './languages';

/** Values a message may take: ICU arguments (`{name}`, `{n, plural, …}`, `{d, date, long}`). */
export type MessageParams = Record<string, string | number | boolean | Date | null | undefined>;

const compiled = new Map<string, IntlMessageFormat>();

function formatter(language: Language, key: string, source: string): IntlMessageFormat {
  const id = `${language}\0${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(source, languageTag(language), undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

/** Whether a message of that key exists (in English, the reference catalogue). */
export function hasMessage(key: string): boolean {
  return key in catalogues()[DEFAULT_LANGUAGE];
}

/**
 * The message `key` in `language`, its arguments filled in. A key missing in that language falls
 * back to English (the catalogue test keeps them complete; this only guards a deployment with a
 * partial catalogue). A key missing everywhere is a programming error, and says so.
 */
export function translate(language: Language, key: string, params: MessageParams = {}): string {
  const all = catalogues();
  const source = all[language][key];
  const lang = source === undefined ? DEFAULT_LANGUAGE : language;
  const text = source ?? all[DEFAULT_LANGUAGE][key];
  if (text === undefined) throw new Error(`No message ${key}`);
  const values: Record<string, string | number | boolean | Date> = {};
  for (const [name, value] of Object.entries(params)) if (value !== null && value !== undefined) values[name] = value;
  const out = formatter(lang, key, text).format(values);
  return Array.isArray(out) ? out.join('') : String(out);
}

/** A translator bound to one language: `t('stage.ADOPTED')`. */
export type Translator = ((key: string, params?: MessageParams) => string) & { language: Language };

export function translator(language: Language): Translator {
  return Object.assign((key: string, params?: MessageParams) => translate(language, key, params), { language });
}
