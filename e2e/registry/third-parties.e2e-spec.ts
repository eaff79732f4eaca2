import { MemberEntity, UserEntity } from '@app/core';
import { DataSource } from 'typeorm';
import { ThirdPartyCapacities1795710000001 } from '../../migrations/1795710000001-ThirdPartyCapacities';
import { createMember, createUser } from '../utils/factories';
import { meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

// Third parties in their two capacities: in the consultations, once the respondent accepts the
// request (DSU 4.11), and in the panel proceedings, on notification (DSU 10.2), with the rights of
// DSU 10.3. Joining one does not make a member a third party in the other.

const ACT = `mutation($input: TakeActionInput!) { takeAction(input: $input) { stage thirdParties { code } } }`;
const DISPUTE = `query($id: ID!) {
  dispute(id: $id) {
    stage
    thirdParties { code }
    parties { kind consultationsStatus panelJoinedAt member { code } }
    docket(first: 100) { nodes { kind actorRole text } }
    allowedActions { now { action mutation } }
  }
}`;
const FILE_DOC = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;

interface Party {
  kind: string;
  consultationsStatus: string | null;
  panelJoinedAt: string | null;
  member: { code: string };
}

describe('third parties: joining the consultations (DSU 4.11) and the panel proceedings (DSU 10.2)', () => {
  let t: TestApp;
  const members: Record<string, MemberEntity> = {};
  const users: Record<string, UserEntity> = {};
  const tok = (who: string) => t.tokenFor(users[who]);
  let id: string;

  const act = (who: string, action: string, extra: Record<string, unknown> = {}) =>
    t.gql(ACT, { input: { disputeId: id, action, ...extra } }, tok(who));
  const page = async (who = 'SEC') => (await t.gql(DISPUTE, { id }, tok(who))).data!.dispute;
  const place = async (code: string): Promise<Party | undefined> => (await page()).parties.find((p: Party) => p.member.code === code);
  const lastEntry = async () => (await page()).docket.nodes.at(-1);
  const counts = async () =>
    (await t.db.query(`SELECT (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM docket_entries)::int AS docket`))[0];
  // dispute.allowedActions.now lists each step with the mutation that takes it.
  const step = (action: string) => ({ action, mutation: 'takeAction' });
  const anyStep = (action: string) => expect.objectContaining({ action });
  const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['KAZ', 'Kazakhstan'],
      ['IDN', 'Indonesia'],
      ['THA', 'Thailand'],
      ['MYS', 'Malaysia'],
      ['EGY', 'Egypt'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id } }`,
      {},
      tok('CHN'),
    );
    id = filed.data!.requestConsultations.id;
  });
  afterAll(() => t.close());

  describe('the consultations (DSU 4.11)', () => {
    it('records a request to join, docketed with the member’s name; the member is not yet a third party', async () => {
      const before = await counts();
      const res = await act('KAZ', 'joinAsThirdParty');
      expect(res.errors).toBeUndefined();
      expect(res.data!.takeAction.thirdParties).toEqual([]);
      expect(await place('KAZ')).toEqual({
        kind: 'THIRD_PARTY',
        consultationsStatus: 'REQUESTED',
        panelJoinedAt: null,
        member: { code: 'KAZ' },
      });
      expect(await lastEntry()).toEqual({
        kind: 'joinAsThirdParty',
        actorRole: 'MEMBER',
        text: 'Kazakhstan asked to join the consultations (DSU 4.11).',
      });
      expect(await counts()).toEqual({ audit: before.audit + 1, docket: before.docket + 1 });
      // The respondent sees that it has a request to answer; the complainant does not answer it.
      expect((await page('PAK')).allowedActions.now).toEqual(
        expect.arrayContaining([step('acceptJoinRequest'), step('rejectJoinRequest')]),
      );
      expect((await page('CHN')).allowedActions.now).not.toContainEqual(anyStep('acceptJoinRequest'));
      // A member that asked does not ask again.
      expect((await page('KAZ')).allowedActions.now).not.toContainEqual(anyStep('joinAsThirdParty'));
    });

    it('refuses a second request as CONFLICT, writing nothing', async () => {
      const before = await counts();
      expect(errorOf(await act('KAZ', 'joinAsThirdParty'))).toMatchObject({
        code: 'CONFLICT',
        domainCode: 'ALREADY_THIRD_PARTY',
        consultationsStatus: 'REQUESTED',
      });
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['the complainant', 'CHN'],
      ['the member that asked', 'KAZ'],
      ['another member', 'IDN'],
      ['the secretariat', 'SEC'],
    ])('lets only the respondent answer: refuses %s', async (_what, who) => {
      expect(errorOf(await act(who, 'acceptJoinRequest', { memberCode: 'KAZ' }))?.code).toBe('FORBIDDEN');
      expect(errorOf(await act(who, 'rejectJoinRequest', { memberCode: 'KAZ' }))?.code).toBe('FORBIDDEN');
    });

    it('needs the member named, one that asked', async () => {
      const before = await counts();
      expect(errorOf(await act('PAK', 'acceptJoinRequest'))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.memberCode',
        domainCode: 'MEMBER_CODE_REQUIRED',
      });
      expect(errorOf(await act('PAK', 'acceptJoinRequest', { memberCode: 'Kazakhstan' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.memberCode',
      });
      expect(errorOf(await act('PAK', 'acceptJoinRequest', { memberCode: 'ZZZ' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        domainCode: 'UNKNOWN_MEMBER',
      });
      expect(errorOf(await act('PAK', 'acceptJoinRequest', { memberCode: 'IDN' }))).toMatchObject({
        code: 'INVALID_TRANSITION',
        domainCode: 'NO_JOIN_REQUEST',
      });
      expect(await counts()).toEqual(before);
    });

    it('the respondent accepts: the member is a third party in the consultations, not in the panel proceedings', async () => {
      const res = await act('PAK', 'acceptJoinRequest', { memberCode: 'kaz' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.takeAction.thirdParties).toEqual([{ code: 'KAZ' }]);
      expect(await place('KAZ')).toMatchObject({ consultationsStatus: 'ACCEPTED', panelJoinedAt: null });
      expect(await lastEntry()).toEqual({
        kind: 'acceptJoinRequest',
        actorRole: 'RESPONDENT',
        text: "Pakistan accepted Kazakhstan's request to join the consultations (DSU 4.11).",
      });
      const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE operation = 'acceptJoinRequest'`);
      expect(audit.details).toMatchObject({ action: 'acceptJoinRequest', member: 'KAZ', as: 'RESPONDENT' });
      // Answered once; and a third party does not join again.
      expect(errorOf(await act('PAK', 'rejectJoinRequest', { memberCode: 'KAZ' }))).toMatchObject({
        domainCode: 'NO_JOIN_REQUEST',
        consultationsStatus: 'ACCEPTED',
      });
      expect(errorOf(await act('KAZ', 'joinAsThirdParty'))).toMatchObject({
        code: 'CONFLICT',
        domainCode: 'ALREADY_THIRD_PARTY',
        consultationsStatus: 'ACCEPTED',
      });
      // With no request pending, the respondent is not offered an answer.
      expect((await page('PAK')).allowedActions.now).not.toContainEqual(anyStep('acceptJoinRequest'));
    });

    it('the respondent rejects: the member is no third party and may not ask again', async () => {
      expect((await act('THA', 'joinAsThirdParty')).errors).toBeUndefined();
      const res = await act('PAK', 'rejectJoinRequest', { memberCode: 'THA' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.takeAction.thirdParties).toEqual([{ code: 'KAZ' }]);
      expect(await place('THA')).toMatchObject({ kind: 'THIRD_PARTY', consultationsStatus: 'REJECTED', panelJoinedAt: null });
      expect(await lastEntry()).toEqual({
        kind: 'rejectJoinRequest',
        actorRole: 'RESPONDENT',
        text: "Pakistan rejected Thailand's request to join the consultations (DSU 4.11).",
      });
      expect(errorOf(await act('THA', 'joinAsThirdParty'))).toMatchObject({
        code: 'CONFLICT',
        domainCode: 'ALREADY_THIRD_PARTY',
        consultationsStatus: 'REJECTED',
      });
      // A refused member takes no part: it files nothing in the dispute.
      const filing = await t.gql(
        FILE_DOC,
        {
          input: {
            disputeId: id,
            kind: 'NOTIFICATION',
            classification: 'RESTRICTED',
            title: 'N',
            fileName: 'n.txt',
            mediaType: 'text/plain',
            content: Buffer.from('n').toString('base64'),
          },
        },
        tok('THA'),
      );
      expect(errorOf(filing)).toMatchObject({ code: 'FORBIDDEN', domainCode: 'NOT_INVOLVED' });
    });

    it('is answered only while consultations last', async () => {
      expect((await act('MYS', 'joinAsThirdParty')).errors).toBeUndefined();
      expect((await act('CHN', 'agreeEarlyPanelRequest')).errors).toBeUndefined();
      expect((await act('PAK', 'agreeEarlyPanelRequest')).errors).toBeUndefined();
      expect((await act('CHN', 'requestPanel')).data!.takeAction.stage).toBe('PANEL_REQUESTED');
      expect(errorOf(await act('PAK', 'acceptJoinRequest', { memberCode: 'MYS' }))?.code).toBe('INVALID_TRANSITION');
      expect(await place('MYS')).toMatchObject({ consultationsStatus: 'REQUESTED' });
      expect((await page()).thirdParties).toEqual([{ code: 'KAZ' }]);
    });
  });

  describe('the panel proceedings (DSU 10.2)', () => {
    beforeAll(async () => {
      // The body establishes the panel at a meeting the complainant asked for (DSU 6.1, footnote 5).
      expect((await act('CHN', 'requestBodyMeeting')).errors).toBeUndefined();
      const meetingId = await meetingToday(t);
      expect((await act('SEC', 'establishPanel', { meetingId })).data!.takeAction.stage).toBe('PANEL_ESTABLISHED');
    });

    it('records a member that notifies its interest as a third party in the panel proceedings, docketed', async () => {
      const res = await act('EGY', 'joinPanelAsThirdParty');
      expect(res.errors).toBeUndefined();
      expect(res.data!.takeAction.thirdParties.map((m: { code: string }) => m.code).sort()).toEqual(['EGY', 'KAZ']);
      expect(await place('EGY')).toEqual({
        kind: 'THIRD_PARTY',
        consultationsStatus: null,
        panelJoinedAt: t.clock.now().toISOString(),
        member: { code: 'EGY' },
      });
      expect(await lastEntry()).toEqual({
        kind: 'joinPanelAsThirdParty',
        actorRole: 'MEMBER',
        text: 'Egypt notified its substantial interest and joined the panel proceedings as a third party (DSU 10.2).',
      });
      expect((await page('EGY')).allowedActions.now).not.toContainEqual(anyStep('joinPanelAsThirdParty'));
    });

    it('refuses a second notification as CONFLICT, and a party’s', async () => {
      const before = await counts();
      expect(errorOf(await act('EGY', 'joinPanelAsThirdParty'))).toMatchObject({ code: 'CONFLICT', domainCode: 'ALREADY_THIRD_PARTY' });
      expect(errorOf(await act('CHN', 'joinPanelAsThirdParty'))?.code).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });

    it('a third party in the consultations, or a member refused there, joins the panel proceedings in its own right', async () => {
      // KAZ is a consultations third party: it is not one in the panel proceedings until it notifies.
      expect((await page('KAZ')).allowedActions.now).toContainEqual(step('joinPanelAsThirdParty'));
      expect((await act('KAZ', 'joinPanelAsThirdParty')).errors).toBeUndefined();
      expect(await place('KAZ')).toMatchObject({ consultationsStatus: 'ACCEPTED', panelJoinedAt: expect.any(String) });
      expect((await act('THA', 'joinPanelAsThirdParty')).errors).toBeUndefined();
      expect(await place('THA')).toMatchObject({ consultationsStatus: 'REJECTED', panelJoinedAt: expect.any(String) });
      expect((await page()).thirdParties.map((m: { code: string }) => m.code).sort()).toEqual(['EGY', 'KAZ', 'THA']);
      expect(errorOf(await act('KAZ', 'joinPanelAsThirdParty'))).toMatchObject({ code: 'CONFLICT', domainCode: 'ALREADY_THIRD_PARTY' });
    });

    it('gives a third party in the panel proceedings the parties’ first written submissions and its own submission (DSU 10.3)', async () => {
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      const first = await t.gql(
        FILE_DOC,
        {
          input: {
            disputeId: id,
            kind: 'FIRST_WRITTEN_SUBMISSION',
            classification: 'RESTRICTED',
            title: 'First submission of China',
            fileName: 'f.txt',
            mediaType: 'text/plain',
            content: b64('f'),
          },
        },
        tok('CHN'),
      );
      expect(first.errors).toBeUndefined();
      const docId = first.data!.fileDocument.id;
      const seen = async (who: string) =>
        (await t.gql(`query($id: ID!) { document(id: $id) { id } }`, { id: docId }, tok(who))).data?.document?.id ?? null;
      expect(await seen('EGY')).toBe(docId);
      // MYS asked to join the consultations and was never answered: nothing restricted.
      expect(await seen('MYS')).toBeNull();
      const own = await t.gql(
        FILE_DOC,
        {
          input: {
            disputeId: id,
            kind: 'THIRD_PARTY_SUBMISSION',
            classification: 'RESTRICTED',
            title: 'Submission of Egypt',
            fileName: 'e.txt',
            mediaType: 'text/plain',
            content: b64('e'),
          },
        },
        tok('EGY'),
      );
      expect(own.errors).toBeUndefined();
    });

    it('closes 10 days after establishment', async () => {
      t.clock.advance(11 * 86_400_000);
      expect(errorOf(await act('IDN', 'joinPanelAsThirdParty'))?.code).toBe('DEADLINE_PASSED');
    });
  });

  it('the migration gives rows written before both capacities, so they keep their rights', async () => {
    const migration = new ThirdPartyCapacities1795710000001();
    // As the owner, as migrations run: the application's role may alter no table.
    const owner = new DataSource({ type: 'postgres', url: t.ownerUrl });
    await owner.initialize();
    const runner = owner.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await migration.down(runner);
      const legacy = await runner.query(
        `SELECT m.code FROM dispute_parties p JOIN members m ON m.id = p.member_id WHERE p.kind = 'THIRD_PARTY' ORDER BY m.code`,
      );
      // Going back drops what the old model could not say: a request pending (MYS).
      expect(legacy.map((r: { code: string }) => r.code)).toEqual(['EGY', 'KAZ', 'THA']);
      await migration.up(runner);
      const rows = await runner.query(
        `SELECT m.code, p.consultations_status, p.panel_joined_at = p.joined_at AS same FROM dispute_parties p JOIN members m ON m.id = p.member_id
          WHERE p.kind = 'THIRD_PARTY' ORDER BY m.code`,
      );
      expect(rows).toEqual([
        { code: 'EGY', consultations_status: 'ACCEPTED', same: true },
        { code: 'KAZ', consultations_status: 'ACCEPTED', same: true },
        { code: 'THA', consultations_status: 'ACCEPTED', same: true },
      ]);
      await expect(
        runner.query(`UPDATE dispute_parties SET consultations_status = NULL, panel_joined_at = NULL WHERE kind = 'THIRD_PARTY'`),
      ).rejects.toThrow(/ck_dispute_parties_capacity/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await owner.destroy();
    }
  });
});
