import { MemberEntity, UserEntity } from '@app/core';
import { HearingEntity } from '@app/hearings';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) });
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe('the public Atom feeds', () => {
  let t: TestApp;
  const users = {} as Record<'complainant' | 'reader' | 'secretariat', UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  let disputeId: string;
  let docketNumber: string;
  const ids = {} as Record<'public' | 'restricted' | 'confidential', string>;
  const titles = { public: 'Feed-public-title', restricted: 'Feed-restricted-title', confidential: 'Feed-confidential-title' };
  const hidden = () => [titles.restricted, titles.confidential, ids.restricted, ids.confidential, 'https://private.example/session'];

  /** Fetches a feed, checks what every feed must be, and gives it parsed. */
  async function feed(path: string): Promise<{ text: string; feed: Record<string, any> }> {
    const res = await t
      .http()
      .get(path)
      .buffer(true)
      .parse((response, done) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => done(null, body));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const text = res.body as string;
    expect(XMLValidator.validate(text)).toBe(true);
    const parsed = parser.parse(text).feed;
    expect(parsed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(parsed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(parsed.title['#text']).toEqual(expect.any(String));
    expect(new Date(parsed.updated).toISOString()).toBe(parsed.updated);
    expect(parsed.author.name).toEqual(expect.any(String));
    expect(list(parsed.link).find((l: Record<string, string>) => l['@rel'] === 'self')?.['@href']).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+${path.replace(/\./g, '\\.')}$`),
    );
    for (const entry of list(parsed.entry) as Record<string, any>[]) {
      expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(entry.title['#text']).toEqual(expect.any(String));
      expect(new Date(entry.updated).toISOString()).toBe(entry.updated);
      expect(list(entry.link).some((l: Record<string, string>) => l['@rel'] === 'alternate' && /^http:\/\//.test(l['@href']))).toBe(true);
      expect(entry.content['@type']).toBe('text');
    }
    for (const secret of hidden()) expect(text).not.toContain(secret);
    return { text, feed: parsed };
  }

  beforeAll(async () => {
    t = await startTestApp();
    members.CHN = await createMember(t.db, { code: 'CHN', name: 'China' });
    members.PAK = await createMember(t.db, { code: 'PAK', name: 'Pakistan' });
    users.complainant = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.reader = await createUser(t.db, { role: 'PANELIST' });
    users.secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit & <vegetables>", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id docketNumber } }`,
      {},
      t.tokenFor(users.complainant),
    );
    disputeId = filed.data!.requestConsultations.id;
    docketNumber = filed.data!.requestConsultations.docketNumber;
    const specs = {
      public: { kind: 'NOTIFICATION', classification: 'PUBLIC' },
      restricted: { kind: 'NOTIFICATION', classification: 'RESTRICTED' },
      confidential: { kind: 'EXHIBIT', classification: 'CONFIDENTIAL', readerIds: [users.reader.id] },
    };
    for (const doc of ['public', 'restricted', 'confidential'] as const) {
      const res = await t.gql(
        FILE,
        {
          input: {
            disputeId,
            title: titles[doc],
            fileName: `${doc}.txt`,
            mediaType: 'text/plain',
            content: Buffer.from(doc).toString('base64'),
            ...specs[doc],
          },
        },
        t.tokenFor(users.complainant),
      );
      expect(res.errors).toBeUndefined();
      ids[doc] = res.data!.fileDocument.id;
    }
    // Two hearings, written as a factory (scheduling itself: e2e/hearings): one open to public
    // observation, one not, both with a session link that is for the participants only.
    const hearings = t.db.getRepository(HearingEntity);
    for (const [publicObservation, kind] of [
      [true, 'FIRST_SUBSTANTIVE_MEETING'],
      [false, 'SECOND_SUBSTANTIVE_MEETING'],
    ] as const) {
      await hearings.save(
        hearings.create({
          disputeId,
          kind,
          status: 'SCHEDULED',
          startsAt: new Date('2026-04-01T08:00:00Z'),
          endsAt: new Date('2026-04-01T12:00:00Z'),
          timeZone: 'Europe/Zurich',
          roomId: null,
          virtualLink: 'https://private.example/session',
          publicObservation,
          scheduledById: users.secretariat.id,
        }),
      );
    }
  });
  afterAll(() => t?.close());

  it('serves the docket of every dispute: the entries, the public documents linked, nothing else', async () => {
    const { feed: parsed, text } = await feed('/feeds/docket.atom');
    const entries = list(parsed.entry) as Record<string, any>[];
    // The request and the three filings, newest first.
    expect(entries).toHaveLength(4);
    expect(entries.map((e) => e.title['#text'])).toEqual(entries.map(() => expect.stringMatching(new RegExp(`^${docketNumber} #\\d+: `))));
    const enclosures = entries.flatMap((e) => list(e.link).filter((l: Record<string, string>) => l['@rel'] === 'enclosure'));
    expect(enclosures).toEqual([
      expect.objectContaining({ '@href': expect.stringContaining(`/documents/${ids.public}/content`), '@title': titles.public }),
    ]);
    // The dispute's title is escaped, not dropped.
    expect(text).toContain('Fruit &amp; &lt;vegetables&gt;');
  });

  it("serves one dispute's docket, and 404 for a docket number no dispute has", async () => {
    const { feed: parsed } = await feed(`/feeds/disputes/${docketNumber}.atom`);
    expect(parsed.id).toBe(`urn:uuid:${disputeId}`);
    expect(list(parsed.entry)).toHaveLength(4);
    for (const path of ['/feeds/disputes/DS999999.atom', '/feeds/disputes/nonsense.atom', `/feeds/disputes/${docketNumber}.rss`]) {
      const res = await t.http().get(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('serves the public hearings only, without their session links', async () => {
    const { feed: parsed } = await feed('/feeds/hearings.atom');
    const entries = list(parsed.entry) as Record<string, any>[];
    expect(entries).toHaveLength(1);
    expect(entries[0].title['#text']).toBe(`${docketNumber}: first substantive meeting, 2026-04-01T08:00:00.000Z`);
    expect(entries[0].content['#text']).toContain('2026-04-01T08:00:00.000Z');
  });

  it('serves the adopted reports (none yet: a valid, empty feed)', async () => {
    const { feed: parsed } = await feed('/feeds/reports.atom');
    expect(list(parsed.entry)).toEqual([]);
  });
});
