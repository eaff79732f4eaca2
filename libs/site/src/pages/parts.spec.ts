import { translator } from '@app/i18n';
import { checkDocketParams } from './docket.page';
import { articleOf, filedText, isDocketNumber, isUuid, pager, textLanguage } from './parts';
import { html } from '../html';

describe('site page parts', () => {
  it('checks the docket filters before any query, naming what it leaves out', () => {
    const kenya = { code: 'KEN', name: 'Kenya' };
    const f = checkDocketParams({ q: 'steel\u0000', stage: 'NOPE', year: '20x6', member: 'ken' }, (c) => (c === 'KEN' ? kenya : null));
    expect(f).toEqual({
      text: 'steel',
      member: kenya,
      stage: null,
      year: null,
      problems: [
        { key: 'site.docket.unknownStage', value: 'NOPE' },
        { key: 'site.docket.badYear', value: '20x6' },
      ],
    });
    expect(checkDocketParams({ member: 'XYZ', stage: 'ADOPTED', year: '2026' }, () => null)).toMatchObject({
      stage: 'ADOPTED',
      year: 2026,
      problems: [{ key: 'site.docket.unknownMember', value: 'XYZ' }],
    });
  });

  it('accepts only docket numbers and ids as path parameters', () => {
    expect(isDocketNumber('DS7')).toBe(true);
    expect(isDocketNumber('DS07')).toBe(false);
    expect(isDocketNumber('DS7<script>')).toBe(false);
    expect(isUuid('not-an-id')).toBe(false);
  });

  it('names the provision of a docket step', () => {
    expect(articleOf('requestConsultations')).toBe('DSU 4.3, 4.4, 4.8, 4.11');
    expect(articleOf('objectToAdoption')).toBe('DSU 16.2');
    expect(articleOf('somethingElse')).toBeNull();
  });

  it('links the next page by its cursor, escaped, in the reader language', () => {
    const out = String(pager(translator('ar'), '/', { q: '"x"' }, { hasNextPage: true, endCursor: 'abc' }, 'prev'));
    expect(out).toContain('href="/?q=%22x%22&amp;after=abc&amp;lang=ar"');
    expect(out).toContain('href="/?q=%22x%22&amp;lang=ar"');
  });

  it("marks a filed text with its own language when it is not the page's, and only then (WCAG 3.1.2)", () => {
    const filed = { language: 'en', languages: ['en', 'fr'] };
    expect(textLanguage('fr', filed)).toBe('fr');
    expect(textLanguage('ar', filed)).toBe('en');
    expect(html`${filedText('fr', 'Mesures', filed)}`.value).toBe('Mesures');
    expect(html`${filedText('ar', 'Measures <x>', filed)}`.value).toBe('<span lang="en" dir="ltr">Measures &lt;x&gt;</span>');
    expect(html`${filedText('en', 'الإجراءات', { language: 'ar', languages: ['ar'] })}`.value).toBe(
      '<span lang="ar" dir="rtl">الإجراءات</span>',
    );
    expect(html`${filedText('fr', '措施', { language: 'zh', languages: ['zh'] })}`.value).toBe(
      '<span lang="zh-Hans" dir="ltr">措施</span>',
    );
  });
});
