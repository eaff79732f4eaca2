import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { LANGUAGES } from '@app/i18n';
import type { UserEntity } from '@app/core';
import { createUser } from '../utils/factories';
import { meetingToday } from '../utils/procedure';
import { SETUP_TIMEOUT, Site, describeInBrowser, launchBrowser, pathOf, startSite } from './harness';
import { notYetServed } from './public-paths';

// Nothing that is not public reaches an anonymous reader of the public pages (issue 17): the
// demo registry plus a dispute with a document of each classification of the API's own matrix
// (e2e/registry/documents.e2e-spec.ts: an anonymous reader sees the public ones only), filed and
// read by users whose names and e-mail addresses are not public. Every page reachable from the
// docket in every language is crawled in Chromium as an anonymous browser, with each page's data
// (`?format=json`) and every other same-site resource it links to, and no private marker may
// appear in any of them.

/** Distinctive: no generated or translated text contains it. */
const MARK = 'Zqx7private';
type Doc = 'public' | 'restrictedFirst' | 'restrictedOther' | 'confidential' | 'forPanel';
const SPECS: Record<Doc, Record<string, unknown>> = {
  public: { kind: 'NOTIFICATION', classification: 'PUBLIC' },
  restrictedFirst: { kind: 'FIRST_WRITTEN_SUBMISSION', classification: 'RESTRICTED' },
  restrictedOther: { kind: 'REBUTTAL', classification: 'RESTRICTED' },
  confidential: { kind: 'EXHIBIT', classification: 'CONFIDENTIAL' },
  forPanel: { kind: 'EXHIBIT', classification: 'CONFIDENTIAL', panelOnly: true },
};
const PRIVATE_DOCS: Doc[] = ['restrictedFirst', 'restrictedOther', 'confidential', 'forPanel'];
/** Enough for every page of the demo registry in six languages once all the public pages are served. */
const MAX_FETCHES = 4000;

describeInBrowser('public pages in Chromium: nothing private for an anonymous reader', () => {
  let site: Site;
  let browser: Browser;
  let context: BrowserContext;
  const users = {} as Record<'complainant' | 'respondent' | 'secretariat' | 'reader', UserEntity>;
  const docIds = {} as Record<Doc, string>;
  /** What must never appear, with what it is (for the failure's message). */
  const markers = new Map<string, string>();
  const PUBLIC_TITLE = `${MARK} public case of fruit`;

  beforeAll(async () => {
    browser = await launchBrowser();
    site = await startSite();
    const { t } = site;
    const [a, b] = (await t.db.query(`SELECT id, code FROM members WHERE status = 'ACTIVE' ORDER BY code LIMIT 2`)) as {
      id: string;
      code: string;
    }[];
    const person = (role: string) => ({ email: `${MARK.toLowerCase()}.${role}@hidden.test`, displayName: `${MARK} ${role} Personname` });
    users.complainant = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: a.id, ...person('complainant') });
    users.respondent = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: b.id, ...person('respondent') });
    users.secretariat = await createUser(t.db, { role: 'SECRETARIAT', ...person('registrar') });
    users.reader = await createUser(t.db, { role: 'PANELIST', ...person('reader') });
    const as = (who: keyof typeof users) => t.tokenFor(users[who]);
    const filed = await t.gql(
      `mutation($input: RequestConsultationsInput!) { requestConsultations(input: $input) { id } }`,
      {
        input: {
          respondents: [b.code],
          title: PUBLIC_TITLE,
          measures: ['Licensing'],
          legalBasis: ['GATT Art. XI'],
          summary: 'Imports restricted.',
        },
      },
      as('complainant'),
    );
    expect(filed.errors).toBeUndefined();
    const disputeId = filed.data!.requestConsultations.id as string;
    const act = async (who: keyof typeof users, action: string, extra: Record<string, unknown> = {}) => {
      const res = await t.gql(
        `mutation($input: TakeActionInput!) { takeAction(input: $input) { id } }`,
        { input: { disputeId, action, ...extra } },
        as(who),
      );
      expect(res.errors).toBeUndefined();
    };
    await act('complainant', 'agreeEarlyPanelRequest');
    await act('respondent', 'agreeEarlyPanelRequest');
    await act('complainant', 'requestPanel');
    await act('complainant', 'requestBodyMeeting');
    await act('secretariat', 'establishPanel', { meetingId: await meetingToday(t) });
    for (const doc of Object.keys(SPECS) as Doc[]) {
      const title = doc === 'public' ? `${MARK} public notification` : `${MARK}-title-${doc}`;
      const fileName = `${MARK.toLowerCase()}-${doc}.txt`;
      const content = `${MARK}-content-${doc}`;
      const res = await t.gql(
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`,
        {
          input: {
            disputeId,
            title,
            fileName,
            mediaType: 'text/plain',
            content: Buffer.from(content).toString('base64'),
            ...SPECS[doc],
            ...(doc === 'confidential' ? { readerIds: [users.reader.id] } : {}),
          },
        },
        as('complainant'),
      );
      expect(res.errors).toBeUndefined();
      docIds[doc] = res.data!.fileDocument.id;
      if (doc === 'public') continue;
      markers.set(title, `the title of a ${doc} document`);
      markers.set(fileName, `the file name of a ${doc} document`);
      markers.set(content, `the content of a ${doc} document`);
      markers.set(docIds[doc], `the id of a ${doc} document`);
    }
    for (const u of Object.values(users)) markers.set(u.displayName, `the name of a user (${u.role})`);
    // Every account's address, the demo's and ours: no public page names a user's e-mail.
    for (const { email } of (await t.db.query('SELECT email FROM users')) as { email: string }[])
      markers.set(email, 'a user’s e-mail address');
    // The demo's restricted and confidential documents, by id: a link to one would carry it.
    for (const { id, classification } of (await t.db.query(
      `SELECT id, classification FROM documents WHERE classification <> 'PUBLIC'`,
    )) as {
      id: string;
      classification: string;
    }[]) {
      markers.set(id, `the id of a ${classification.toLowerCase()} document`);
    }
    markers.set('$argon2', 'a password hash');
    context = await browser.newContext({ baseURL: site.base });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.t.close();
  });

  const leaksIn = (where: string, body: string): string[] => {
    const found: string[] = [];
    for (const [marker, what] of markers) if (body.includes(marker)) found.push(`${where}: ${what} (${marker})`);
    return found;
  };

  it('crawls every page reachable from the docket in every language, with its JSON, and finds nothing private', async () => {
    // The explorer (/graphql, outside production only) is the API's tool, not a public page: its
    // demo environments name the demo accounts. The stylesheet holds no data.
    const skip = (path: string) => path === '/graphql' || path.startsWith('/assets/');
    const queue: string[] = ['/', ...LANGUAGES.map((l) => `/?lang=${l}`)];
    const seen = new Set<string>(queue);
    const leaks: string[] = [];
    const failures: string[] = [];
    let html = 0;
    let other = 0;
    let sawPublicCase = false;
    const enqueue = (url: string) => {
      const u = new URL(url, site.base);
      if (u.origin !== site.base || skip(u.pathname)) return;
      const key = pathOf(u);
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    };
    const page = await context.newPage();
    try {
      while (queue.length) {
        if (html + other >= MAX_FETCHES)
          throw new Error(`The crawl passed ${MAX_FETCHES} fetches with ${queue.length} left: raise MAX_FETCHES`);
        const path = queue.shift()!;
        const isJson = new URL(path, site.base).searchParams.get('format') === 'json';
        // A download (an election's ballots, .blt, sent as an attachment) is fetched as data: a browser saves it.
        const looksLikePage = !isJson && !/\/content$|\.(css|ics|atom|xml|blt)$/.test(new URL(path, site.base).pathname);
        if (looksLikePage) {
          const response = await page.goto(path);
          const status = response?.status() ?? 0;
          const type = response?.headers()['content-type'] ?? '';
          const body = (await response?.text()) ?? '';
          leaks.push(...leaksIn(path, body));
          if (status >= 500 || (status === 404 && !notYetServed(new URL(path, site.base).pathname))) failures.push(`${path}: ${status}`);
          if (!type.startsWith('text/html')) {
            other += 1;
            continue;
          }
          html += 1;
          if (status !== 200) continue;
          sawPublicCase ||= body.includes(PUBLIC_TITLE);
          // What the reader's browser shows, too (a script could have added to it; none should).
          leaks.push(...leaksIn(`${path} (as rendered)`, await page.content()));
          const links = (await page.evaluate(`[...document.querySelectorAll('a[href], link[href]')].map((a) => a.href)`)) as string[];
          for (const link of links) enqueue(link);
          const data = new URL(path, site.base);
          data.searchParams.set('format', 'json');
          enqueue(pathOf(data));
        } else {
          // Data, feeds and downloads, as the browser would fetch them (no credentials are ever sent).
          const response = await context.request.get(path, { maxRedirects: 5 });
          other += 1;
          if (response.status() >= 500) failures.push(`${path}: ${response.status()}`);
          const type = response.headers()['content-type'] ?? '';
          if (/json|text|xml|calendar/.test(type)) leaks.push(...leaksIn(path, await response.text()));
        }
      }
    } finally {
      await page.close();
    }
    process.stdout.write(
      `nothing-private crawl: ${html} HTML pages and ${other} other responses (data, downloads, pages not served yet), ${markers.size} private markers\n`,
    );
    // The crawl saw the seeded dispute (the docket in each language, and its JSON).
    expect(sawPublicCase).toBe(true);
    expect(html).toBeGreaterThanOrEqual(LANGUAGES.length + 1);
    expect(failures).toEqual([]);
    expect(leaks).toEqual([]);
  }, 600_000);

  it('answers the address of a document that is not public exactly as that of one that does not exist', async () => {
    const answer = async (id: string) => {
      const res = await context.request.get(`/documents/${id}/content`);
      return { status: res.status(), type: res.headers()['content-type'], body: (await res.text()).split(id).join('<id>') };
    };
    const absent = await answer(randomUUID());
    expect(absent.status).toBe(404);
    for (const doc of PRIVATE_DOCS) expect({ doc, ...(await answer(docIds[doc])) }).toEqual({ doc, ...absent });
    // The public one is served, so the comparison is not between two answers that refuse everything.
    const open = await context.request.get(`/documents/${docIds.public}/content`);
    expect(open.status()).toBe(200);
  });

  it('answers the page of an absent dispute with a 404, in every language and as JSON', async () => {
    // The registry has no dispute that is not public (requests for consultations are circulated to
    // all members, DSU 4.4): what is not public is the documents, above.
    for (const lang of LANGUAGES) {
      const res = await context.request.get(`/disputes/DS999999?lang=${lang}`);
      expect(res.status()).toBe(404);
      expect(leaksIn(`/disputes/DS999999?lang=${lang}`, await res.text())).toEqual([]);
    }
    const json = await context.request.get('/disputes/DS999999?format=json');
    expect(json.status()).toBe(404);
  });
});
