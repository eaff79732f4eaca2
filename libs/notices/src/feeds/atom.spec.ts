import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { atomId, buildAtom, escapeXml, feedBase } from './atom';

const FEED = {
  id: '3b5cbd1c-4a57-4c0e-9a39-6a1f1c7e2d01',
  title: 'Docket <of> "the" body & co',
  updated: new Date('2026-03-02T09:00:00Z'),
  author: { name: 'Registry & Co' },
  self: 'http://localhost:3000/feeds/docket.atom?a=1&b=2',
  entries: [
    {
      id: '11111111-2222-4333-8444-555555555555',
      title: "DS1 #2: China's <request> & more",
      updated: new Date('2026-03-01T10:00:00Z'),
      link: 'http://localhost:3000/feeds/disputes/DS1.atom',
      links: [{ href: 'http://localhost:3000/documents/x/content', rel: 'enclosure' as const, title: 'A "public" <doc>' }],
      categories: ['fileDocument'],
      content: 'Line one\u0001 with a control character\nand ]]> and </content>',
    },
  ],
};

describe('the Atom builder (RFC 4287)', () => {
  const xml = buildAtom(FEED);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);

  it('writes well-formed XML, whatever the text holds', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toContain('<request>');
    expect(xml).not.toContain('</content>\n    </content>');
  });

  it('has the required elements of a feed and of an entry', () => {
    const feed = parsed.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('urn:uuid:3b5cbd1c-4a57-4c0e-9a39-6a1f1c7e2d01');
    expect(feed.title['#text']).toBe('Docket <of> "the" body & co');
    expect(feed.updated).toBe('2026-03-02T09:00:00.000Z');
    expect(feed.author.name).toBe('Registry & Co');
    expect(feed.link['@rel']).toBe('self');
    expect(feed.link['@href']).toBe('http://localhost:3000/feeds/docket.atom?a=1&b=2');
    const entry = feed.entry;
    expect(entry.id).toBe('urn:uuid:11111111-2222-4333-8444-555555555555');
    expect(entry.title['#text']).toBe("DS1 #2: China's <request> & more");
    expect(entry.updated).toBe('2026-03-01T10:00:00.000Z');
    expect(entry.link.map((l: Record<string, string>) => l['@rel'])).toEqual(['alternate', 'enclosure']);
    expect(entry.link[1]['@title']).toBe('A "public" <doc>');
    expect(entry.content['@type']).toBe('text');
    expect(entry.content['#text']).toBe('Line one with a control character\nand ]]> and </content>');
  });

  it('escapes the five XML characters and drops those XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g')).toBe('abcdefg');
    expect(escapeXml('tab\tline\ncr\r😀')).toBe('tab\tline\ncr\r😀');
  });

  it('makes ids of UUIDs into urn:uuid and leaves IRIs alone', () => {
    expect(atomId('AAAAAAAA-2222-4333-8444-555555555555')).toBe('urn:uuid:aaaaaaaa-2222-4333-8444-555555555555');
    expect(atomId('tag:example.org,2026:x')).toBe('tag:example.org,2026:x');
  });

  it('gives an empty feed its required elements too', () => {
    const empty = new XMLParser().parse(buildAtom({ ...FEED, entries: [] }));
    expect(Object.keys(empty.feed)).toEqual(expect.arrayContaining(['id', 'title', 'updated', 'author', 'link']));
    expect(empty.feed.entry).toBeUndefined();
  });

  it('never echoes a Host header that is no host into links', () => {
    const request = (host: string | undefined, protocol = 'http') => ({ protocol, headers: { host } });
    expect(feedBase(request('dsb.example:8443', 'https'))).toBe('https://dsb.example:8443');
    expect(feedBase(request('[::1]:3000'))).toBe('http://[::1]:3000');
    expect(feedBase(request('evil"><x'))).toBe('http://localhost');
    expect(feedBase(request(undefined, 'gopher'))).toBe('http://localhost');
  });
});
