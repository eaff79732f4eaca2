import { MemberEntity, UserEntity } from '@app/core';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// DSU 18.2: written submissions to the panel are confidential, but made available to the parties;
// a party may disclose statements of its own positions to the public, and gives, on request of a
// member, a non-confidential summary that could be disclosed to the public.

const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishOwnSubmission(documentId: $id) { id classification derestrictedAt } }`;

type Who = 'chn' | 'chnColleague' | 'pak' | 'kaz' | 'idn' | 'sec' | 'seated' | 'panelist';

describe('written submissions (DSU 18.2)', () => {
  let t: TestApp;
  const users = {} as Record<Who, UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  let disputeId: string;
  const token = (who: Who | 'anonymous') => (who === 'anonymous' ? undefined : t.tokenFor(users[who]));
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const file = async (who: Who, input: Record<string, unknown>) => {
    const res = await t.gql(FILE, {
      input: { disputeId, title: `${input.kind} of ${who}`, fileName: 's.pdf', mediaType: 'application/pdf', content: b64(`${who} ${Math.random()}`), ...input },
    }, token(who));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.fileDocument.id as string;
  };
  const counts = async () =>
    (await t.db.query(`SELECT (SELECT count(*) FROM documents WHERE classification = 'PUBLIC')::int AS public,
      (SELECT count(*) FROM docket_entries)::int AS docket, (SELECT count(*) FROM audit_log)::int AS audit`))[0];

  beforeAll(async () => {
    t = await startTestApp();
    for (const [code, name] of [['CHN', 'China'], ['PAK', 'Pakistan'], ['KAZ', 'Kazakhstan'], ['IDN', 'Indonesia']]) {
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
    const filed = await t.gql(`mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id } }`, {}, token('chn'));
    disputeId = filed.data!.requestConsultations.id;
    await t.gql(`mutation($id: ID!) { takeAction(input: { disputeId: $id, action: joinAsThirdParty }) { id } }`, { id: disputeId }, token('kaz'));
    // A seat on this dispute's panel, as an election leaves it (the election itself: e2e/panels).
    await t.db.query(
      'INSERT INTO panel_seats (dispute_id, user_id, person_id, chair, seated_at) VALUES ($1, $2, gen_random_uuid(), false, now())',
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
      const [entry] = await t.db.query(`SELECT actor_role, actor_id, text, document_ids FROM docket_entries WHERE dispute_id = $1 AND kind = 'publishOwnSubmission'`, [disputeId]);
      expect(entry).toEqual({ actor_role: 'COMPLAINANT', actor_id: users.chnColleague.id, text: 'China made its first written submission public (DSU 18.2).', document_ids: [id] });
      const [audit] = await t.db.query(`SELECT actor_id, target_type, target_id FROM audit_log WHERE operation = 'publishOwnSubmission'`);
      expect(audit).toEqual({ actor_id: users.chnColleague.id, target_type: 'Document', target_id: id });
    });

    it('lets a third party make its own submission public', async () => {
      const id = await file('kaz', { kind: 'THIRD_PARTY_SUBMISSION', classification: 'RESTRICTED' });
      expect((await t.gql(PUBLISH, { id }, token('kaz'))).data!.publishOwnSubmission.classification).toBe('PUBLIC');
      const [entry] = await t.db.query(`SELECT actor_role, text FROM docket_entries WHERE $1 = ANY(document_ids) AND kind = 'publishOwnSubmission'`, [id]);
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
        expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'NOT_A_WRITTEN_SUBMISSION', field: 'documentId' });
      });

      it('answers NOT_FOUND to an id that is not one', async () => {
        expect((await t.gql(PUBLISH, { id: 'nope' }, token('chn'))).errors![0].extensions.code).toBe('NOT_FOUND');
      });
    });
  });
});
