/**
 * The body's working languages (README, Working languages): the six in which it publishes. The
 * codes are BCP 47 primary tags; Chinese is Simplified Chinese (`zh-Hans` in `lang` attributes).
 */
export const LANGUAGES = ['en', 'zh', 'fr', 'es', 'ru', 'ar'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** What is rendered when nothing else is asked for, and what a missing translation falls back to. */
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The tag for HTML `lang` attributes and `Content-Language`: the script matters for Chinese. */
export function languageTag(language: Language): string {
  return language === 'zh' ? 'zh-Hans' : language;
}

/** Arabic is written right to left: pages set `dir="rtl"`. */
export function direction(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** Each language's name in itself, for a language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  zh: '中文',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  ar: 'العربية',
};
