import { MemberEntity, PublicCache, UserEntity } from '@app/core';
import { LiveDocketHub } from '@app/notices';
import { SitePages } from '@app/site';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createUser } from '../utils/factories';
import { fileTextDocument, startTwoApps } from '../utils/procedure';
import type { TestApp } from '../utils/test-app';

const DOCUMENTS = `query($id: ID) { dispute(id: $id) { docket(first: 100) { nodes { documents { title } } } } }`;

/**
 * The public pages served from the cache of public answers (README, "Public reads from a cache"):
 * two API processes on one database, as behind a load balancer. A page read again is the same
 * bytes for one statement (the version check); once a mutation has returned on either process,
 * no process serves a page computed before it; the language is part of the key; nothing that is
 * not public is ever on a page; a revalidation gets its 304 after the version check.
 */
describe('public pages from the cache of public answers', () => {
  let a: TestApp;
  let b: TestApp;
  let members: Record<'CHN' | 'PAK', MemberEntity>;
  let party: UserEntity;
  let disputeId: string;
  let path: string;

  const pagesOf = (app: TestApp) => app.app.get(SitePages);

  /** The statements a request runs (the rate limiter's aside), and its answer. */
  async function counted<R>(run: () => Promise<R>): Promise<{ res: R; statements: string[] }> {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const res = await run();
      const statements = spy.mock.calls.map(([sql]) => String(sql)).filter((sql) => !sql.includes('rate_limits'));
      return { res, statements };
    } finally {
      spy.mockRestore();
    }
  }

  const file = (app: TestApp, title: string, classification: 'PUBLIC' | 'RESTRICTED') =>
    fileTextDocument(app, app.tokenFor(party), disputeId, title, classification);

  /** A command that changes nothing the dispute page shows: another member's new dispute. */
  let others = 0;
  async function elsewhere(app: TestApp): Promise<void> {
    others += 1;
    const res = await app.gql(
      `mutation($title: String!) { requestConsultations(input: { respondents: ["PAK"], title: $title, measures: ["Tariffs"],
        legalBasis: ["GATT Art. II"], summary: "Duties raised." }) { id } }`,
      { title: `Elsewhere ${others}` },
      app.tokenFor(party),
    );
    expect(res.errors).toBeUndefined();
  }

  beforeAll(async () => {
    ({ a, b, members } = await startTwoApps());
    party = await createUser(a.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    // The live docket of each process loads each committed entry in statements of its own, after
    // the mutation has answered: wait until B has handed the request on, so none is counted below.
    const live = b.app.get(LiveDocketHub).subscribe({ disputeId: null });
    const consultations = `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id } }`;
    disputeId = (await a.gql(consultations, {}, a.tokenFor(party))).data!.requestConsultations.id;
    for await (const entry of live) if (entry.disputeId === disputeId) break;
    const [row] = await a.db.query(`SELECT 'DS' || number AS docket_number FROM disputes WHERE id = $1`, [disputeId]);
    path = `/disputes/${row.docket_number}`;
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('serves a page read again as the same bytes, from the cache, for one statement: the version check', async () => {
    for (const page of [path, '/', `${path}?format=json`]) {
      const first = await b.http().get(page);
      expect(first.status).toBe(200);
      const hits = pagesOf(b).counts.pageHits;
      const { res: second, statements } = await counted(() => b.http().get(page));
      expect(pagesOf(b).counts.pageHits).toBe(hits + 1);
      expect(second.text).toBe(first.text);
      expect(statements).toEqual(['SELECT version FROM public_read_version WHERE id = 1']);
      for (const res of [first, second]) {
        expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
        expect(res.headers.vary).toBe('Accept-Language');
        expect(res.headers.etag).toMatch(/^"[\w-]{43}"$/);
      }
      expect(second.headers.etag).toBe(first.headers.etag);
    }
  });

  it('computes the page again when the public data changed, even with nothing new on it', async () => {
    await b.http().get(path);
    const misses = pagesOf(b).counts.pageMisses;
    // Any command advances the version; here one the page does not show (another dispute).
    const before = await b.http().get(path);
    await elsewhere(a);
    const again = await b.http().get(path);
    expect(pagesOf(b).counts.pageMisses).toBe(misses + 1);
    expect(again.text).toBe(before.text);
  });

  it('shows a filing at once on either process once the mutation has returned (20 rounds)', async () => {
    const stale: string[] = [];
    for (let round = 0; round < 20; round += 1) {
      // Kept on both processes and still valid.
      for (const app of [a, b]) {
        await app.http().get(path);
        await app.http().get(`${path}?lang=fr`);
      }
      const title = `Round ${round} filing`;
      await file(round % 2 ? b : a, title, 'PUBLIC');
      // At once, before either can have heard the NOTIFY: the version read on the hit tells it.
      for (const app of [a, b])
        for (const page of [path, `${path}?lang=fr`, `${path}?format=json`]) {
          const res = await app.http().get(page);
          expect(res.status).toBe(200);
          if (!res.text.includes(title)) stale.push(`${round} ${app === a ? 'A' : 'B'} ${page}`);
        }
    }
    expect(stale).toEqual([]);
  });

  it('keeps each language apart: French and Arabic pages differ, each is served again as kept', async () => {
    const first = { fr: await b.http().get(`${path}?lang=fr`), ar: await b.http().get(`${path}?lang=ar`) };
    expect(first.fr.text).toContain('<html lang="fr" dir="ltr">');
    expect(first.ar.text).toContain('<html lang="ar" dir="rtl">');
    expect(first.fr.headers.etag).not.toBe(first.ar.headers.etag);
    const hits = pagesOf(b).counts.pageHits;
    expect((await b.http().get(`${path}?lang=ar`)).text).toBe(first.ar.text);
    expect((await b.http().get(`${path}?lang=fr`)).text).toBe(first.fr.text);
    expect(pagesOf(b).counts.pageHits).toBe(hits + 2);
    // By Accept-Language too: the negotiated language is the key, and so the page.
    const byHeader = await b.http().get(path).set('Accept-Language', 'ar-EG, ar;q=0.9');
    expect(byHeader.text).toContain('<html lang="ar" dir="rtl">');
    expect(byHeader.headers['content-language']).toBe('ar');
  });

  it('never shows a restricted filing on a page, though its party reads it through the API meanwhile', async () => {
    await b.http().get(path);
    await file(a, 'Restricted annex', 'RESTRICTED');
    const asParty = await b.gql(DOCUMENTS, { id: disputeId }, b.tokenFor(party));
    const titles = (asParty.data!.dispute.docket.nodes as { documents: { title: string }[] }[]).flatMap((n) =>
      n.documents.map((d) => d.title),
    );
    expect(titles).toContain('Restricted annex');
    for (const app of [a, b])
      for (const page of [path, `${path}?format=json`, `${path}?lang=ar`, '/']) {
        const res = await app.http().get(page);
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('Restricted annex');
      }
  });

  it('answers a revalidation with 304 after the version check, and with the new page once it changed', async () => {
    const first = await b.http().get(path);
    const { res: notModified, statements } = await counted(() => b.http().get(path).set('If-None-Match', first.headers.etag));
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(statements).toEqual(['SELECT version FROM public_read_version WHERE id = 1']);
    await file(a, 'Revalidated notice', 'PUBLIC');
    const changed = await b.http().get(path).set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('Revalidated notice');
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    // A change elsewhere leaves the page as it was: computed again, and still its 304.
    await elsewhere(a);
    const misses = pagesOf(b).counts.pageMisses;
    const unchanged = await b.http().get(path).set('If-None-Match', changed.headers.etag);
    expect(pagesOf(b).counts.pageMisses).toBe(misses + 1);
    expect(unchanged.status).toBe(304);
  });

  it('keeps no page with a language fallback notice: computed each time', async () => {
    const misses = pagesOf(b).counts.pageMisses;
    const entries = b.app.get(PublicCache).answers.size;
    await b.http().get(`${path}?lang=de`);
    await b.http().get(`${path}?lang=de`);
    expect(pagesOf(b).counts.pageMisses).toBe(misses + 2);
    expect(b.app.get(PublicCache).answers.size).toBeLessThanOrEqual(entries);
  });

  it('keeps the calendar for its minute: a hearing that ended is gone from the next minute, and any command recomputes it', async () => {
    const MINUTE = 60_000;
    const next = Math.ceil((b.clock.now().getTime() + 1) / MINUTE) * MINUTE;
    const at = (ms: number) => new Date(next + ms);
    // A public hearing ending 30 s into the next minute (a fixture row: the calendar reads the
    // hearings the public may observe; how one comes to be is the hearings' tests' business).
    await a.db.query(
      `INSERT INTO hearings (dispute_id, kind, status, starts_at, ends_at, time_zone, virtual_link, public_observation, scheduled_by_id, version)
       VALUES ($1, 'FIRST_SUBSTANTIVE_MEETING', 'SCHEDULED', $2, $3, 'UTC', 'https://meet.example/ds', true, $4, 1)`,
      [disputeId, at(-3_600_000), at(30_000), party.id],
    );
    await elsewhere(a); // a command: the version advances, as the scheduling command would advance it
    const docket = path.slice('/disputes/'.length);
    const listed = async () => {
      const res = await b.http().get('/calendar');
      expect(res.status).toBe(200);
      return (res.text as string).includes(`>${docket}:`);
    };
    const counts = () => ({ ...pagesOf(b).counts });

    b.clock.set(at(10_000));
    let before = counts();
    expect(await listed()).toBe(true);
    expect(counts().pageMisses).toBe(before.pageMisses + 1);
    before = counts();
    expect(await listed()).toBe(true);
    expect(counts()).toEqual({ ...before, pageHits: before.pageHits + 1 });

    // 15 s after the hearing ended, within the same minute: the kept page still lists it (the bound).
    b.clock.set(at(45_000));
    before = counts();
    expect(await listed()).toBe(true);
    expect(counts()).toEqual({ ...before, pageHits: before.pageHits + 1 });

    // The next minute: computed afresh, without it, and kept for that minute.
    b.clock.set(at(MINUTE));
    before = counts();
    expect(await listed()).toBe(false);
    expect(counts().pageMisses).toBe(before.pageMisses + 1);
    before = counts();
    expect(await listed()).toBe(false);
    expect(counts().pageHits).toBe(before.pageHits + 1);

    // Any command, on the other process: the kept calendar is not served again.
    await elsewhere(a);
    before = counts();
    expect(await listed()).toBe(false);
    expect(counts().pageMisses).toBe(before.pageMisses + 1);
  });
});
