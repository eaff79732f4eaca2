import { AuditCheckpoints, MemberEntity, PublicCache, UserEntity } from '@app/core';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { createUser } from '../utils/factories';
import { fileTextDocument, startTwoApps } from '../utils/procedure';
import type { TestApp } from '../utils/test-app';

const PAGE = `query Page($id: ID) { dispute(id: $id) { docketNumber title stage stageLabel docket(first: 100) { nodes { seq kind text documents { title classification } } } } }`;
const LIST = `query { disputes(first: 20) { nodes { docketNumber title stage stageLabel } } }`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Page {
  dispute: {
    docketNumber: string;
    docket: { nodes: { seq: number; text: string; documents: { title: string; classification: string }[] }[] };
  };
}

/**
 * The cache of public answers (README, "Public reads from a cache"): two API processes on one
 * database, as behind a load balancer; reads answered from the cache are never stale once a
 * mutation has returned on the other, and nothing but anonymous queries' answers is ever kept.
 */
describe('the cache of public answers', () => {
  let a: TestApp;
  let b: TestApp;
  let members: Record<'CHN' | 'PAK', MemberEntity>;
  const users = {} as Record<'complainant' | 'respondent', UserEntity>;
  let disputeId: string;

  const cacheOf = (app: TestApp) => app.app.get(PublicCache);
  const anonymous = (app: TestApp, query: string, variables: Record<string, unknown> = {}, path = '/graphql') =>
    request(app.app.getHttpServer()).post(path).set('content-type', 'application/json').send({ query, variables });
  const signedIn = (app: TestApp, user: UserEntity, query: string, variables: Record<string, unknown> = {}) =>
    request(app.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${app.tokenFor(user)}`)
      .send({ query, variables });

  const file = (app: TestApp, title: string, classification: 'PUBLIC' | 'RESTRICTED') =>
    fileTextDocument(app, app.tokenFor(users.complainant), disputeId, title, classification);

  const titlesIn = (page: Page) => page.dispute.docket.nodes.flatMap((entry) => entry.documents.map((d) => d.title));

  beforeAll(async () => {
    ({ a, b, members } = await startTwoApps());
    users.complainant = await createUser(a.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.respondent = await createUser(a.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    const consultations = `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id } }`;
    disputeId = (await a.gql(consultations, {}, a.tokenFor(users.complainant))).data!.requestConsultations.id;
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('answers an anonymous query again from the cache, byte for byte, with headers a shared cache may keep', async () => {
    const first = await anonymous(b, PAGE, { id: disputeId });
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const hits = cacheOf(b).counts.hits;
    const second = await anonymous(b, PAGE, { id: disputeId });
    expect(cacheOf(b).counts.hits).toBe(hits + 1);
    expect(second.text).toBe(first.text);
    for (const res of [first, second]) {
      expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
      expect(res.headers.etag).toMatch(/^"[\w-]{43}"$/);
      expect(res.headers['content-language']).toBe('en');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary).toBe('Accept-Language, Authorization');
    }
    expect(second.headers.etag).toBe(first.headers.etag);
  });

  it('never serves a stale answer on one process after a mutation returned on the other (50 rounds)', async () => {
    const stale: number[] = [];
    for (let round = 0; round < 50; round += 1) {
      // Cached on B, and still valid: served from the cache.
      await anonymous(b, PAGE, { id: disputeId });
      const hits = cacheOf(b).counts.hits;
      const cached = await anonymous(b, PAGE, { id: disputeId });
      expect(cacheOf(b).counts.hits).toBe(hits + 1);
      const title = `Round ${round}`;
      await file(a, title, 'PUBLIC');
      // At once, before B can have heard the NOTIFY: the version read on the hit tells it.
      const after = await anonymous(b, PAGE, { id: disputeId });
      expect(after.status).toBe(200);
      if (!titlesIn(after.body.data as Page).includes(title)) stale.push(round);
      expect(after.text).not.toBe(cached.text);
    }
    expect(stale).toEqual([]);
  });

  it("shows a member's new name on one process at once after the secretariat renamed it on the other", async () => {
    const secretariat = await createUser(a.db, { role: 'SECRETARIAT' });
    const MEMBERS = '{ members(first: 100) { nodes { code name } } }';
    const nameOnB = async () =>
      ((await anonymous(b, MEMBERS)).body.data.members.nodes as { code: string; name: string }[]).find((m) => m.code === 'PAK')?.name;
    let version = (await a.gql('{ member(code: "PAK") { version } }')).data!.member.version as number;
    for (let round = 1; round <= 5; round += 1) {
      await nameOnB();
      expect(await nameOnB()).toBe(round === 1 ? 'Pakistan' : `Pakistan ${round - 1}`);
      const renamed = await a.gql(
        'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { version name } }',
        { input: { id: members.PAK.id, version, name: `Pakistan ${round}` } },
        a.tokenFor(secretariat),
      );
      expect(renamed.errors).toBeUndefined();
      version = renamed.data!.updateMember.version;
      expect(await nameOnB()).toBe(`Pakistan ${round}`);
    }
  });

  it('drops stale answers on every process when the commit is announced', async () => {
    await anonymous(b, LIST);
    await anonymous(b, LIST);
    expect(cacheOf(b).answers.size).toBeGreaterThan(0);
    await file(a, 'Announced', 'PUBLIC');
    const deadline = Date.now() + 5_000;
    while (cacheOf(b).answers.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cacheOf(b).answers.size).toBe(0);
  });

  it('is not stale after a public write made outside a command (the daily audit checkpoint)', async () => {
    const CHECKPOINTS = '{ auditCheckpoints(first: 100) { nodes { id reason } } }';
    const before = await anonymous(b, CHECKPOINTS);
    const hits = cacheOf(b).counts.hits;
    expect((await anonymous(b, CHECKPOINTS)).text).toBe(before.text);
    expect(cacheOf(b).counts.hits).toBe(hits + 1);
    const made = await a.app.get(AuditCheckpoints).makeDailyIfDue();
    expect(made).not.toBeNull();
    const after = await anonymous(b, CHECKPOINTS);
    expect(after.body.data.auditCheckpoints.nodes.map((c: { id: string }) => c.id)).toContain(made!.id);
  });

  it("never serves a signed-in reader's answer to an anonymous one, nor the other way round", async () => {
    await file(a, 'Restricted brief', 'RESTRICTED');
    const stored = cacheOf(b).counts.stored;
    const hits = cacheOf(b).counts.hits;
    // The party sees its restricted filing; the answer is neither kept nor served from the cache.
    const party = await signedIn(b, users.complainant, PAGE, { id: disputeId });
    expect(titlesIn(party.body.data as Page)).toContain('Restricted brief');
    expect(party.headers['cache-control']).toBe('private, no-store');
    expect(party.headers.etag).toBeUndefined();
    expect(cacheOf(b).counts.stored).toBe(stored);
    // The public does not, though the same query was just answered.
    const publicPage = await anonymous(b, PAGE, { id: disputeId });
    expect(titlesIn(publicPage.body.data as Page)).not.toContain('Restricted brief');
    expect(cacheOf(b).counts.stored).toBe(stored + 1);
    // And a party asking after the public still gets its own answer, not the cached one.
    const again = await signedIn(b, users.complainant, PAGE, { id: disputeId });
    expect(titlesIn(again.body.data as Page)).toContain('Restricted brief');
    expect(cacheOf(b).counts.hits).toBe(hits);
    // Any Authorization header, even a bad token, skips the cache.
    const bad = await request(b.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', 'Bearer not-a-token')
      .send({ query: PAGE, variables: { id: disputeId } });
    expect(bad.headers['cache-control']).toBe('private, no-store');
    expect(cacheOf(b).counts.hits).toBe(hits);
  });

  it('keeps no mutation, no answer with errors and nothing a signed-out reader may not see', async () => {
    const stored = cacheOf(b).counts.stored;
    for (let i = 0; i < 2; i += 1) {
      // Not public: UNAUTHENTICATED.
      const me = await anonymous(b, '{ me { id } }');
      expect(me.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(me.headers['cache-control']).toBe('private, no-store');
      const absent = await anonymous(b, PAGE, { id: '00000000-0000-4000-8000-000000000000' });
      expect(absent.body.errors[0].extensions.code).toBe('NOT_FOUND');
      // An anonymous mutation runs every time (a failed sign-in here).
      const login = await anonymous(b, 'mutation { login(email: "nobody@example.org", password: "wrong password") { accessToken } }');
      expect(login.body.errors).toBeDefined();
      expect(login.headers['cache-control']).toBe('private, no-store');
      // An expensive query is charged to the address each time (README, "API limits"): never kept.
      const heavy = await anonymous(b, '{ disputes(first: 100) { nodes { docket(first: 70) { nodes { id } } } } }');
      expect(heavy.body.errors).toBeUndefined();
      expect(heavy.headers['cache-control']).toBe('private, no-store');
    }
    expect(cacheOf(b).counts.stored).toBe(stored);
  });

  it('keys answers by the negotiated language, not by the raw header', async () => {
    const fr = await anonymous(b, LIST, {}, '/graphql?lang=fr');
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.body.extensions.language).toBe('fr');
    const hits = cacheOf(b).counts.hits;
    // Another header that negotiates French: the same key, a hit, still French.
    const viaHeader = await request(b.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('accept-language', 'fr-CH, fr;q=0.9, en;q=0.5')
      .send({ query: LIST });
    expect(cacheOf(b).counts.hits).toBe(hits + 1);
    expect(viaHeader.text).toBe(fr.text);
    expect(viaHeader.headers['content-language']).toBe('fr');
    const ar = await anonymous(b, LIST, {}, '/graphql?lang=ar');
    expect(ar.headers['content-language']).toBe('ar');
    expect(ar.body.extensions.language).toBe('ar');
    const en = await anonymous(b, LIST);
    expect(en.body.extensions.language).toBe('en');
    // A language the body does not work in: answered with its notice, never kept.
    const stored = cacheOf(b).counts.stored;
    const de = await anonymous(b, LIST, {}, '/graphql?lang=de');
    expect(de.body.extensions.languageFallback.requested).toBe('de');
    expect(cacheOf(b).counts.stored).toBe(stored);
  });

  it('answers GET with automatic persisted queries, and 304 to a client that has the answer', async () => {
    const server = b.app.getHttpServer();
    // A query no one has sent yet: its hash is unknown to Apollo and to the cache.
    const LISTED = `query Listed { disputes(first: 5) { nodes { docketNumber title } } }`;
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(LISTED) } });
    const get = (query: Record<string, string>, headers: Record<string, string> = {}) =>
      request(server)
        .get('/graphql')
        .query(query)
        .set({ 'apollo-require-preflight': 'true', ...headers });
    // Unknown hash: the client is told to send the text (and nothing is kept).
    const unknown = await get({ extensions });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const full = await get({ query: LISTED, extensions });
    expect(full.status).toBe(200);
    expect(full.body.errors).toBeUndefined();
    const etag = full.headers.etag as string;
    const hits = cacheOf(b).counts.hits;
    const byHash = await get({ extensions });
    expect(cacheOf(b).counts.hits).toBe(hits + 1);
    expect(byHash.text).toBe(full.text);
    // The client (or a CDN) revalidates: 304, no body, as long as the data has not changed.
    const notModified = await get({ extensions }, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe(etag);
    // A GET without a preflight header is refused as before (CSRF), cached or not.
    const simple = await request(server).get('/graphql').query({ extensions });
    expect(simple.status).toBe(400);
    // A GET cannot run a mutation.
    const mutation = await get({ query: 'mutation { logout(refreshToken: "x") }' });
    expect(mutation.status).toBe(405);
    // After a change, the same ETag gets the new answer.
    await file(a, 'Changed list', 'PUBLIC');
    await a.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Timber", measures: ["Duties"], legalBasis: ["GATT Art. II"], summary: "Duties raised." }) { id } }`,
      {},
      a.tokenFor(users.complainant),
    );
    const changed = await get({ extensions }, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.data.disputes.nodes.map((d: { title: string }) => d.title)).toContain('Timber');
  });

  it('serves and keeps nothing while the version row is missing (a TRUNCATE), and the next command puts it back higher', async () => {
    const version = async () =>
      (await a.db.query('SELECT version FROM public_read_version WHERE id = 1'))[0]?.version as string | undefined;
    const before = BigInt((await version())!);
    await anonymous(b, LIST);
    await a.asOwner((client) => client.query('TRUNCATE public_read_version'));
    const { hits, stored } = cacheOf(b).counts;
    await file(a, 'Not yet counted', 'PUBLIC');
    expect(BigInt((await version())!)).toBeGreaterThan(before + 1000n);
    await a.asOwner((client) => client.query('DELETE FROM public_read_version'));
    await anonymous(b, LIST);
    await anonymous(b, LIST);
    expect(cacheOf(b).counts.hits).toBe(hits);
    expect(cacheOf(b).counts.stored).toBe(stored);
    await file(a, 'Counted again', 'PUBLIC');
    await anonymous(b, LIST);
    await anonymous(b, LIST);
    expect(cacheOf(b).counts.hits).toBe(hits + 1);
  });

  it('advances the version for every committed command but not for a sign-in', async () => {
    const version = async () => BigInt((await a.db.query('SELECT version FROM public_read_version WHERE id = 1'))[0].version);
    const before = await version();
    await file(a, 'One more', 'PUBLIC');
    expect(await version()).toBe(before + 1n);
    const login = await anonymous(
      a,
      `mutation { login(email: "${users.respondent.email}", password: "correct horse battery staple") { accessToken } }`,
    );
    expect(login.body.errors).toBeUndefined();
    expect(await version()).toBe(before + 1n);
  });
});
