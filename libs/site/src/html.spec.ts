import { html, queryString, trusted } from './html';

describe('html', () => {
  it('escapes what it interpolates, arrays included, and keeps its own markup', () => {
    const hostile = `"><script>alert('x')</script>`;
    const inner = [html`<b>${'a&b'}</b>`, '<i>'];
    const svg = trusted('<svg/>');
    const out = html`<p title="${hostile}">${hostile}${inner}</p>${svg}${null}${false}`.value;
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<b>a&amp;b</b>&lt;i&gt;</p><svg/>',
    );
  });

  it('builds query strings without empty parameters', () => {
    expect(queryString({ lang: 'fr', q: 'a b&c', page: null, stage: '' })).toBe('?lang=fr&q=a+b%26c');
    expect(queryString({})).toBe('');
  });
});
