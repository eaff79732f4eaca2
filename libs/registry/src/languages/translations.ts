import { badInput } from '@app/core';
import { LANGUAGES, type Language } from '@app/i18n';
import { parseLanguage } from './language';

/**
 * The translations given with a filing, their languages checked: each a working language
 * (UNKNOWN_LANGUAGE) and none the filing's own, whose text is the filing itself
 * (TRANSLATION_IN_FILING_LANGUAGE). The input's validation already refused a language given twice.
 */
export function parseTranslations<T extends { language: string }>(
  filing: Language,
  translations: readonly T[] | null | undefined,
  field: string,
): (Omit<T, 'language'> & { language: Language })[] {
  return (translations ?? []).map((t, i) => {
    const language = parseLanguage(t.language, `${field}[${i}].language`);
    if (language === filing) {
      throw badInput(
        `${field}[${i}].language`,
        `The filing is in ${filing}: its own text is the ${filing} one, so a translation is in another language`,
        'TRANSLATION_IN_FILING_LANGUAGE',
      );
    }
    return { ...t, language };
  });
}

/**
 * A text in the language asked for, else in the filing language: a reader asking for French gets
 * the French title where one was filed, and the title as filed otherwise (never nothing).
 */
export function inLanguage(asFiled: string, translations: Partial<Record<Language, string>>, language: Language | null): string {
  return (language && translations[language]) || asFiled;
}

/** The filing language first, then the others in the order of the working languages. */
export function filingFirst(filing: string, others: readonly string[]): string[] {
  return [filing, ...LANGUAGES.filter((l) => l !== filing && others.includes(l))];
}
