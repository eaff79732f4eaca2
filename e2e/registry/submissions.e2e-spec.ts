import { MemberEntity, UserEntity } from '@app/core';
import { ProcedureSweeper } from '@app/registry';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

// DSU 18.2: written submissions to the panel are confidential, but made available to the parties;
// a party may disclose statements of its own positions to the public, and gives, on request of a
// member, a non-confidential summary that could be disclosed to the public.

const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishOwnSubmission(documentId: $id) { id classification derestrictedAt } }`;
const REQUEST = `mutation($id: ID!) { requestNonConfidentialSummary(documentId: $id) { id rule article binds status baseDate dueDate subjectId } }`;
const DAY = 86_400_000;
const dayAfter = (from: Date, days: number) => new Date(from.getTime() + days * DAY).toISOString().slice(0, 10);

type Who = 'chn' | 'chnColleague' | 'pak' | 'kaz' | 'idn' | 'sec' | 'seated' | 'panelist';

describe('written submissions (DSU 18.2)', () => {
  let t: TestApp;
  const users = {} as Record<Who, UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  let disputeId: string;
  const token = (who: Who | 'anonymous') => (who === 'anonymous' ? undefined : t.tokenFor(users[who]));
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const file = async (who: Who, input: Record<string, unknown>) => {
    const res = await t.gql(
      FILE,
      {
        input: {
          disputeId,
          title: `${input.kind} of ${who}`,
          fileName: 's.pdf',
          mediaType: 'application/pdf',
          content: b64(`${who} ${Math.random()}`),
          ...input,
        },
      },
      token(who),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.fileDocument.id as string;
  };
  const counts = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*) FROM documents WHERE classification = 'PUBLIC')::int AS public,
      (SELECT count(*) FROM docket_entries)::int AS docket, (SELECT count(*) FROM audit_log)::int AS audit`)
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['KAZ', 'Kazakhstan'],
      ['IDN', 'Indonesia'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
    }
    users.chn = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.chnColleague = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.pak = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    users.kaz = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.KAZ.id });
    users.idn = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.IDN.id });
    users.sec = await createUser(t.db, { role: 'SECRETARIAT' });
    users.seated = await createUser(t.db, { role: 'PANELIST' });
    users.panelist = await createUser(t.db, { role: 'PANELIST' });
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id } }`,
      {},
      token('chn'),
    );
    disputeId = filed.data!.requestConsultations.id;
    // The panel is established (at a meeting the complainant asked for, DSU 6.1 footnote 5) and
    // Kazakhstan joins its proceedings as a third party (DSU 10.2), with the rights of DSU 10.3.
    const act = async (who: Who, action: string, meetingId?: string) => {
      const res = await t.gql(TAKE_ACTION, { id: disputeId, action, meetingId }, token(who));
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    };
    await act('chn', 'agreeEarlyPanelRequest');
    await act('pak', 'agreeEarlyPanelRequest');
    await act('chn', 'requestPanel');
    await act('chn', 'requestBodyMeeting');
    await act('sec', 'establishPanel', await meetingToday(t));
    await act('kaz', 'joinPanelAsThirdParty');
    // A seat on this dispute's panel, as an election leaves it (the election itself: e2e/panels).
    await t.db.query(
      'INSERT INTO panel_seats (dispute_id, user_id, person_id, election_id, elected_rank, chair, seated_at) VALUES ($1, $2, gen_random_uuid(), gen_random_uuid(), 0, false, now())',
      [disputeId, users.seated.id],
    );
  });
  afterAll(() => t.close());

  describe('publishOwnSubmission', () => {
    it('lets a delegate of the member that filed a written submission make it public, docketed and audited', async () => {
      const id = await file('chn', { kind: 'FIRST_WRITTEN_SUBMISSION', classification: 'RESTRICTED' });
      expect((await t.gql(`query($id: ID!) { document(id: $id) { id } }`, { id })).errors![0].extensions.code).toBe('NOT_FOUND');
      // Any delegate of the member, not only the one who filed it: the position is the member's.
      const res = await t.gql(PUBLISH, { id }, token('chnColleague'));
      expect(res.errors).toBeUndefined();
      expect(res.data!.publishOwnSubmission).toEqual({ id, classification: 'PUBLIC', derestrictedAt: t.clock.now().toISOString() });
      const anon = await t.gql(`query($id: ID!) { document(id: $id) { title classification } }`, { id });
      expect(anon.data!.document).toEqual({ title: 'FIRST_WRITTEN_SUBMISSION of chn', classification: 'PUBLIC' });
      await t.http().get(`/documents/${id}/content`).expect(200);
      const [entry] = await t.db.query(
        `SELECT actor_role, actor_id, text, document_ids FROM docket_entries WHERE dispute_id = $1 AND kind = 'publishOwnSubmission'`,
        [disputeId],
      );
      expect(entry).toEqual({
        actor_role: 'COMPLAINANT',
        actor_id: users.chnColleague.id,
        text: 'China made its first written submission public (DSU 18.2).',
        document_ids: [id],
      });
      const [audit] = await t.db.query(`SELECT actor_id, target_type, target_id FROM audit_log WHERE operation = 'publishOwnSubmission'`);
      expect(audit).toEqual({ actor_id: users.chnColleague.id, target_type: 'Document', target_id: id });
    });

    it('lets a third party make its own submission public', async () => {
      const id = await file('kaz', { kind: 'THIRD_PARTY_SUBMISSION', classification: 'RESTRICTED' });
      expect((await t.gql(PUBLISH, { id }, token('kaz'))).data!.publishOwnSubmission.classification).toBe('PUBLIC');
      const [entry] = await t.db.query(
        `SELECT actor_role, text FROM docket_entries WHERE $1 = ANY(document_ids) AND kind = 'publishOwnSubmission'`,
        [id],
      );
      expect(entry).toEqual({ actor_role: 'THIRD_PARTY', text: 'Kazakhstan made its third party submission public (DSU 18.2).' });
    });

    describe('refusals, each changing nothing', () => {
      let rebuttal: string;
      let first: string;
      beforeAll(async () => {
        rebuttal = await file('chn', { kind: 'REBUTTAL', classification: 'RESTRICTED' });
        first = await file('chn', { kind: 'FIRST_WRITTEN_SUBMISSION', classification: 'RESTRICTED' });
      });

      it.each([
        ['the respondent, who sees it', 'pak', 'FORBIDDEN', 'NOT_YOUR_SUBMISSION'],
        ['the secretariat, which sees it', 'sec', 'FORBIDDEN', 'NOT_YOUR_SUBMISSION'],
        ['a seated panelist, who sees it', 'seated', 'FORBIDDEN', 'NOT_YOUR_SUBMISSION'],
        ['a third party, who does not see a rebuttal', 'kaz', 'NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
        ['a member outside the dispute', 'idn', 'NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
        ['a panelist not on the panel', 'panelist', 'NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
        ['anyone not signed in', 'anonymous', 'UNAUTHENTICATED', undefined],
      ] as const)('refuses the complainant’s rebuttal to %s', async (_what, who, code, domainCode) => {
        const before = await counts();
        const res = await t.gql(PUBLISH, { id: rebuttal }, token(who));
        expect(res.errors![0].extensions.code).toBe(code);
        if (domainCode) expect(res.errors![0].extensions.domainCode).toBe(domainCode);
        expect(JSON.stringify(res)).not.toContain('REBUTTAL of chn');
        expect(await counts()).toEqual(before);
      });

      it('tells a third party that sees the first written submission that it is not its own', async () => {
        const res = await t.gql(PUBLISH, { id: first }, token('kaz'));
        expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', domainCode: 'NOT_YOUR_SUBMISSION' });
      });

      it('answers NOT_FOUND, as for no document at all, to a colleague who may not see a confidential submission', async () => {
        const id = await file('chn', { kind: 'REBUTTAL', classification: 'CONFIDENTIAL', panelOnly: true });
        const res = await t.gql(PUBLISH, { id }, token('chnColleague'));
        const none = await t.gql(PUBLISH, { id: '00000000-0000-4000-8000-000000000000' }, token('chnColleague'));
        expect(res.errors![0].extensions).toEqual(none.errors![0].extensions);
        expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
      });

      it('refuses a confidential submission: INVALID_TRANSITION CONFIDENTIAL_INFORMATION', async () => {
        const id = await file('chn', { kind: 'REBUTTAL', classification: 'CONFIDENTIAL', readerIds: [users.pak.id] });
        const before = await counts();
        const res = await t.gql(PUBLISH, { id }, token('chn'));
        expect(res.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'CONFIDENTIAL_INFORMATION' });
        expect(await counts()).toEqual(before);
      });

      it('refuses a submission that is public already: INVALID_TRANSITION ALREADY_PUBLIC', async () => {
        const id = await file('chn', { kind: 'REBUTTAL', classification: 'PUBLIC' });
        const res = await t.gql(PUBLISH, { id }, token('chn'));
        expect(res.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'ALREADY_PUBLIC' });
      });

      it('refuses a filing that is not a written submission: BAD_USER_INPUT NOT_A_WRITTEN_SUBMISSION', async () => {
        const id = await file('chn', { kind: 'NOTIFICATION', classification: 'RESTRICTED' });
        const res = await t.gql(PUBLISH, { id }, token('chn'));
        expect(res.errors![0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          domainCode: 'NOT_A_WRITTEN_SUBMISSION',
          field: 'documentId',
        });
      });

      it('answers NOT_FOUND to an id that is not one', async () => {
        expect((await t.gql(PUBLISH, { id: 'nope' }, token('chn'))).errors![0].extensions.code).toBe('NOT_FOUND');
      });
    });
  });

  describe('requestNonConfidentialSummary and the summary', () => {
    const row = async (id: string) =>
      (await t.db.query('SELECT status, due_date::text AS due, subject_id FROM deadlines WHERE id = $1', [id]))[0];
    const summaryInput = (of: string, extra: Record<string, unknown> = {}) => ({
      kind: 'NON_CONFIDENTIAL_SUMMARY',
      classification: 'PUBLIC',
      summaryOf: of,
      ...extra,
    });
    let rebuttal: string;
    let first: string;
    let idnRow: string;
    let kazRow: string;
    let chnRow: string;

    beforeAll(async () => {
      rebuttal = await file('pak', { kind: 'REBUTTAL', classification: 'RESTRICTED' });
      first = await file('pak', {
        kind: 'FIRST_WRITTEN_SUBMISSION',
        classification: 'CONFIDENTIAL',
        readerIds: [users.chn.id],
        panelOnly: true,
      });
    });

    it('lets a member outside the dispute ask for the summary of a submission it cannot read: a 30-day limit naming it, docketed and audited', async () => {
      const res = await t.gql(REQUEST, { id: rebuttal }, token('idn'));
      expect(res.errors).toBeUndefined();
      const due = dayAfter(t.clock.now(), 30);
      expect(res.data!.requestNonConfidentialSummary).toMatchObject({
        rule: 'NON_CONFIDENTIAL_SUMMARY',
        article: 'DSU 18.2',
        binds: 'PARTIES',
        status: 'OPEN',
        baseDate: due,
        dueDate: due,
        subjectId: rebuttal,
      });
      idnRow = res.data!.requestNonConfidentialSummary.id;
      const docket = await t.gql(
        `query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind actorRole text documents { id } } } } }`,
        { id: disputeId },
        token('idn'),
      );
      const entry = docket.data!.dispute.docket.nodes.find((n: { kind: string }) => n.kind === 'requestNonConfidentialSummary');
      // The link to the submission is there for those who may read it, not for Indonesia.
      expect(entry).toEqual({
        kind: 'requestNonConfidentialSummary',
        actorRole: 'MEMBER',
        documents: [],
        text: `Indonesia asked Pakistan for a non-confidential summary of its rebuttal (DSU 18.2), due ${due}.`,
      });
      expect(JSON.stringify(docket)).not.toContain('REBUTTAL of pak');
      const [audit] = await t.db.query(
        `SELECT actor_id, target_type, target_id FROM audit_log WHERE operation = 'requestNonConfidentialSummary'`,
      );
      expect(audit).toEqual({ actor_id: users.idn.id, target_type: 'Deadline', target_id: idnRow });
      // The time limit is public, as every time limit of a case.
      const deadlines = await t.gql(`query($id: ID!) { dispute(id: $id) { deadlines { id rule subjectId status } } }`, { id: disputeId });
      expect(deadlines.data!.dispute.deadlines).toContainEqual({
        id: idnRow,
        rule: 'NON_CONFIDENTIAL_SUMMARY',
        subjectId: rebuttal,
        status: 'OPEN',
      });
    });

    it('runs several requests at once in one dispute: another member for the same submission, a party for another one', async () => {
      t.clock.advance(DAY);
      const kaz = await t.gql(REQUEST, { id: rebuttal }, token('kaz'));
      expect(kaz.errors).toBeUndefined();
      kazRow = kaz.data!.requestNonConfidentialSummary.id;
      t.clock.advance(DAY);
      // The complainant reads the confidential submission (a named reader) and asks for its summary all the same.
      const chn = await t.gql(REQUEST, { id: first }, token('chn'));
      expect(chn.errors).toBeUndefined();
      chnRow = chn.data!.requestNonConfidentialSummary.id;
      const open = await t.db.query(
        `SELECT subject_id, due_date::text AS due FROM deadlines WHERE dispute_id = $1 AND rule = 'NON_CONFIDENTIAL_SUMMARY' AND status = 'OPEN' ORDER BY opened_at`,
        [disputeId],
      );
      expect(open).toEqual([
        { subject_id: rebuttal, due: dayAfter(t.clock.now(), 28) },
        { subject_id: rebuttal, due: dayAfter(t.clock.now(), 29) },
        { subject_id: first, due: dayAfter(t.clock.now(), 30) },
      ]);
      // The engine's view of the dispute is untouched: what the complainant may do is computed as before.
      const allowed = await t.gql(
        `query($id: ID!) { dispute(id: $id) { allowedActions { now { action mutation } } } }`,
        { id: disputeId },
        token('chn'),
      );
      expect(allowed.data!.dispute.allowedActions.now).toContainEqual({ action: 'withdraw', mutation: 'takeAction' });
    });

    describe('refusals, each changing nothing', () => {
      let notification: string;
      let thirdParty: string;
      let published: string;
      let panelNote: string;
      beforeAll(async () => {
        notification = await file('pak', { kind: 'NOTIFICATION', classification: 'RESTRICTED' });
        thirdParty = await file('kaz', { kind: 'THIRD_PARTY_SUBMISSION', classification: 'RESTRICTED' });
        published = await file('pak', { kind: 'ANSWERS_TO_QUESTIONS', classification: 'PUBLIC' });
        panelNote = await file('seated', { kind: 'OTHER', classification: 'CONFIDENTIAL', panelOnly: true });
      });

      it.each([
        [
          'a second request by the same member for the same submission',
          'idn',
          (): string => rebuttal,
          'CONFLICT',
          'SUMMARY_ALREADY_REQUESTED',
        ],
        ['a delegate of the author', 'pak', (): string => rebuttal, 'FORBIDDEN', 'OWN_SUBMISSION'],
        ['the secretariat', 'sec', (): string => rebuttal, 'FORBIDDEN', 'ROLE_REQUIRED'],
        ['a seated panelist', 'seated', (): string => rebuttal, 'FORBIDDEN', 'ROLE_REQUIRED'],
        ['anyone not signed in', 'anonymous', (): string => rebuttal, 'UNAUTHENTICATED', undefined],
        [
          'a filing that is not a submission, to one who cannot see it',
          'idn',
          (): string => notification,
          'NOT_FOUND',
          'DOCUMENT_NOT_FOUND',
        ],
        [
          'a filing that is not a submission, to one who sees it',
          'chn',
          (): string => notification,
          'BAD_USER_INPUT',
          'NOT_A_WRITTEN_SUBMISSION',
        ],
        ['a panel document nobody outside the panel sees', 'idn', (): string => panelNote, 'NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
        ['a third party’s submission', 'idn', (): string => thirdParty, 'BAD_USER_INPUT', 'NOT_A_PARTY_SUBMISSION'],
        ['a submission already public', 'idn', (): string => published, 'INVALID_TRANSITION', 'ALREADY_PUBLIC'],
        ['no document at all', 'idn', (): string => '00000000-0000-4000-8000-000000000000', 'NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
      ] as const)('refuses %s', async (_what, who, id, code, domainCode) => {
        const before = await counts();
        const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM deadlines');
        const res = await t.gql(REQUEST, { id: id() }, token(who));
        expect(res.errors![0].extensions.code).toBe(code);
        if (domainCode) expect(res.errors![0].extensions.domainCode).toBe(domainCode);
        expect(await counts()).toEqual(before);
        expect((await t.db.query('SELECT count(*)::int AS n FROM deadlines'))[0].n).toBe(n);
      });

      it.each([
        [
          'without summaryOf',
          'pak',
          () => ({ kind: 'NON_CONFIDENTIAL_SUMMARY', classification: 'PUBLIC' }),
          'BAD_USER_INPUT',
          'SUMMARY_OF_REQUIRED',
        ],
        ['not PUBLIC', 'pak', () => summaryInput(rebuttal, { classification: 'RESTRICTED' }), 'BAD_USER_INPUT', 'SUMMARY_NOT_PUBLIC'],
        [
          'naming a submission on another kind of filing',
          'pak',
          () => ({ kind: 'OTHER', classification: 'PUBLIC', summaryOf: rebuttal }),
          'BAD_USER_INPUT',
          'SUMMARY_OF_NOT_ALLOWED',
        ],
        ['of another member’s submission', 'chn', () => summaryInput(rebuttal), 'FORBIDDEN', 'NOT_YOUR_SUBMISSION'],
        ['of a filing that is not a submission', 'pak', () => summaryInput(notification), 'BAD_USER_INPUT', 'NOT_A_WRITTEN_SUBMISSION'],
        ['of a panel document the filer cannot see', 'pak', () => summaryInput(panelNote), 'NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
      ] as const)('refuses a summary %s', async (_what, who, input, code, domainCode) => {
        const before = await counts();
        const res = await t.gql(
          FILE,
          { input: { disputeId, title: 'Summary', fileName: 's.pdf', mediaType: 'application/pdf', content: b64('s'), ...input() } },
          token(who),
        );
        expect(res.errors![0].extensions).toMatchObject({ code, domainCode });
        expect(await counts()).toEqual(before);
        expect(await row(idnRow)).toMatchObject({ status: 'OPEN' });
      });
    });

    it('meets the requests for a submission when its author files the summary, by id: the others keep running', async () => {
      const res = await t.gql(
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id classification summaryOf { id } } }`,
        {
          input: {
            disputeId,
            title: 'Summary of the rebuttal of Pakistan',
            fileName: 's.pdf',
            mediaType: 'application/pdf',
            content: b64('summary'),
            ...summaryInput(rebuttal),
          },
        },
        token('pak'),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.fileDocument).toMatchObject({ classification: 'PUBLIC', summaryOf: { id: rebuttal } });
      const summaryId = res.data!.fileDocument.id;
      expect(await row(idnRow)).toMatchObject({ status: 'MET' });
      expect(await row(kazRow)).toMatchObject({ status: 'MET' });
      expect(await row(chnRow)).toMatchObject({ status: 'OPEN' });
      // Public, to anyone; what it summarises stays hidden from those who may not read it.
      const anon = await t.gql(`query($id: ID!) { document(id: $id) { kind title summaryOf { id } } }`, { id: summaryId });
      expect(anon.data!.document).toEqual({
        kind: 'NON_CONFIDENTIAL_SUMMARY',
        title: 'Summary of the rebuttal of Pakistan',
        summaryOf: null,
      });
      const [entry] = await t.db.query(`SELECT actor_role, text FROM docket_entries WHERE $1 = ANY(document_ids)`, [summaryId]);
      expect(entry).toEqual({
        actor_role: 'RESPONDENT',
        text: 'Pakistan filed a non-confidential summary of its rebuttal (DSU 18.2): "Summary of the rebuttal of Pakistan". Requests for its summary answered: Indonesia (in time), Kazakhstan (in time).',
      });
      // Once it is filed, asking for it again is pointless.
      const again = await t.gql(REQUEST, { id: rebuttal }, token('chn'));
      expect(again.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'SUMMARY_ALREADY_FILED' });
    });

    it('records a summary filed late as late: the limit is MISSED, never MET', async () => {
      t.clock.advance(31 * DAY);
      const res = await t.gql(
        FILE,
        {
          input: {
            disputeId,
            title: 'Summary of the first submission',
            fileName: 's.pdf',
            mediaType: 'application/pdf',
            content: b64('late'),
            ...summaryInput(first),
          },
        },
        token('pak'),
      );
      expect(res.errors).toBeUndefined();
      expect(await row(chnRow)).toMatchObject({ status: 'MISSED' });
      const [entry] = await t.db.query(`SELECT text FROM docket_entries WHERE $1 = ANY(document_ids)`, [res.data!.fileDocument.id]);
      expect(entry.text).toContain('Requests for its summary answered: China (late).');
    });

    it('has the worker record a run-out request MISSED, by id, leaving the requests still running alone; a later summary leaves it MISSED', async () => {
      const answers = await file('pak', { kind: 'ANSWERS_TO_QUESTIONS', classification: 'RESTRICTED' });
      const exhibit = await file('pak', { kind: 'EXHIBIT', classification: 'RESTRICTED' });
      const early = (await t.gql(REQUEST, { id: answers }, token('idn'))).data!.requestNonConfidentialSummary.id;
      t.clock.advance(10 * DAY);
      const later = (await t.gql(REQUEST, { id: exhibit }, token('idn'))).data!.requestNonConfidentialSummary.id;
      const sweeper = t.app.get(ProcedureSweeper);
      t.clock.advance(21 * DAY); // the first request ran out yesterday; the second has 9 days left
      const swept = await sweeper.sweep();
      expect(swept.expired).toBeGreaterThanOrEqual(1);
      expect(await row(early)).toMatchObject({ status: 'MISSED' });
      expect(await row(later)).toMatchObject({ status: 'OPEN' });
      const [missed] = await t.db.query(
        `SELECT actor_role, text FROM docket_entries WHERE dispute_id = $1 AND kind = 'deadlineMissed' AND text LIKE '%NON_CONFIDENTIAL_SUMMARY%'`,
        [disputeId],
      );
      expect(missed.actor_role).toBe('SYSTEM');
      expect(missed.text).toContain('Pakistan has not given Indonesia the non-confidential summary of its answers to questions');
      expect(await sweeper.sweep()).toEqual({ disputes: 0, expired: 0, automatic: 0 });
      const res = await t.gql(
        FILE,
        {
          input: {
            disputeId,
            title: 'Summary of the answers',
            fileName: 's.pdf',
            mediaType: 'application/pdf',
            content: b64('answers'),
            ...summaryInput(answers),
          },
        },
        token('pak'),
      );
      expect(res.errors).toBeUndefined();
      expect(await row(early)).toMatchObject({ status: 'MISSED' });
      expect(await row(later)).toMatchObject({ status: 'OPEN' });
    });

    it('meets the requests when the author makes the submission itself public', async () => {
      const chnFirst = await file('chn', { kind: 'FIRST_WRITTEN_SUBMISSION', classification: 'RESTRICTED' });
      const requested = (await t.gql(REQUEST, { id: chnFirst }, token('idn'))).data!.requestNonConfidentialSummary.id;
      expect((await t.gql(PUBLISH, { id: chnFirst }, token('chn'))).errors).toBeUndefined();
      expect(await row(requested)).toMatchObject({ status: 'MET' });
      const [entry] = await t.db.query(`SELECT text FROM docket_entries WHERE kind = 'publishOwnSubmission' AND $1 = ANY(document_ids)`, [
        chnFirst,
      ]);
      expect(entry.text).toBe(
        'China made its first written submission public (DSU 18.2). Requests for its summary answered: Indonesia (in time).',
      );
    });

    it('leaves the requests running when the dispute ends: the engine settles its own limits only', async () => {
      const open = await t.db.query(
        `SELECT id FROM deadlines WHERE dispute_id = $1 AND rule = 'NON_CONFIDENTIAL_SUMMARY' AND status = 'OPEN'`,
        [disputeId],
      );
      expect(open.length).toBeGreaterThan(0);
      const withdrawn = await t.gql(
        `mutation($id: ID!) { takeAction(input: { disputeId: $id, action: withdraw }) { stage } }`,
        { id: disputeId },
        token('chn'),
      );
      expect(withdrawn.errors).toBeUndefined();
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM deadlines WHERE dispute_id = $1 AND status = 'OPEN' AND subject_id IS NULL`,
        [disputeId],
      );
      expect(n).toBe(0);
      for (const { id } of open) expect(await row(id)).toMatchObject({ status: 'OPEN' });
    });
  });
});
