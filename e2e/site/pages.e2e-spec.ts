import { DataSource } from 'typeorm';
import { CommandRunner } from '@app/core';
import { translate } from '@app/i18n';
import { count, parseBlt, type CountingRules } from '@app/stv';
import { DisputesService } from '@app/registry';
import { escapeHtml } from '@app/site';
import { loadDemoDataIfEmpty } from '../../apps/api/src/demo/demo-data';
import { createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// The public pages of the docket (issue 17, README "Public pages") over HTTP, on the demo
// registry: every page in English and in Arabic (right to left), nothing non-public on any of
// them, the 404 page for what does not exist, hostile query strings escaped, JSON beside the HTML.
describe('public pages: the docket, disputes, reports, roster, elections, calendar', () => {
  let t: TestApp;
  const rows = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  const get = (path: string) => t.http().get(path);
  let pages: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    expect(await loadDemoDataIfEmpty(t.app.get(DataSource), t.app.get(CommandRunner), t.app.get(DisputesService), 10)).toBe(true);
    const [dispute] = await rows(`SELECT 'DS' || number AS docket_number FROM disputes ORDER BY number LIMIT 1`);
    const [election] = await rows(`SELECT id FROM elections WHERE closed_at IS NOT NULL ORDER BY closed_at LIMIT 1`);
    pages = ['/', `/disputes/${dispute.docket_number}`, '/reports', '/roster', '/elections', '/calendar'];
    if (election) pages.push(`/elections/${election.id}`);
  }, 240_000);
  afterAll(() => t?.close());

  it('serves every page in English and in Arabic, right to left, with its JSON', async () => {
    for (const path of pages) {
      for (const lang of ['en', 'ar']) {
        const res = await get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect({ path, lang, status: res.status }).toEqual({ path, lang, status: 200 });
        expect(res.text).toContain(lang === 'ar' ? '<html lang="ar" dir="rtl">' : '<html lang="en" dir="ltr">');
        expect(res.text).toMatch(/<h1[ >]/);
        expect(res.headers['cache-control']).toContain('public');
      }
      const json = await get(`${path}?format=json`);
      expect({ path, status: json.status }).toEqual({ path, status: 200 });
      expect(json.body.query).toContain('query');
      expect(json.body.data).toBeDefined();
      expect(json.body.errors).toBeUndefined();
    }
  }, 120_000);

  it('shows a dispute page with its parties and timeline, and the 404 page for a number no dispute has', async () => {
    const [d] = await rows(`SELECT 'DS' || number AS docket_number, title FROM disputes ORDER BY number LIMIT 1`);
    const page = await get(`/disputes/${d.docket_number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(d.docket_number);
    const missing = await get('/disputes/DS99999');
    expect(missing.status).toBe(404);
    const malformed = await get('/disputes/not-a-number');
    expect(malformed.status).toBe(404);
    // Absent and malformed look the same: nothing tells which numbers exist.
    expect(missing.text.replace(/DS99999|not-a-number/g, '')).toContain('<html');
  });

  it('shows no title of a document that is not public, on any page, in HTML or JSON', async () => {
    const hidden: { title: string }[] = await rows(`SELECT title FROM documents WHERE classification <> 'PUBLIC' AND length(title) > 12`);
    expect(hidden.length).toBeGreaterThan(0);
    const publicTitles: string[] = (await rows(`SELECT title FROM documents WHERE classification = 'PUBLIC'`)).map(
      (r: { title: string }) => r.title,
    );
    const markers = hidden.map((h) => h.title).filter((title) => !publicTitles.some((p) => p.includes(title)));
    const disputes: { docket_number: string }[] = await rows(`SELECT 'DS' || number AS docket_number FROM disputes`);
    for (const path of [...pages, ...disputes.map((d) => `/disputes/${d.docket_number}`)]) {
      for (const res of [await get(path), await get(`${path}?format=json`)]) {
        for (const marker of markers) expect({ path, leaked: res.text.includes(marker) ? marker : null }).toEqual({ path, leaked: null });
      }
    }
  }, 120_000);

  it('reads a dispute page in French and Arabic: its title as translated, its limits in the language, a text in another language marked', async () => {
    const [d] = await rows(
      `SELECT d.id, 'DS' || d.number AS docket_number, d.title, d.language FROM disputes d
        WHERE d.language = 'en' AND EXISTS (SELECT 1 FROM deadlines l WHERE l.dispute_id = d.id)
          AND NOT EXISTS (SELECT 1 FROM dispute_translations x WHERE x.dispute_id = d.id AND x.language IN ('fr', 'ar'))
        ORDER BY d.number LIMIT 1`,
    );
    const limits: { rule: string }[] = await rows(`SELECT DISTINCT rule FROM deadlines WHERE dispute_id = $1`, [d.id]);
    const secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    const french = 'Mesures visant les importations de fils d’acier (titre en français)';
    const added = await t.gql(
      `mutation($id: ID!) { addDisputeTranslation(disputeId: $id, language: "fr", title: ${JSON.stringify(french)}, summary: "Résumé en français.") { id } }`,
      { id: d.id },
      t.tokenFor(secretariat),
    );
    expect(added.errors).toBeUndefined();
    const path = `/disputes/${d.docket_number}`;

    const fr = await get(`${path}?lang=fr`);
    expect(fr.status).toBe(200);
    // In French the title and summary are the French ones, in the page's language: nothing to mark.
    expect(fr.text).toContain(`<h1>${d.docket_number}: ${escapeHtml(french)}</h1>`);
    expect(fr.text).toContain('<p>Résumé en français.</p>');
    for (const { rule } of limits) expect(fr.text).toContain(escapeHtml(translate('fr', `limits.${rule}`)));
    // The timeline is the docket in French, as the API renders it for a French reader.
    const docket = await t.gql(
      `query($n: String!) { dispute(docketNumber: $n) { docket(first: 100) { nodes { text(language: "fr") } } } }`,
      {
        n: d.docket_number,
      },
    );
    const entries: { text: string }[] = docket.data!.dispute.docket.nodes;
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(fr.text).toContain(escapeHtml(entry.text));
    // The table of limits is all French.
    const table = fr.text.slice(fr.text.indexOf('<h2>Délais</h2>'), fr.text.indexOf('<h2>', fr.text.indexOf('<h2>Délais</h2>') + 1));
    expect(table).toContain(escapeHtml(translate('fr', `limits.${limits[0].rule}`)));
    for (const { rule } of limits) expect(table).not.toContain(escapeHtml(translate('en', `limits.${rule}`)));

    // In Arabic there is no Arabic title: the English one, marked as English and left to right (WCAG 3.1.2).
    const ar = await get(`${path}?lang=ar`);
    expect(ar.status).toBe(200);
    expect(ar.text).toContain(`<h1>${d.docket_number}: <span lang="en" dir="ltr">${escapeHtml(d.title)}</span></h1>`);
    for (const { rule } of limits) expect(ar.text).toContain(escapeHtml(translate('ar', `limits.${rule}`)));

    // In English, the procedure's own wording; the French title never shows on an English page.
    const en = await get(`${path}?lang=en`);
    expect(en.text).toContain(`<h1>${d.docket_number}: ${escapeHtml(d.title)}</h1>`);
    expect(en.text).not.toContain(escapeHtml(french));
    for (const { rule } of limits) expect(en.text).toContain(escapeHtml(translate('en', `limits.${rule}`)));

    // The JSON beside the French page: the same query and variables, the French texts.
    const json = await get(`${path}?lang=fr&format=json`);
    expect(json.body.variables.language).toBe('fr');
    expect(json.body.data.dispute.title).toBe(french);
    expect(json.body.data.dispute.deadlines.map((l: { description: string }) => l.description)).toContain(
      translate('fr', `limits.${limits[0].rule}`),
    );
  }, 60_000);

  it("answers a download's errors in the reader's language, its codes unchanged, the same for absent and not public", async () => {
    const [restricted] = await rows(`SELECT id FROM documents WHERE classification <> 'PUBLIC' LIMIT 1`);
    for (const id of ['00000000-0000-4000-8000-000000000000', restricted.id]) {
      const fr = await t.http().get(`/documents/${id}/content`).set('Accept-Language', 'fr');
      expect(fr.status).toBe(404);
      expect(fr.headers['content-language']).toBe('fr');
      expect(fr.body.error).toMatchObject({
        code: 'NOT_FOUND',
        domainCode: 'DOCUMENT_NOT_FOUND',
        message: translate('fr', 'errors.DOCUMENT_NOT_FOUND'),
      });
      const ar = await t.http().get(`/documents/${id}/content?lang=ar`);
      expect(ar.body.error).toMatchObject({ domainCode: 'DOCUMENT_NOT_FOUND', message: translate('ar', 'errors.DOCUMENT_NOT_FOUND') });
      const en = await get(`/documents/${id}/content`);
      expect(en.body.error).toEqual({ code: 'NOT_FOUND', domainCode: 'DOCUMENT_NOT_FOUND', message: `Document ${id} was not found` });
    }
    // The site's 404 in JSON says why too, in the reader's language; in HTML, the 404 page in it.
    const json = await get('/disputes/DS99999?format=json&lang=es');
    expect(json.status).toBe(404);
    expect(json.body).toMatchObject({
      data: null,
      error: { code: 'NOT_FOUND', domainCode: 'DISPUTE_NOT_FOUND', message: translate('es', 'errors.DISPUTE_NOT_FOUND') },
    });
    const page = await get('/disputes/DS99999?lang=zh');
    expect(page.status).toBe(404);
    expect(page.text).toContain(escapeHtml(translate('zh', 'site.notFound.text')));
  });

  it('escapes hostile query strings and names unknown filters instead of failing', async () => {
    const hostile = '<script>alert(1)</script>';
    const res = await get(`/?q=${encodeURIComponent(hostile)}&stage=${encodeURIComponent('"><img src=x>')}&member=ZZZ&year=abc`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(hostile);
    expect(res.text).not.toContain('"><img src=x>');
    expect(res.text).toContain('&lt;script&gt;');
  });

  it('filters the docket by stage and member and pages it with links that work', async () => {
    const [{ code }] = await rows(
      `SELECT m.code FROM members m JOIN dispute_parties p ON p.member_id = m.id GROUP BY m.code ORDER BY count(*) DESC LIMIT 1`,
    );
    const byMember = await get(`/?member=${code}&format=json`);
    expect(byMember.status).toBe(200);
    const nodes = byMember.body.data.disputes.nodes as unknown[];
    expect(nodes.length).toBeGreaterThan(0);
    const first = await get('/?first=5');
    expect(first.status).toBe(200);
    const next = /href="(\/\?[^"]*after=[^"]+)"/.exec(first.text);
    if (next) {
      const second = await get(next[1].replace(/&amp;/g, '&'));
      expect(second.status).toBe(200);
    }
    const badCursor = await get('/?after=not-a-cursor');
    expect(badCursor.status).toBe(200);
  });

  it('serves the BLT file of an election whose ballots are published, and the 404 page otherwise', async () => {
    const missing = await get('/elections/00000000-0000-0000-0000-000000000000/ballots.blt');
    expect(missing.status).toBe(404);
    const closed: { id: string; ballots_published: boolean }[] = await rows(
      `SELECT id, ballots_published FROM elections WHERE closed_at IS NOT NULL`,
    );
    let served = 0;
    for (const { id, ballots_published: published } of closed) {
      const res = await get(`/elections/${id}/ballots.blt`);
      // Served exactly when the ballots are published; otherwise the same 404 as an absent election.
      expect({ id, status: res.status }).toEqual({ id, status: published ? 200 : 404 });
      // A BLT file opens with the number of candidates and of seats.
      if (res.status === 200) {
        expect(res.text).toMatch(/^\d+ \d+\n/);
        served += 1;
      }
    }
    expect(closed.length).toBeGreaterThan(0);
    expect(served).toBe(closed.filter((e) => e.ballots_published).length);
  });

  it("publishes the ballots of the demo's counted elections as the product does, and their BLT file recounts to the published result", async () => {
    const published: { id: string }[] = await rows(`SELECT id FROM elections WHERE ballots_published ORDER BY closed_at`);
    // The demo's elections had at least BALLOT_PUBLICATION_MIN ballots each: `npm start` shows a recount file.
    expect(published.length).toBeGreaterThan(0);
    for (const { id } of published) {
      const blt = await get(`/elections/${id}/ballots.blt`);
      expect(blt.status).toBe(200);
      const file = parseBlt(blt.text);
      const page = (await get(`/elections/${id}?format=json`)).body.data.election;
      expect(file.seats).toBe(page.seats);
      expect(file.ballots.reduce((n, b) => n + b.weight, 0)).toBe(page.turnout);
      // Anyone's recount: the file, the published seed and rules, the library's count.
      // The API names the rules as a GraphQL enum (MEEK_STV), the count library as the tools do (meek-stv).
      const rules = (page.rules as string).toLowerCase().replace('_', '-') as CountingRules;
      const recount = count({ ...file, seed: page.seed, rules });
      expect(recount.elected).toEqual(page.count.elected);
      expect(recount.elected).toHaveLength(page.seats);
      expect(page.elected.length).toBe(page.seats);
    }
  });
});
