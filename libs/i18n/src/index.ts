// The public surface of @app/i18n: the working languages, their negotiation, the message
// catalogues (ICU MessageFormat) and locale formatting. Framework-free: any lib may use it.
export { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_NAMES, direction, isLanguage, languageTag } from './languages';
export type { Language } from './languages';
export { acceptedLanguages, negotiateLanguage } from './negotiate';
export type { LanguageRequest, NegotiatedLanguage } from './negotiate';
export { MESSAGES_DIR, catalogues } from './catalogues';
export type { Catalogue } from './catalogues';
export { hasMessage, translate, translator } from './translate';
export type { MessageParams, Translator } from './translate';
export { formatDay, formatInstant, formatNumber } from './format';
