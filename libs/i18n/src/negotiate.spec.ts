import { acceptedLanguages, negotiateLanguage } from './negotiate';

describe('acceptedLanguages', () => {
  it('orders the working languages by weight, ties in header order, q=0 excluded', () => {
    expect(acceptedLanguages('de-DE, fr;q=0.8, zh-Hans-CN;q=0.9, en;q=0, ar;q=0.8')).toEqual(['zh', 'fr', 'ar']);
    expect(acceptedLanguages('ru_RU')).toEqual(['ru']);
    expect(acceptedLanguages('es;q=abc, fr;q=1.5')).toEqual([]);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
});

describe('negotiateLanguage', () => {
  it('prefers ?lang=, then the user preference, then Accept-Language, then English', () => {
    expect(negotiateLanguage({ query: 'ar', preference: 'fr', acceptLanguage: 'es' })).toEqual({ language: 'ar', unavailable: null });
    expect(negotiateLanguage({ preference: 'fr', acceptLanguage: 'es' })).toEqual({ language: 'fr', unavailable: null });
    expect(negotiateLanguage({ acceptLanguage: 'de, es;q=0.5' })).toEqual({ language: 'es', unavailable: null });
    expect(negotiateLanguage({ acceptLanguage: 'de' })).toEqual({ language: 'en', unavailable: null });
    expect(negotiateLanguage({ query: 'zh-Hans' }).language).toBe('zh');
  });

  it('says when the language asked for is not a working language, and still honours the others', () => {
    expect(negotiateLanguage({ query: 'de' })).toEqual({ language: 'en', unavailable: 'de' });
    expect(negotiateLanguage({ query: 'de', acceptLanguage: 'ru' })).toEqual({ language: 'ru', unavailable: 'de' });
    expect(negotiateLanguage({ query: 'x'.repeat(500) }).unavailable).toHaveLength(35);
  });
});
