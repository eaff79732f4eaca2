import { MemberEntity, UserEntity, conflict } from '@app/core';
import { LiveDocketHub } from '@app/notices';
import { DocketObservers } from '@app/registry';
import { Client, createClient } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
const LIVE = `subscription($disputeId: ID) { docketEntryAdded(disputeId: $disputeId) { id seq kind text documents { id title classification } } }`;

interface LiveEntry {
  id: string;
  seq: number;
  kind: string;
  text: string;
  documents: { id: string; title: string; classification: string }[];
}

/** One subscription: what it received, its errors, and a way to wait for an entry. */
interface Feed {
  entries: LiveEntry[];
  errors: unknown[];
  until(predicate: (entries: LiveEntry[]) => boolean, ms?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('the live docket (graphql-ws subscriptions)', () => {
  let t: TestApp;
  let t2: TestApp;
  const urls: string[] = [];
  const clients: Client[] = [];
  const users = {} as Record<'complainant' | 'respondent' | 'secretariat', UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  let disputeId: string;
  let otherDisputeId: string;
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  function connect(app: 0 | 1, token?: string, onClosed?: (code: number) => void): Client {
    const client = createClient({
      url: urls[app],
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      on: { closed: (event) => onClosed?.((event as { code: number }).code) },
    });
    clients.push(client);
    return client;
  }

  function follow(client: Client, variables: Record<string, unknown> = {}, query = LIVE): Feed {
    const feed: Feed = {
      entries: [],
      errors: [],
      until: (predicate, ms) => eventually(() => predicate(feed.entries), ms, 'live entries'),
    };
    client.subscribe<{ docketEntryAdded: LiveEntry }>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) feed.errors.push(...result.errors);
          if (result.data) feed.entries.push(result.data.docketEntryAdded);
        },
        error: (error) => feed.errors.push(error),
        complete: () => undefined,
      },
    );
    return feed;
  }

  /** Waits until both processes hold `n` subscriptions: a step taken before would not reach them. */
  const subscribed = (n1: number, n2: number) =>
    eventually(() => t.app.get(LiveDocketHub).size === n1 && t2.app.get(LiveDocketHub).size === n2, 10_000, 'subscriptions');

  async function file(app: TestApp, title: string, classification: 'PUBLIC' | 'RESTRICTED', dispute = disputeId): Promise<string> {
    const res = await app.gql(
      FILE,
      {
        input: {
          disputeId: dispute,
          title,
          fileName: 'doc.txt',
          mediaType: 'text/plain',
          content: b64(title),
          kind: 'NOTIFICATION',
          classification,
        },
      },
      app.tokenFor(users.complainant),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.fileDocument.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    // A second API process on the same database, as behind a load balancer.
    t2 = await startTestApp({ databaseUrl: t.databaseUrl });
    for (const app of [t, t2]) {
      await app.app.listen(0, '127.0.0.1');
      urls.push(`ws://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}/graphql`);
    }
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
    }
    users.complainant = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.respondent = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    users.secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    const request = `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id } }`;
    // The entries made here reach the listener a little after their commit: a subscriber of every
    // dispute that subscribed meanwhile would get them too. Wait until they are through.
    const warmUp = connect(0);
    const before = follow(warmUp);
    await subscribed(1, 0);
    disputeId = (await t.gql(request, {}, t.tokenFor(users.complainant))).data!.requestConsultations.id;
    otherDisputeId = (await t.gql(request, {}, t.tokenFor(users.complainant))).data!.requestConsultations.id;
    await before.until((e) => e.length === 2);
    await warmUp.dispose();
    await subscribed(0, 0);
  });

  afterAll(async () => {
    // graphql-ws's dispose answers void or a promise; the async arrow makes both a promise.
    await Promise.all(clients.map(async (c) => c.dispose()));
    await t2?.close();
    await t?.close();
  });

  it('delivers a filing once to each subscriber, with the documents each may see; a rolled-back step delivers nothing', async () => {
    const party = follow(connect(0, t.tokenFor(users.respondent)), { disputeId });
    const anonymous = follow(connect(0), { disputeId });
    const everything = follow(connect(0));
    await subscribed(3, 0);

    const restrictedTitle = 'Restricted-title-live';
    const restricted = await file(t, restrictedTitle, 'RESTRICTED');
    await party.until((e) => e.length >= 1);
    await anonymous.until((e) => e.length >= 1);
    await everything.until((e) => e.length >= 1);
    // The party (the respondent) sees the restricted filing; the public sees the entry without it.
    expect(party.entries[0].documents).toEqual([{ id: restricted, title: restrictedTitle, classification: 'RESTRICTED' }]);
    expect(anonymous.entries[0].kind).toBe(party.entries[0].kind);
    expect(anonymous.entries[0].documents).toEqual([]);
    expect(JSON.stringify(anonymous.entries)).not.toContain(restrictedTitle);
    const firstSeq = party.entries[0].seq;

    // A step refused after its docket entry was written (an observer of the registry refuses it,
    // after the live docket's): the transaction rolls back, and its NOTIFY with it.
    let refuse = true;
    t.app.get(DocketObservers).register(async () => {
      if (refuse) throw conflict('Refused by the test after the entry was written', 'CONCURRENT_UPDATE');
    });
    const refused = await t.gql(
      FILE,
      {
        input: {
          disputeId,
          title: 'Rolled-back',
          fileName: 'r.txt',
          mediaType: 'text/plain',
          content: b64('r'),
          kind: 'NOTIFICATION',
          classification: 'PUBLIC',
        },
      },
      t.tokenFor(users.complainant),
    );
    expect(refused.errors?.[0].extensions.domainCode).toBe('CONCURRENT_UPDATE');
    // A step refused before anything was written, too.
    const invalid = await t.gql(
      `mutation($input: TakeActionInput!) { takeAction(input: $input) { id } }`,
      { input: { disputeId, action: 'circulateReport' } },
      t.tokenFor(users.complainant),
    );
    expect(invalid.errors).toBeDefined();
    refuse = false;

    const publicTitle = 'Public-title-live';
    const published = await file(t, publicTitle, 'PUBLIC');
    for (const feed of [party, anonymous, everything]) await feed.until((e) => e.some((x) => x.documents.some((d) => d.id === published)));
    for (const feed of [party, anonymous, everything]) {
      // Exactly two events each, in order, numbered without a gap: the rolled-back entry took the
      // next number and gave it back, and was never sent.
      expect(feed.entries.map((e) => e.seq)).toEqual([firstSeq, firstSeq + 1]);
      expect(JSON.stringify(feed.entries)).not.toContain('Rolled-back');
      expect(feed.entries[1].documents).toEqual([{ id: published, title: publicTitle, classification: 'PUBLIC' }]);
      expect(feed.errors).toEqual([]);
    }
  });

  it('every subscriber of two API processes gets every event exactly once, whichever took the step', async () => {
    const feeds = [
      follow(connect(0), { disputeId: otherDisputeId }),
      follow(connect(1), { disputeId: otherDisputeId }),
      follow(connect(1, t2.tokenFor(users.respondent)), { disputeId: otherDisputeId }),
    ];
    // A dispute that does not exist, and an id that is no id: accepted, never delivered to.
    const nowhere = follow(connect(1), { disputeId: '00000000-0000-4000-8000-000000000000' });
    const garbage = follow(connect(0), { disputeId: 'not-an-id' });
    await subscribed(3 + 2, 3);

    const first = await file(t, 'Through-the-first', 'PUBLIC', otherDisputeId);
    const second = await file(t2, 'Through-the-second', 'RESTRICTED', otherDisputeId);
    const sentinel = await file(t2, 'Sentinel', 'PUBLIC', otherDisputeId);
    for (const feed of feeds) await feed.until((e) => e.some((x) => x.documents.some((d) => d.id === sentinel)));
    // Notifications reach a process in commit order: once the last step's event is in, every
    // earlier one is too, and any duplicate would be.
    for (const [i, feed] of feeds.entries()) {
      expect(feed.errors).toEqual([]);
      expect(feed.entries).toHaveLength(3);
      expect(new Set(feed.entries.map((e) => e.id)).size).toBe(3);
      const seen = feed.entries.flatMap((e) => e.documents.map((d) => d.id));
      // Only the respondent's subscription (the third) sees the restricted filing.
      expect(seen).toEqual(i === 2 ? [first, second, sentinel] : [first, sentinel]);
    }
    expect(nowhere.entries).toEqual([]);
    expect(nowhere.errors).toEqual([]);
    expect(garbage.entries).toEqual([]);
    expect(garbage.errors).toEqual([]);
  });

  it('refuses a bad token, and the token of a revoked session, at connection_init', async () => {
    const closes: number[] = [];
    const bad = follow(connect(0, 'not-a-token', (code) => closes.push(code)));
    await eventually(() => bad.errors.length > 0, 10_000, 'the refusal');
    // A well-signed token whose sign-in was revoked (a logout): refused as the HTTP API refuses it.
    const revoked = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    const token = t.tokenFor(revoked);
    await t.db.query('UPDATE sign_ins SET revoked_at = now() WHERE id = $1', [revoked.id]);
    const gone = follow(connect(0, token, (code) => closes.push(code)));
    await eventually(() => gone.errors.length > 0, 10_000, 'the refusal');
    expect(closes).toEqual([4403, 4403]);
    expect(bad.entries).toEqual([]);
    expect(gone.entries).toEqual([]);
    // Its HTTP request is refused alike.
    const me = await t.gql('{ me { id } }', {}, token);
    expect(me.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('checks the session again for each event: once revoked, the subscriber reads as anonymous', async () => {
    const delegate = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    const feed = follow(connect(0, t.tokenFor(delegate)), { disputeId });
    await eventually(() => t.app.get(LiveDocketHub).size === 6, 10_000, 'the subscription');
    const before = await file(t, 'Restricted-before-logout', 'RESTRICTED');
    await feed.until((e) => e.length >= 1);
    expect(feed.entries[0].documents.map((d) => d.id)).toEqual([before]);
    await t.db.query('UPDATE sign_ins SET revoked_at = now() WHERE id = $1', [delegate.id]);
    await file(t, 'Restricted-after-logout', 'RESTRICTED');
    await feed.until((e) => e.length >= 2);
    expect(feed.entries[1].documents).toEqual([]);
    expect(JSON.stringify(feed.entries)).not.toContain('Restricted-after-logout');
  });

  it('holds a subscription to the API limits', async () => {
    const deep = follow(
      connect(0),
      {},
      `subscription { docketEntryAdded { documents { dispute { documents(first: 100) { nodes { dispute { documents(first: 100) { nodes { dispute { id } } } } } } } } } }`,
    );
    await eventually(() => deep.errors.length > 0, 10_000, 'the refusal');
    expect(JSON.stringify(deep.errors)).toContain('QUERY_TOO_DEEP');
  });
});
