import { negotiateRequestLanguage, requestLanguage, requestNegotiation, type LanguageContext } from './request-language';

const request = (over: Partial<LanguageContext['req']> = {}): LanguageContext => ({ req: { headers: {}, ...over } });

describe('negotiateRequestLanguage', () => {
  it('takes ?lang= over the preference over Accept-Language over English', () => {
    const user = { userId: 'u', language: 'ru' };
    expect(negotiateRequestLanguage({ query: { lang: 'fr' }, headers: { 'accept-language': 'es' }, user })).toEqual({
      language: 'fr',
      unavailable: null,
    });
    expect(negotiateRequestLanguage({ query: {}, headers: { 'accept-language': 'es' }, user }).language).toBe('ru');
    expect(negotiateRequestLanguage({ headers: { 'accept-language': 'de, ar;q=0.5' }, user: null }).language).toBe('ar');
    expect(negotiateRequestLanguage({ headers: {} })).toEqual({ language: 'en', unavailable: null });
  });

  it('reads the first of a repeated ?lang=, ignores one that is no string, and reports an unavailable one', () => {
    expect(negotiateRequestLanguage({ query: { lang: ['zh-Hans', 'fr'] }, headers: {} }).language).toBe('zh');
    expect(negotiateRequestLanguage({ query: { lang: { nested: 'fr' } }, headers: {} })).toEqual({ language: 'en', unavailable: null });
    expect(negotiateRequestLanguage({ query: { lang: 'de' }, headers: { 'accept-language': 'es' } })).toEqual({
      language: 'es',
      unavailable: 'de',
    });
    expect(negotiateRequestLanguage({ query: 'lang=fr', headers: {} }).language).toBe('en');
  });
});

describe('requestLanguage', () => {
  it('negotiates once and keeps it on the context', () => {
    const ctx = request({ headers: { 'accept-language': 'fr' }, user: null });
    expect(requestLanguage(ctx)).toBe('fr');
    const memo = ctx.language;
    ctx.req.headers['accept-language'] = 'es';
    expect(requestLanguage(ctx)).toBe('fr');
    expect(ctx.language).toBe(memo);
  });

  it('negotiates again once the authentication signed the user in, or the preference changed', () => {
    const ctx = request({ headers: { 'accept-language': 'fr' } });
    expect(requestLanguage(ctx)).toBe('fr');
    ctx.req.user = { userId: 'u', language: 'ar' };
    expect(requestNegotiation(ctx)).toEqual({ language: 'ar', unavailable: null });
    ctx.req.user = { userId: 'u', language: null };
    expect(requestLanguage(ctx)).toBe('fr');
  });
});
