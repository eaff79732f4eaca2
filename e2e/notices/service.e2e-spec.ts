import { MemberEntity, UserEntity, conflict } from '@app/core';
import { NoticesService } from '@app/notices';
import { DocketObservers } from '@app/registry';
import { createMember, createUser } from '../utils/factories';
import { meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
const DOCKET = `query($id: ID!) { dispute(id: $id) { docket(first: 100) {
  nodes { id kind service { memberCode servedAt acknowledgedAt } serviceSummary } } } }`;
const MY_NOTICES = `query($first: Int, $after: String, $un: Boolean) { myNotices(first: $first, after: $after, unacknowledgedOnly: $un) {
  nodes { id category kind mandatory subject lines docketNumber disputeId docketEntryId email digest createdAt sentAt acknowledgedAt }
  pageInfo { hasNextPage endCursor } } }`;
const ACK = `mutation($id: ID!) { acknowledgeService(noticeId: $id) { id acknowledgedAt } }`;
const PREFS = `mutation($input: UpdateNoticePreferencesInput!) {
  updateNoticePreferences(input: $input) { emailOff digest digestHour timeZone locale } }`;

type Who =
  | 'secretariat'
  | 'secretariat2'
  | 'filer'
  | 'complainant2'
  | 'respondent'
  | 'thirdParty'
  | 'consultationsThirdParty'
  | 'outsider'
  | 'panelist'
  | 'panelMember'
  | 'reader';
type Doc = 'public' | 'restrictedFirst' | 'restrictedOther' | 'confidential' | 'forPanel';

// Who is served with the filing of each document by the filer (a CHN delegate): those who may see
// it (README, "Documents and who sees them"), the filer never. KAZ is a third party in the panel
// proceedings (DSU 10.2: the parties' first written submissions, DSU 10.3), THA in the
// consultations only (DSU 4.11), IDN no party at all; `panelist` sits on no panel of this dispute.
const SERVED: Record<Doc, Who[]> = {
  public: ['secretariat', 'secretariat2', 'complainant2', 'respondent', 'thirdParty', 'consultationsThirdParty', 'panelMember'],
  restrictedFirst: ['secretariat', 'secretariat2', 'complainant2', 'respondent', 'thirdParty', 'panelMember'],
  restrictedOther: ['secretariat', 'secretariat2', 'complainant2', 'respondent', 'panelMember'],
  confidential: ['reader'],
  forPanel: ['panelMember'],
};
const DOCS = Object.keys(SERVED) as Doc[];

describe('notices: service of the docket on those entitled to it', () => {
  let t: TestApp;
  const users = {} as Record<Who, UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  const docs = {} as Record<Doc, string>;
  const entries = {} as Record<Doc, string>;
  const titles = {} as Record<Doc, string>;
  let disputeId: string;
  const token = (who: Who) => t.tokenFor(users[who]);
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const whoIs = (userId: string) => (Object.keys(users) as Who[]).find((w) => users[w].id === userId) ?? userId;
  const noticesOf = async (entryId: string) =>
    (await t.db.query('SELECT * FROM notices WHERE docket_entry_id = $1', [entryId])) as Record<string, any>[];
  const entryOf = async (documentId: string) =>
    (await t.db.query('SELECT id FROM docket_entries WHERE $1 = ANY(document_ids)', [documentId]))[0].id as string;
  const file = async (who: Who, title: string, spec: Record<string, unknown>) => {
    const res = await t.gql(
      FILE,
      { input: { disputeId, title, fileName: 'f.txt', mediaType: 'text/plain', content: b64(title), ...spec } },
      token(who),
    );
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['KAZ', 'Kazakhstan'],
      ['THA', 'Thailand'],
      ['IDN', 'Indonesia'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
    }
    users.filer = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.complainant2 = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.respondent = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    users.thirdParty = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.KAZ.id });
    users.consultationsThirdParty = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.THA.id });
    users.outsider = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.IDN.id });
    users.secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    users.secretariat2 = await createUser(t.db, { role: 'SECRETARIAT' });
    users.panelist = await createUser(t.db, { role: 'PANELIST' });
    users.panelMember = await createUser(t.db, { role: 'PANELIST' });
    users.reader = await createUser(t.db, { role: 'PANELIST' });
    // An account deactivated is served nothing.
    await createUser(t.db, { role: 'SECRETARIAT', active: false });
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id } }`,
      {},
      token('filer'),
    );
    disputeId = filed.data!.requestConsultations.id;
    const act = async (who: Who, action: string, extra: { memberCode?: string; meetingId?: string } = {}) => {
      const res = await t.gql(
        `mutation($input: TakeActionInput!) { takeAction(input: $input) { id } }`,
        { input: { disputeId, action, ...extra } },
        token(who),
      );
      expect(res.errors).toBeUndefined();
    };
    await act('consultationsThirdParty', 'joinAsThirdParty');
    await act('respondent', 'acceptJoinRequest', { memberCode: 'THA' });
    await act('filer', 'agreeEarlyPanelRequest');
    await act('respondent', 'agreeEarlyPanelRequest');
    await act('filer', 'requestPanel');
    await act('filer', 'requestBodyMeeting');
    await act('secretariat', 'establishPanel', { meetingId: await meetingToday(t) });
    await act('thirdParty', 'joinPanelAsThirdParty');
    await t.db.query(
      'INSERT INTO panel_seats (dispute_id, user_id, person_id, election_id, elected_rank, chair, seated_at) VALUES ($1, $2, gen_random_uuid(), gen_random_uuid(), 0, false, now())',
      [disputeId, users.panelMember.id],
    );
    const specs: Record<Doc, Record<string, unknown>> = {
      public: { kind: 'NOTIFICATION', classification: 'PUBLIC' },
      restrictedFirst: { kind: 'FIRST_WRITTEN_SUBMISSION', classification: 'RESTRICTED' },
      restrictedOther: { kind: 'REBUTTAL', classification: 'RESTRICTED' },
      confidential: { kind: 'EXHIBIT', classification: 'CONFIDENTIAL', readerIds: [users.reader.id] },
      forPanel: { kind: 'EXHIBIT', classification: 'CONFIDENTIAL', panelOnly: true },
    };
    for (const doc of DOCS) {
      titles[doc] = `Secret-title-${doc}`;
      const res = await file('filer', titles[doc], specs[doc]);
      expect(res.errors).toBeUndefined();
      docs[doc] = res.data!.fileDocument.id;
      entries[doc] = await entryOf(docs[doc]);
    }
  });
  afterAll(() => t.close());

  describe.each(DOCS)('a %s filing', (doc) => {
    it('is served on exactly the users who may see it, never on the filer', async () => {
      const served = (await noticesOf(entries[doc])).map((n) => whoIs(n.recipient_user_id)).sort();
      expect(served).toEqual([...SERVED[doc]].sort());
    });

    it('is a FILING notice, mandatory on participants, a copy for the secretariat, due at once, naming the member served', async () => {
      for (const n of await noticesOf(entries[doc])) {
        const who = whoIs(n.recipient_user_id);
        const secretariat = who === 'secretariat' || who === 'secretariat2';
        expect({ who, category: n.category, kind: n.kind, mandatory: n.mandatory, digest: n.digest, email: n.email }).toEqual({
          who,
          category: 'FILING',
          kind: 'fileDocument',
          mandatory: !secretariat,
          digest: false,
          email: true,
        });
        expect(n.next_attempt_at.getTime()).toBe(n.created_at.getTime());
        const member = users[who as Who].memberId;
        expect(n.member_id).toBe(member);
        expect(n.payload).toMatchObject({
          docketNumber: expect.stringMatching(/^DS\d+$/),
          disputeId,
          entrySeq: expect.any(Number),
          documents: [{ id: docs[doc], title: titles[doc], classification: expect.any(String) }],
          dates: { occurredAt: expect.any(String) },
        });
        expect(n.payload.subject).toMatch(/^DS\d+: China filed /);
        expect(n.payload.lines.join('\n')).toContain('{occurredAt}');
      }
    });
  });

  it('never names to a recipient a document it may not see, in any notice', async () => {
    const all = (await t.db.query('SELECT recipient_user_id, payload FROM notices')) as { recipient_user_id: string; payload: object }[];
    expect(all.length).toBeGreaterThan(30);
    for (const n of all) {
      const text = JSON.stringify(n.payload);
      const who = whoIs(n.recipient_user_id) as Who;
      for (const doc of DOCS) {
        const named = text.includes(titles[doc]) || text.includes(docs[doc]);
        // The filer sees all it filed, but is served nothing of its own filings.
        if (named) expect([who, doc, SERVED[doc].includes(who)]).toEqual([who, doc, true]);
      }
    }
  });

  it('serves the steps of the procedure on the parties, third parties, panel and secretariat, not the actor', async () => {
    const [entry] = await t.db.query(`SELECT id FROM docket_entries WHERE dispute_id = $1 AND kind = 'joinPanelAsThirdParty'`, [disputeId]);
    const served = (await noticesOf(entry.id)).map((n) => whoIs(n.recipient_user_id)).sort();
    // Taken before the panelist was seated; KAZ's delegate took it.
    expect(served).toEqual(['complainant2', 'consultationsThirdParty', 'filer', 'respondent', 'secretariat', 'secretariat2'].sort());
    const [request] = await t.db.query(`SELECT id FROM docket_entries WHERE dispute_id = $1 AND seq = 1`, [disputeId]);
    const first = await noticesOf(request.id);
    expect(first.map((n) => whoIs(n.recipient_user_id)).sort()).toEqual(
      ['complainant2', 'respondent', 'secretariat', 'secretariat2'].sort(),
    );
    expect(first.find((n) => whoIs(n.recipient_user_id) === 'respondent')).toMatchObject({ category: 'PROCEDURE', mandatory: true });
  });

  it('writes no notice for a step that fails after its docket entry (rolled back with it)', async () => {
    let failNext = true;
    t.app.get(DocketObservers).register(async (_ctx, entry) => {
      if (failNext && entry.kind === 'fileDocument') throw conflict('Simulated failure after the docket entry', 'CONCURRENT_UPDATE');
    });
    const count = async () => (await t.db.query('SELECT count(*)::int AS n FROM notices'))[0].n as number;
    const before = await count();
    const res = await file('filer', 'Rolled back', { kind: 'NOTIFICATION', classification: 'PUBLIC' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', domainCode: 'CONCURRENT_UPDATE' });
    expect(await count()).toBe(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM documents WHERE title = 'Rolled back'`))[0].n).toBe(0);
    failNext = false;
    expect((await file('filer', 'Not rolled back', { kind: 'NOTIFICATION', classification: 'PUBLIC' })).errors).toBeUndefined();
    expect(await count()).toBe(before + SERVED.public.length);
  });

  describe('proof of service', () => {
    const entryView = async (who: Who | null, entryId: string) => {
      const res = await t.gql(DOCKET, { id: disputeId }, who ? token(who) : undefined);
      expect(res.errors).toBeUndefined();
      return res.data!.dispute.docket.nodes.find((n: { id: string }) => n.id === entryId);
    };

    it('shows on the docket entry who was served and when, once the mail server accepted it', async () => {
      const entry = entries.restrictedOther;
      expect((await entryView('secretariat', entry)).service).toEqual([
        { memberCode: 'CHN', servedAt: null, acknowledgedAt: null },
        { memberCode: 'PAK', servedAt: null, acknowledgedAt: null },
      ]);
      // The worker's delivery, as the mail server's acceptance would record it.
      await t.db.query('UPDATE notices SET sent_at = $2 WHERE docket_entry_id = $1 AND recipient_user_id = $3', [
        entry,
        '2026-03-05T10:00:00Z',
        users.respondent.id,
      ]);
      const view = await entryView('secretariat', entry);
      expect(view.service).toEqual([
        { memberCode: 'CHN', servedAt: null, acknowledgedAt: null },
        { memberCode: 'PAK', servedAt: '2026-03-05T10:00:00.000Z', acknowledgedAt: null },
      ]);
      expect(view.serviceSummary).toBe('Served on PAK (2026-03-05); service pending on CHN');
      const service = t.app.get(NoticesService);
      expect((await service.servedOn(disputeId, entry, members.PAK.id))?.toISOString()).toBe('2026-03-05T10:00:00.000Z');
      expect(await service.servedOn(disputeId, entry, members.CHN.id)).toBeNull();
    });

    it('shows it to the parties and the seated panel, to nobody else', async () => {
      const entry = entries.restrictedOther;
      for (const who of ['respondent', 'filer', 'panelMember'] as Who[]) {
        expect([who, (await entryView(who, entry)).service.length]).toEqual([who, 2]);
      }
      for (const who of ['thirdParty', 'consultationsThirdParty', 'outsider', 'panelist', null] as (Who | null)[]) {
        const view = await entryView(who, entry);
        expect([who, view.service, view.serviceSummary]).toEqual([who, [], null]);
      }
    });

    it('lets the recipient acknowledge receipt, once, in the audit trail and not on the docket', async () => {
      const [notice] = await t.db.query('SELECT id FROM notices WHERE docket_entry_id = $1 AND recipient_user_id = $2', [
        entries.restrictedOther,
        users.respondent.id,
      ]);
      const docketBefore = (await t.db.query('SELECT count(*)::int AS n FROM docket_entries'))[0].n;
      const first = await t.gql(ACK, { id: notice.id }, token('respondent'));
      expect(first.errors).toBeUndefined();
      const at = t.clock.now().toISOString();
      expect(first.data!.acknowledgeService).toEqual({ id: notice.id, acknowledgedAt: at });
      t.clock.advance(60_000);
      const again = await t.gql(ACK, { id: notice.id }, token('respondent'));
      expect(again.data!.acknowledgeService.acknowledgedAt).toBe(at);
      expect((await t.db.query('SELECT count(*)::int AS n FROM docket_entries'))[0].n).toBe(docketBefore);
      const audit = await t.db.query(`SELECT target_id, actor_id FROM audit_log WHERE operation = 'acknowledgeService'`);
      expect(audit).toEqual([
        { target_id: notice.id, actor_id: users.respondent.id },
        { target_id: notice.id, actor_id: users.respondent.id },
      ]);
      expect((await entryView('filer', entries.restrictedOther)).service[1]).toEqual({
        memberCode: 'PAK',
        servedAt: '2026-03-05T10:00:00.000Z',
        acknowledgedAt: at,
      });
    });

    it("refuses another's notice as not found, changing nothing", async () => {
      const [notice] = await t.db.query('SELECT id FROM notices WHERE docket_entry_id = $1 AND recipient_user_id = $2', [
        entries.restrictedOther,
        users.complainant2.id,
      ]);
      const auditBefore = (await t.db.query('SELECT count(*)::int AS n FROM audit_log'))[0].n;
      for (const who of ['respondent', 'secretariat', 'filer'] as Who[]) {
        const res = await t.gql(ACK, { id: notice.id }, token(who));
        expect([who, res.errors?.[0].extensions]).toEqual([
          who,
          expect.objectContaining({ code: 'NOT_FOUND', domainCode: 'NOTICE_NOT_FOUND' }),
        ]);
      }
      const bogus = await t.gql(ACK, { id: 'not-a-uuid' }, token('complainant2'));
      expect(bogus.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', domainCode: 'NOTICE_NOT_FOUND' });
      expect((await t.gql(ACK, { id: notice.id })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await t.db.query('SELECT acknowledged_at FROM notices WHERE id = $1', [notice.id]))[0].acknowledged_at).toBeNull();
      expect((await t.db.query('SELECT count(*)::int AS n FROM audit_log'))[0].n).toBe(auditBefore);
    });

    it('lists what was served on the caller, newest first, in bounded pages, the unacknowledged alone if asked', async () => {
      const all = await t.gql(MY_NOTICES, { first: 100 }, token('respondent'));
      expect(all.errors).toBeUndefined();
      const nodes = all.data!.myNotices.nodes as { id: string; createdAt: string; acknowledgedAt: string | null; disputeId: string }[];
      const rows = await t.db.query('SELECT id FROM notices WHERE recipient_user_id = $1', [users.respondent.id]);
      expect(nodes.map((n) => n.id).sort()).toEqual(rows.map((r: { id: string }) => r.id).sort());
      expect(nodes.map((n) => n.createdAt)).toEqual([...nodes.map((n) => n.createdAt)].sort().reverse());
      expect(nodes.every((n) => n.disputeId === disputeId)).toBe(true);
      const acknowledged = nodes.filter((n) => n.acknowledgedAt !== null);
      expect(acknowledged).toHaveLength(1);
      const open = await t.gql(MY_NOTICES, { first: 100, un: true }, token('respondent'));
      expect(open.data!.myNotices.nodes.map((n: { id: string }) => n.id)).toEqual(
        nodes.filter((n) => n.acknowledgedAt === null).map((n) => n.id),
      );
      // Bounded: pages of two follow each other without gap or repeat.
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await t.gql(MY_NOTICES, { first: 2, after }, token('respondent'));
        seen.push(...page.data!.myNotices.nodes.map((n: { id: string }) => n.id));
        if (!page.data!.myNotices.pageInfo.hasNextPage) break;
        after = page.data!.myNotices.pageInfo.endCursor;
      }
      expect(seen).toEqual(nodes.map((n) => n.id));
      expect((await t.gql(MY_NOTICES, { first: 101 }, token('respondent'))).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      // The outsider was served nothing of this dispute.
      expect((await t.gql(MY_NOTICES, { first: 100 }, token('outsider'))).data!.myNotices.nodes).toEqual([]);
    });
  });

  describe('preferences', () => {
    it('refuses bad input with clear codes, storing nothing', async () => {
      const expectRefused = async (input: Record<string, unknown>, domainCode: string, field: string) => {
        const res = await t.gql(PREFS, { input }, token('secretariat'));
        expect([input, res.errors?.[0].extensions]).toEqual([
          input,
          expect.objectContaining({ code: 'BAD_USER_INPUT', domainCode, field }),
        ]);
      };
      await expectRefused({ timeZone: 'Europe/Atlantis' }, 'UNKNOWN_TIME_ZONE', 'input.timeZone');
      await expectRefused({ timeZone: '+05:00' }, 'UNKNOWN_TIME_ZONE', 'input.timeZone');
      await expectRefused({ digestHour: 24 }, 'INVALID_DIGEST_HOUR', 'input.digestHour');
      await expectRefused({ digestHour: -1 }, 'INVALID_DIGEST_HOUR', 'input.digestHour');
      await expectRefused({ locale: 'de' }, 'UNKNOWN_LOCALE', 'input.locale');
      expect((await t.db.query('SELECT count(*)::int AS n FROM notice_preferences'))[0].n).toBe(0);
      const unknownCategory = await t.gql(PREFS, { input: { emailOff: ['GOSSIP'] } }, token('secretariat'));
      expect(unknownCategory.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const defaults = await t.gql(`{ noticePreferences { emailOff digest digestHour timeZone locale } }`, {}, token('secretariat'));
      expect(defaults.data!.noticePreferences).toEqual({ emailOff: [], digest: false, digestHour: 7, timeZone: null, locale: null });
    });

    it('writes an unmailed notice for a category turned off, holds one for the digest, and never either for mandatory service', async () => {
      // The secretariat's copies are for information: its preferences apply to them.
      const off = await t.gql(PREFS, { input: { emailOff: ['FILING', 'ELECTION'] } }, token('secretariat'));
      expect(off.data!.updateNoticePreferences).toEqual({
        emailOff: ['FILING', 'ELECTION'],
        digest: false,
        digestHour: 7,
        timeZone: null,
        locale: null,
      });
      const digest = await t.gql(
        PREFS,
        { input: { digest: true, digestHour: 8, timeZone: 'Asia/Shanghai', locale: 'zh' } },
        token('secretariat2'),
      );
      expect(digest.errors).toBeUndefined();
      // The respondent asks for everything off and a digest: its service is mandatory all the same.
      expect(
        (await t.gql(PREFS, { input: { emailOff: ['FILING'], digest: true, timeZone: 'Asia/Karachi' } }, token('respondent'))).errors,
      ).toBeUndefined();
      expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'updateNoticePreferences'`))[0].n).toBe(3);

      t.clock.set('2026-03-06T09:00:00Z'); // 17:00 in Shanghai: its next 08:00 is 00:00 UTC on the 7th
      const res = await file('filer', 'After the preferences', { kind: 'NOTIFICATION', classification: 'PUBLIC' });
      expect(res.errors).toBeUndefined();
      const notices = await noticesOf(await entryOf(res.data!.fileDocument.id));
      const of = (who: Who) => notices.find((n) => n.recipient_user_id === users[who].id)!;
      const now = new Date('2026-03-06T09:00:00Z').getTime();
      expect(of('secretariat')).toMatchObject({ mandatory: false, email: false, digest: false });
      expect(of('secretariat2')).toMatchObject({ mandatory: false, email: true, digest: true });
      expect(of('secretariat2').next_attempt_at.toISOString()).toBe('2026-03-07T00:00:00.000Z');
      expect(of('respondent')).toMatchObject({ mandatory: true, email: true, digest: false });
      expect(of('respondent').next_attempt_at.getTime()).toBe(now);
      expect(of('complainant2')).toMatchObject({ mandatory: true, email: true, digest: false });
      // Unmailed, it is listed all the same.
      const listed = await t.gql(MY_NOTICES, { first: 1 }, token('secretariat'));
      expect(listed.data!.myNotices.nodes[0]).toMatchObject({
        id: of('secretariat').id,
        email: false,
        mandatory: false,
        category: 'FILING',
      });
      const mine = await t.gql(`{ noticePreferences { emailOff digest digestHour timeZone locale } }`, {}, token('secretariat2'));
      expect(mine.data!.noticePreferences).toEqual({ emailOff: [], digest: true, digestHour: 8, timeZone: 'Asia/Shanghai', locale: 'zh' });
      // null goes back to the body's time zone and to English; what is left out stays.
      const back = await t.gql(PREFS, { input: { timeZone: null, locale: null } }, token('secretariat2'));
      expect(back.data!.updateNoticePreferences).toEqual({ emailOff: [], digest: true, digestHour: 8, timeZone: null, locale: null });
    });
  });
});
