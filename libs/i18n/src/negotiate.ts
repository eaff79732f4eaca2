import { DEFAULT_LANGUAGE, Language, isLanguage } from './languages';

/** Where a language came from, in the order they count. */
export interface LanguageRequest {
  /** `?lang=` (or the GraphQL `language` argument): an explicit choice for this request. */
  query?: string | null;
  /** The user's saved preference, when signed in. */
  preference?: string | null;
  /** The HTTP `Accept-Language` header: the browser's order of preference. */
  acceptLanguage?: string | null;
}

export interface NegotiatedLanguage {
  language: Language;
  /**
   * What was explicitly asked for and is not one of the working languages (`?lang=de`), so that a
   * page can say it fell back to English; null when nothing unknown was asked for.
   */
  unavailable: string | null;
}

/** The primary subtag, lower case: `zh-Hans-CN` and `zh_CN` are Chinese, `pt-BR` is `pt`. */
function primary(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The working languages in an `Accept-Language` header, best first (RFC 9110 §12.5.4): weights
 * sort them, `q=0` excludes, ties keep the header's order. Anything malformed is skipped.
 */
export function acceptedLanguages(header: string | null | undefined): Language[] {
  if (!header) return [];
  const ranked: { language: Language; q: number; index: number }[] = [];
  header
    .slice(0, 1000)
    .split(',')
    .forEach((part, index) => {
      const [range, ...params] = part.split(';');
      const language = primary(range ?? '');
      if (!isLanguage(language)) return;
      let q = 1;
      for (const param of params) {
        const [name, value] = param.split('=').map((s) => s.trim());
        if (name === 'q') q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
      }
      if (q > 0) ranked.push({ language, q, index });
    });
  ranked.sort((a, b) => b.q - a.q || a.index - b.index);
  return [...new Set(ranked.map((r) => r.language))];
}

/**
 * The language of a response: an explicit `?lang=` wins, then the user's preference, then the
 * browser's; English when none is a working language. An explicit choice that is not one is
 * reported as `unavailable` (and then the preference and the header still count).
 */
export function negotiateLanguage(request: LanguageRequest): NegotiatedLanguage {
  const asked = request.query?.trim() ? request.query.trim() : null;
  if (asked && isLanguage(primary(asked))) return { language: primary(asked) as Language, unavailable: null };
  const unavailable = asked ? asked.slice(0, 35) : null;
  const preference = request.preference ? primary(request.preference) : null;
  if (isLanguage(preference)) return { language: preference, unavailable };
  const [accepted] = acceptedLanguages(request.acceptLanguage);
  return { language: accepted ?? DEFAULT_LANGUAGE, unavailable };
}
