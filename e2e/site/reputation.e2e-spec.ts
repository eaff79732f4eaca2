import { DataSource } from 'typeorm';
import { CommandRunner } from '@app/core';
import { LANGUAGES, translate } from '@app/i18n';
import { DisputesService } from '@app/registry';
import { drawnTexts, escapeHtml } from '@app/site';
import { loadDemoDataIfEmpty } from '../../apps/api/src/demo/demo-data';
import { createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// The body's public account of its work (issue 17): statistics as charts, members' records and
// the periodic report, over HTTP, on the demo registry.
describe('public pages: statistics, members, the periodic report', () => {
  let t: TestApp;
  const rows = (sql: string, params: unknown[] = []) => t.db.query(sql, params);

  beforeAll(async () => {
    t = await startTestApp();
    expect(await loadDemoDataIfEmpty(t.app.get(DataSource), t.app.get(CommandRunner), t.app.get(DisputesService), 10)).toBe(true);
  }, 240_000);
  afterAll(() => t?.close());

  it.each(['en', 'ar'])('serves the statistics with charts and their tables in %s', async (lang) => {
    const res = await t.http().get(`/statistics?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(lang === 'ar' ? '<html lang="ar" dir="rtl">' : '<html lang="en" dir="ltr">');
    expect(res.text.match(/<svg [^>]*role="img"/g)?.length).toBe(2);
    expect(res.text).toContain('<title id="chart-time-title">');
    expect(res.text.match(/<table>/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it.each(['en', 'ar'])('lists the members and shows a member record in %s', async (lang) => {
    const list = await t.http().get(`/members?lang=${lang}`);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
    const [{ code }] = await rows(`SELECT code FROM members ORDER BY code LIMIT 1`);
    expect(list.text).toContain(`/members/${code}?lang=${lang}`);
    const page = await t.http().get(`/members/${code}?lang=${lang}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
  });

  it('counts the limits a respondent met and missed from the public time limits only, and shows nothing non-public', async () => {
    // The respondent with the most missed limits that bound it.
    const [{ code, id }] = await rows(
      `SELECT m.code, m.id FROM members m JOIN dispute_parties p ON p.member_id = m.id AND p.kind = 'RESPONDENT'
        JOIN deadlines d ON d.dispute_id = p.dispute_id AND d.status = 'MISSED'
        GROUP BY m.code, m.id ORDER BY count(*) DESC, m.code LIMIT 1`,
    );
    const json = await t.http().get(`/members/${code}?format=json`);
    expect(json.status).toBe(200);
    const record = json.body.data.memberRecord;
    // The same figures from the public API, as an anonymous reader: every dispute's time limits.
    const disputes = (
      await t.gql(
        `{ disputes(first: 100, filter: { member: "${code}" }) { nodes { docketNumber complainant { code } respondents { code } deadlines { rule status dueDate } } } }`,
      )
    ).data!.disputes.nodes as {
      docketNumber: string;
      complainant: { code: string };
      respondents: { code: string }[];
      deadlines: { rule: string; status: string }[];
    }[];
    const { DEADLINE_RULES } = await import('@app/procedure');
    let met = 0;
    let missed = 0;
    for (const d of disputes) {
      const kind = d.complainant.code === code ? 'COMPLAINANT' : d.respondents.some((r) => r.code === code) ? 'RESPONDENT' : null;
      if (!kind) continue;
      for (const l of d.deadlines) {
        const rule = DEADLINE_RULES[l.rule as keyof typeof DEADLINE_RULES];
        if (l.rule === 'STATUS_REPORT_NOTICE' || rule.kind !== 'DEADLINE' || !(rule.binds === kind || rule.binds === 'PARTIES')) continue;
        if (l.status === 'MET') met += 1;
        if (l.status === 'MISSED') missed += 1;
      }
    }
    expect(record.limitsMissed).toBeGreaterThan(0);
    expect({ met: record.limitsMet, missed: record.limitsMissed }).toEqual({ met, missed });
    const html = (await t.http().get(`/members/${code}`)).text;
    expect(html).toContain(`data-figure="limits-missed">${missed}<`);
    // Each missed limit said in the reader's language (the limits catalogue), its code beside it.
    const missedRules: string[] = (json.body.data.memberRecord.missedLimits as { rule: string }[]).map((l) => l.rule);
    expect(missedRules.length).toBeGreaterThan(0);
    for (const lang of ['fr', 'ar'] as const) {
      const page = (await t.http().get(`/members/${code}?lang=${lang}`)).text;
      for (const rule of missedRules) {
        expect(page).toContain(escapeHtml(translate(lang, `limits.${rule}`)));
        expect(page).not.toContain(escapeHtml(translate('en', `limits.${rule}`)));
      }
    }
    // No title of a document the public may not read, of any of its disputes.
    const hidden: { title: string }[] = await rows(
      `SELECT DISTINCT doc.title FROM documents doc JOIN dispute_parties p ON p.dispute_id = doc.dispute_id
        WHERE p.member_id = $1 AND doc.classification <> 'PUBLIC'`,
      [id],
    );
    expect(hidden.length).toBeGreaterThan(0);
    for (const { title } of hidden) {
      expect(JSON.stringify(json.body)).not.toContain(title);
      expect(html).not.toContain(title);
    }
  });

  it("names a member's disputes by their title in the page's language where one was filed, marked with its language where not", async () => {
    const [{ id, code, title }] = await rows(
      `SELECT d.id, m.code, d.title FROM disputes d JOIN dispute_parties p ON p.dispute_id = d.id AND p.kind = 'RESPONDENT'
        JOIN members m ON m.id = p.member_id
        WHERE d.language = 'en' AND NOT EXISTS (SELECT 1 FROM dispute_translations t WHERE t.dispute_id = d.id AND t.language IN ('fr', 'ar'))
        ORDER BY d.filed_at DESC LIMIT 1`,
    );
    const registrar = await createUser(t.db, { role: 'SECRETARIAT' });
    const added = await t.gql(
      `mutation($id: ID!) { addDisputeTranslation(disputeId: $id, language: "fr", title: "Titre en français", summary: "Résumé") { id } }`,
      { id },
      t.tokenFor(registrar),
    );
    expect(added.errors).toBeUndefined();
    const record = await t.gql(
      `query($code: String!) { memberRecord(code: $code) { disputes { docketNumber fr: title(language: "fr") ar: title(language: "ar") language languages } } }`,
      { code },
    );
    expect(record.errors).toBeUndefined();
    expect(record.data!.memberRecord.disputes).toContainEqual(
      expect.objectContaining({ fr: 'Titre en français', ar: title, language: 'en', languages: ['en', 'fr'] }),
    );
    const fr = await t.http().get(`/members/${code}?lang=fr`);
    expect(fr.text).toContain('<td>Titre en français</td>');
    const ar = await t.http().get(`/members/${code}?lang=ar`);
    expect(ar.text).toContain(`<td><span lang="en" dir="ltr">${escapeHtml(title)}</span></td>`);
  });

  it('answers an unknown member with the 404 page', async () => {
    expect((await t.http().get('/members/ZZZ')).status).toBe(404);
    expect((await t.http().get('/members/%3Cscript%3E')).status).toBe(404);
  });

  it.each(['en', 'ar'])('serves the periodic report of the current year by default in %s', async (lang) => {
    const res = await t.http().get(`/periodic-report?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
    expect(res.text).toContain('/periodic-report.pdf?from=');
  });

  it('gives the same figures for the same period twice, and they match the docket', async () => {
    const [{ from, to }] = await rows(
      `SELECT to_char(date_trunc('year', min(filed_at)), 'YYYY-MM-DD') AS from, to_char(max(filed_at), 'YYYY') || '-12-31' AS to FROM disputes`,
    );
    const first = await t.http().get(`/periodic-report?from=${from}&to=${to}&format=json`);
    const second = await t.http().get(`/periodic-report?from=${from}&to=${to}&format=json`);
    expect(first.status).toBe(200);
    expect(second.body.data).toEqual(first.body.data);
    const report = first.body.data.periodicReport;
    const [docket] = await rows(
      `SELECT (SELECT count(*) FROM docket_entries WHERE kind = 'requestConsultations')::int AS filed,
              (SELECT count(*) FROM dispute_stage_periods WHERE stage = 'ADOPTED')::int AS adopted`,
    );
    expect(report.filed).toBe(docket.filed);
    expect(report.decided).toBe(docket.adopted);
    expect(report.filed).toBeGreaterThan(0);
    const page = await t.http().get(`/periodic-report?from=${from}&to=${to}`);
    expect(page.text).toContain(`data-figure="filed">${report.filed}<`);
  });

  /** The periodic report of 2025 as a PDF, its bytes as the body. */
  const reportPdf = (lang: string) =>
    t
      .http()
      .get(`/periodic-report.pdf?from=2025-01-01&to=2025-12-31&lang=${lang}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('serves the PDF with its period', async () => {
    const res = await reportPdf('fr');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const body = (res.body as Buffer).toString('latin1');
    expect(body.startsWith('%PDF-')).toBe(true);
    expect(body).toContain('Periodic report, 2025-01-01 to 2025-12-31');
  });

  it.each([
    ['zh', 'zh-Hans', 'NotoSansSC-Regular'],
    ['ar', 'ar', 'NotoSansArabic-Regular'],
  ])('serves the PDF in %s, in its own font, no longer in English', async (lang, contentLanguage, font) => {
    const res = await reportPdf(lang);
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe(contentLanguage);
    const texts = drawnTexts(res.body as Buffer);
    const title = translate(lang as 'zh' | 'ar', 'reputation.report.title', { from: '', to: '' }).slice(0, 4);
    expect(texts[0].fonts).toEqual([font]);
    expect(texts[0].actual ?? texts[0].glyphs.join('')).toContain(title);
    expect(texts.some((x) => x.glyphs.join('').includes('This report is in English'))).toBe(false);
  });

  it.each(LANGUAGES)('serves the PDF in %s with every character in a font that has its glyph', async (lang) => {
    // Titles and members come from filings in any language: none may be drawn as an empty box.
    const texts = drawnTexts((await reportPdf(lang)).body as Buffer);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((x) => x.notdef > 0)).toEqual([]);
  });

  it('refuses a bad period: a 400 page, and PERIOD_INVALID from the API', async () => {
    const page = await t.http().get('/periodic-report?from=2026-12-31&to=2026-01-01&lang=fr');
    expect(page.status).toBe(400);
    expect(page.text).toContain('Cette période ne peut faire l&#39;objet d&#39;un rapport');
    expect((await t.http().get('/periodic-report?from=nonsense')).status).toBe(400);
    expect((await t.http().get('/periodic-report.pdf?from=2000-01-01&to=2026-01-01')).status).toBe(400);
    const api = await t.gql(`{ periodicReport(from: "2026-12-31", to: "2026-01-01") { filed } }`);
    expect(api.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'PERIOD_INVALID' });
  });
});
