import { createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// The API's language (README, "Working languages"): ?lang > preference > Accept-Language > English.
describe('working languages of the API', () => {
  let t: TestApp;
  let token: string;
  const post = (query: string, opts: { lang?: string; accept?: string; token?: string } = {}) => {
    const req = t
      .http()
      .post(`/graphql${opts.lang ? `?lang=${opts.lang}` : ''}`)
      .set('content-type', 'application/json');
    if (opts.accept) req.set('accept-language', opts.accept);
    if (opts.token) req.set('authorization', `Bearer ${opts.token}`);
    return req.send({ query });
  };

  beforeAll(async () => {
    t = await startTestApp();
    token = t.tokenFor(await createUser(t.db, { role: 'PANELIST' }));
  });
  afterAll(() => t.close());

  it('answers anonymously in ?lang=, with Content-Language and Vary', async () => {
    const res = await post('{ __typename }', { lang: 'fr' });
    expect(res.headers['content-language']).toBe('fr');
    expect(res.headers.vary).toMatch(/Accept-Language/);
    expect(res.body.extensions).toEqual({ language: 'fr' });
    const ar = await post('{ __typename }', { accept: 'ar' });
    expect(ar.body.extensions).toEqual({ language: 'ar' });
  });

  it('falls back to English and says so for an unknown language', async () => {
    const res = await post('{ __typename }', { lang: 'de' });
    expect(res.headers['content-language']).toBe('en');
    expect(res.body.extensions.languageFallback.requested).toBe('de');
  });

  it('localizes an error in each language with the same code, English unchanged', async () => {
    const en = await post('{ nope }');
    expect(en.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    for (const lang of ['zh', 'fr', 'es', 'ru', 'ar']) {
      const res = await post('{ nope }', { lang });
      expect(res.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', detail: en.body.errors[0].message });
      expect(res.body.errors[0].message).not.toBe(en.body.errors[0].message);
    }
  });

  it('updateMyLanguage: the preference beats Accept-Language, ?lang beats the preference, an unknown code is refused', async () => {
    const bad = await post('mutation { updateMyLanguage(language: "xx") { id } }', { token });
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'UNKNOWN_LANGUAGE' });
    const ok = await post('mutation { updateMyLanguage(language: "RU") { language } }', { token });
    expect(ok.body.data.updateMyLanguage.language).toBe('ru');
    expect((await post('{ me { language } }', { token, accept: 'es' })).headers['content-language']).toBe('ru');
    expect((await post('{ me { language } }', { token, accept: 'es', lang: 'zh' })).headers['content-language']).toBe('zh-Hans');
  });
});
