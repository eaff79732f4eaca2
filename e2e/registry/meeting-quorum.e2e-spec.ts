import { UserEntity } from '@app/core';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

// The body decides only with a quorum of its active members present (BODY_QUORUM_PERCENT, 50 %).
// A suspended member may be recorded as present, but it is not one of the members the quorum is
// counted against, nor one that makes it: one active member out of four, with a suspended one
// beside it, is not half of the body.

const DAY = 86_400_000;
const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;
const SCHEDULE = `mutation($d: LocalDate!) { scheduleBodyMeeting(heldOn: $d) { id } }`;
const ATTENDANCE = `mutation($m: ID!, $p: [String!]!) { recordMeetingAttendance(meetingId: $m, presentMembers: $p) { presentMembers } }`;

describe('meetings of the body: the quorum counts active members only', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  let disputeId: string;
  let meetingId: string;
  const must = async (query: string, variables: Record<string, unknown>, who: string) => {
    const res = await t.gql(query, variables, t.tokenFor(users[who]));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    for (const code of ['CHN', 'PAK', 'KAZ', 'IDN']) {
      const member = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    }
    await createMember(t.db, { code: 'VNM', name: 'Viet Nam', status: 'SUSPENDED' });
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    disputeId = (
      await must(
        `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI:1"], summary: "S" }) { id } }`,
        {},
        'CHN',
      )
    ).requestConsultations.id;
    await must(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, 'CHN');
    await must(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, 'PAK');
    await must(ACT, { id: disputeId, action: 'requestPanel' }, 'CHN');
    await must(ACT, { id: disputeId, action: 'requestBodyMeeting' }, 'CHN');
    meetingId = (await must(SCHEDULE, { d: '2026-03-12' }, 'SEC')).scheduleBodyMeeting.id;
    t.clock.advance(10 * DAY);
  });
  afterAll(() => t?.close());

  it('does not establish the panel with one active member and a suspended one present', async () => {
    expect((await must(ATTENDANCE, { m: meetingId, p: ['CHN', 'VNM'] }, 'SEC')).recordMeetingAttendance.presentMembers).toEqual([
      'CHN',
      'VNM',
    ]);
    const refused = await t.gql(TAKE_ACTION, { id: disputeId, action: 'establishPanel', meetingId }, t.tokenFor(users.SEC));
    expect(refused.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(refused.errors?.[0].message).toContain('1 of 4 members attended');
  });

  it('establishes it with half of the active members present', async () => {
    await must(ATTENDANCE, { m: meetingId, p: ['CHN', 'PAK'] }, 'SEC');
    const established = await must(TAKE_ACTION, { id: disputeId, action: 'establishPanel', meetingId }, 'SEC');
    expect(established.takeAction.stage).toBe('PANEL_ESTABLISHED');
  });
});
