import { TestApp, startTestApp } from '../utils/test-app';

/** The public pages' frame: language, direction, fallback, caching and the data link. */
describe('public pages: the frame', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the docket at / in English by default, as HTML with cache headers', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe('en');
    expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(res.headers.vary).toContain('Accept-Language');
    expect(res.text).toContain('<html lang="en" dir="ltr">');
    expect(res.text).toContain('<h1>Disputes</h1>');
  });

  it('renders Arabic right to left, by ?lang= and by Accept-Language', async () => {
    const byQuery = await t.http().get('/?lang=ar');
    expect(byQuery.text).toContain('<html lang="ar" dir="rtl">');
    const byHeader = await t.http().get('/').set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.5');
    expect(byHeader.text).toContain('<html lang="zh-Hans" dir="ltr">');
    expect(byHeader.headers['content-language']).toBe('zh-Hans');
  });

  it('falls back to English for a language that is not a working language, and says so, escaped', async () => {
    const res = await t.http().get('/?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="en" dir="ltr">');
    expect(res.text).toContain('is not one of the body&#39;s working languages');
    expect(res.text).not.toContain('<script>alert(1)</script>');
  });

  it('answers a revalidation with 304 and gives the page data as JSON with its query', async () => {
    const first = await t.http().get('/?lang=fr');
    const again = await t.http().get('/?lang=fr').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    const json = await t.http().get('/?format=json');
    expect(json.status).toBe(200);
    expect(json.body.query).toContain('disputes(');
    expect(json.body.data.disputes.nodes).toEqual([]);
  });

  it('serves the stylesheet', async () => {
    const css = await t.http().get('/assets/site.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });
});
