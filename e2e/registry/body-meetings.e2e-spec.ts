import { UserEntity } from '@app/core';
import { ProcedureSweeper } from '@app/registry';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

// The body decides at its meetings (DSU 2.4, 6.1, 16.4): a meeting convened with notice, its
// attendance recorded, a quorum of the active members present; a panel request is on the agenda
// 11 days after it was filed unless the complainant asked for a meeting (DSU 6.1, footnote 5); the
// panel is established at the second meeting with the request on its agenda at the latest.
// Unlike the other files, every meeting here goes through the API (scheduleBodyMeeting,
// recordMeetingAttendance) rather than the meetingToday factory.

const FILE = `mutation($r: [String!]!, $title: String!) { requestConsultations(input: { respondents: $r, title: $title,
  measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;
const SCHEDULE = `mutation($d: LocalDate!) { scheduleBodyMeeting(heldOn: $d) { id heldOn convenedOn presentMembers statusReportsDue } }`;
const ATTENDANCE = `mutation($m: ID!, $p: [String!]!) { recordMeetingAttendance(meetingId: $m, presentMembers: $p) { id heldOn presentMembers } }`;
const MEETINGS = `query($from: LocalDate!, $to: LocalDate!) { bodyMeetings(from: $from, to: $to) { id heldOn convenedOn presentMembers } }`;
const DISPUTE = `query($id: ID!) { dispute(id: $id) { stage deadlines { rule dueDate status } docket(first: 100) { nodes { kind actorRole text } } } }`;

const ACTIVE = ['CHN', 'PAK', 'KAZ', 'IDN', 'MYS', 'THA'];

describe('registry: the meetings of the body and its decisions', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  const tok = (who: string) => t.tokenFor(users[who]);
  const meetings: Record<string, string> = {};
  // DS1: the 11-day agenda rule, a first meeting, establishment at the second.
  // DS2: a meeting asked for by the complainant (fn 5), established early; then settled.
  // DS3: a request deferred by the complainant.
  const ids: Record<'ds1' | 'ds2' | 'ds3', string> = { ds1: '', ds2: '', ds3: '' };

  const act = (who: string, id: string, action: string, extra: Record<string, unknown> = {}) =>
    t.gql(TAKE_ACTION, { id, action, ...extra }, tok(who));
  const dispute = async (id: string) =>
    (await t.gql(DISPUTE, { id })).data!.dispute as {
      stage: string;
      deadlines: { rule: string; dueDate: string; status: string }[];
      docket: { nodes: { kind: string; actorRole: string; text: string }[] };
    };
  const schedule = async (heldOn: string) => {
    const res = await t.gql(SCHEDULE, { d: heldOn }, tok('SEC'));
    expect(res.errors).toBeUndefined();
    meetings[heldOn] = res.data!.scheduleBodyMeeting.id;
    return res.data!.scheduleBodyMeeting;
  };
  const attend = async (heldOn: string, present: string[]) => {
    const res = await t.gql(ATTENDANCE, { m: meetings[heldOn], p: present }, tok('SEC'));
    expect(res.errors).toBeUndefined();
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    for (const code of ACTIVE) {
      const member = await createMember(t.db, { code, name: `Member ${code}` });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    }
    // A suspended member: not one of the body's members for its quorum.
    await createMember(t.db, { code: 'EGY', name: 'Member EGY', status: 'SUSPENDED' });
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    for (const [key, respondent] of [
      ['ds1', 'PAK'],
      ['ds2', 'IDN'],
      ['ds3', 'KAZ'],
    ] as const) {
      ids[key] = (await t.gql(FILE, { r: [respondent], title: key }, tok('CHN'))).data!.requestConsultations.id;
      await act('CHN', ids[key], 'agreeEarlyPanelRequest');
      await act(respondent, ids[key], 'agreeEarlyPanelRequest');
      expect((await act('CHN', ids[key], 'requestPanel')).data!.takeAction.stage).toBe('PANEL_REQUESTED');
    }
  });
  afterAll(() => t.close());

  it('lets the secretariat schedule a meeting for a later day, and nobody else', async () => {
    const today = await t.gql(SCHEDULE, { d: '2026-03-02' }, tok('SEC'));
    expect(today.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn', domainCode: 'MEETING_IN_THE_PAST' });
    expect((await t.gql(SCHEDULE, { d: '2026-03-12' }, tok('CHN'))).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(SCHEDULE, { d: '2026-03-12' })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await schedule('2026-03-12')).toEqual({
      id: expect.any(String),
      heldOn: '2026-03-12',
      convenedOn: '2026-03-02',
      presentMembers: null,
      statusReportsDue: 0,
    });
    expect((await t.gql(SCHEDULE, { d: '2026-03-12' }, tok('SEC'))).errors![0].extensions.code).toBe('CONFLICT');
    await schedule('2026-03-13');
    await schedule('2026-03-24');
    // Anyone may see the body's calendar.
    const listed = (await t.gql(MEETINGS, { from: '2026-03-01', to: '2026-03-31' })).data!.bodyMeetings;
    expect(listed.map((m: { heldOn: string }) => m.heldOn)).toEqual(['2026-03-12', '2026-03-13', '2026-03-24']);
    expect(
      listed.every((m: { convenedOn: string; presentMembers: unknown }) => m.convenedOn === '2026-03-02' && m.presentMembers === null),
    ).toBe(true);
  });

  it('lets the complainant alone ask for a meeting of the body on its request (DSU 6.1, fn 5)', async () => {
    expect((await act('IDN', ids.ds2, 'requestBodyMeeting')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await act('SEC', ids.ds2, 'requestBodyMeeting')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await act('CHN', ids.ds2, 'requestBodyMeeting')).errors).toBeUndefined();
    expect((await act('CHN', ids.ds2, 'requestBodyMeeting')).errors![0].extensions.code).toBe('INVALID_TRANSITION');
    // The meeting within 15 days, with 10 days' notice (DSU 6.1, footnote 5).
    expect((await dispute(ids.ds2)).deadlines.find((d) => d.rule === 'BODY_MEETING_ON_REQUEST')).toEqual({
      rule: 'BODY_MEETING_ON_REQUEST',
      dueDate: '2026-03-17',
      status: 'OPEN',
    });
  });

  it('records who attended from the day of the meeting, for the secretariat only, with known member codes', async () => {
    const early = await t.gql(ATTENDANCE, { m: meetings['2026-03-12'], p: ACTIVE }, tok('SEC'));
    expect(early.errors![0].extensions).toMatchObject({
      code: 'NOT_YET_ALLOWED',
      domainCode: 'MEETING_NOT_HELD',
      allowedFrom: '2026-03-12',
    });
    t.clock.set('2026-03-12T10:00:00Z');
    expect((await t.gql(ATTENDANCE, { m: meetings['2026-03-12'], p: ACTIVE }, tok('CHN'))).errors![0].extensions.code).toBe('FORBIDDEN');
    const unknown = await t.gql(ATTENDANCE, { m: meetings['2026-03-12'], p: ['CHN', 'ZZZ'] }, tok('SEC'));
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'presentMembers', domainCode: 'UNKNOWN_MEMBER' });
    expect(unknown.errors![0].message).toContain('ZZZ');
    const malformed = await t.gql(ATTENDANCE, { m: meetings['2026-03-12'], p: ['CH'] }, tok('SEC'));
    expect(malformed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'presentMembers' });
    const none = await t.gql(ATTENDANCE, { m: '00000000-0000-4000-8000-000000000000', p: ['CHN'] }, tok('SEC'));
    expect(none.errors![0].extensions.code).toBe('NOT_FOUND');
    const recorded = await t.gql(ATTENDANCE, { m: meetings['2026-03-12'], p: [' thA', 'chn', 'PAK', 'KAZ', 'IDN', 'MYS'] }, tok('SEC'));
    expect(recorded.data!.recordMeetingAttendance).toEqual({
      id: meetings['2026-03-12'],
      heldOn: '2026-03-12',
      presentMembers: ['CHN', 'IDN', 'KAZ', 'MYS', 'PAK', 'THA'],
    });
    const [listed] = (await t.gql(MEETINGS, { from: '2026-03-12', to: '2026-03-12' })).data!.bodyMeetings;
    expect(listed.presentMembers).toEqual(['CHN', 'IDN', 'KAZ', 'MYS', 'PAK', 'THA']);
  });

  it('puts a panel request on the agenda 11 days after it was filed, unless the complainant asked for a meeting (DSU 6.1, fn 5)', async () => {
    // 12 March: DS1's request of 2 March is not yet on the agenda.
    const meetingId = meetings['2026-03-12'];
    for (const action of ['establishPanel', 'recordBodyMeeting']) {
      const res = await act('SEC', ids.ds1, action, { meetingId });
      expect(res.errors![0].extensions.code).toBe('INVALID_TRANSITION');
      expect(res.errors![0].message).toMatch(
        /panel request of 2026-03-02 is on the agenda of meetings from 2026-03-13 \(PANEL_REQUEST_NOTICE/,
      );
    }
    // DS2's complainant asked for a meeting: that meeting takes the request up.
    const established = await act('SEC', ids.ds2, 'establishPanel', { meetingId });
    expect(established.errors).toBeUndefined();
    expect(established.data!.takeAction.stage).toBe('PANEL_ESTABLISHED');
    const ds2 = await dispute(ids.ds2);
    expect(ds2.deadlines.find((d) => d.rule === 'BODY_MEETING_ON_REQUEST')).toEqual({
      rule: 'BODY_MEETING_ON_REQUEST',
      dueDate: '2026-03-17',
      status: 'MET',
    });
    expect(ds2.docket.nodes.map((n) => [n.kind, n.actorRole, n.text]).slice(-2)).toEqual([
      ['requestBodyMeeting', 'COMPLAINANT', 'Member CHN asked for a meeting of the body on its panel request.'],
      [
        'establishPanel',
        'BODY',
        'The body established a panel. Meeting of the body of 2026-03-12, 6 of 6 members present; recorded by the secretariat.',
      ],
    ]);
  });

  it('refuses a decision without a meeting, at a meeting of another day, without attendance or below a quorum of active members, saying why', async () => {
    t.clock.set('2026-03-13T10:00:00Z');
    const decide = (meetingId?: string) => act('SEC', ids.ds1, 'recordBodyMeeting', meetingId ? { meetingId } : {});
    const refusal = async (meetingId?: string) => {
      const res = await decide(meetingId);
      expect(res.errors![0].extensions.code).toBe('INVALID_TRANSITION');
      return res.errors![0].message;
    };
    expect(await refusal()).toMatch(/recordBodyMeeting is a decision of the body: it is recorded at a meeting of the body \(meetingId\)/);
    expect(await refusal(meetings['2026-03-12'])).toMatch(/The meeting of 2026-03-12 is not held today \(2026-03-13\)/);
    expect((await decide('00000000-0000-4000-8000-000000000000')).errors![0].extensions.code).toBe('NOT_FOUND');
    expect(await refusal(meetings['2026-03-13'])).toMatch(
      /Record who attended the meeting of 2026-03-13 first \(recordMeetingAttendance\)/,
    );
    await attend('2026-03-13', ['CHN', 'PAK']);
    expect(await refusal(meetings['2026-03-13'])).toMatch(
      /2 of 6 members attended the meeting of 2026-03-13: the body decides only with a quorum of 50% of its members present/,
    );
    // A suspended member's delegate in the room does not make the quorum.
    await attend('2026-03-13', ['CHN', 'PAK', 'EGY']);
    expect(await refusal(meetings['2026-03-13'])).toMatch(/2 of 6 members attended/);
    // A party's delegate does not record the body's decisions.
    expect((await act('CHN', ids.ds1, 'recordBodyMeeting', { meetingId: meetings['2026-03-13'] })).errors![0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await dispute(ids.ds1)).docket.nodes.at(-1)!.kind).toBe('requestPanel');
  });

  it('records the first meeting that did not establish the panel, and waits for the second (DSU 6.1)', async () => {
    t.clock.set('2026-03-13T16:00:00Z');
    await attend('2026-03-13', ['CHN', 'PAK', 'KAZ', 'EGY']);
    const first = await act('SEC', ids.ds1, 'recordBodyMeeting', { meetingId: meetings['2026-03-13'] });
    expect(first.errors).toBeUndefined();
    expect(first.data!.takeAction.stage).toBe('PANEL_REQUESTED');
    expect((await dispute(ids.ds1)).docket.nodes.at(-1)).toEqual({
      kind: 'recordBodyMeeting',
      actorRole: 'BODY',
      text:
        'The body met with the panel request on its agenda; the panel was not established (first meeting, DSU 6.1). ' +
        'Meeting of the body of 2026-03-13, 3 of 6 members present; recorded by the secretariat.',
    });
  });

  it('lets the complainant alone defer its request: the meeting does not count towards establishment', async () => {
    t.clock.set('2026-03-13T17:00:00Z');
    expect((await act('KAZ', ids.ds3, 'deferPanelRequest')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await act('SEC', ids.ds3, 'deferPanelRequest')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await act('CHN', ids.ds2, 'deferPanelRequest')).errors![0].extensions.code).toBe('INVALID_TRANSITION'); // DS2 is established
    // Not a decision of the body: a meeting named with it (here one whose attendance nobody
    // recorded) is no part of the step, and its docket entry says nothing of it.
    expect((await act('CHN', ids.ds3, 'deferPanelRequest', { meetingId: meetings['2026-03-12'] })).errors).toBeUndefined();
    expect((await dispute(ids.ds3)).docket.nodes.at(-1)).toEqual({
      kind: 'deferPanelRequest',
      actorRole: 'COMPLAINANT',
      text: 'Member CHN deferred consideration of its panel request; the meeting does not count towards establishment (DSU 6.1).',
    });
  });

  it('refuses a decision at a meeting convened with too short a notice', async () => {
    // A meeting convened a week ahead: too short a notice for a decision.
    t.clock.set('2026-03-13T17:30:00Z');
    const late = await schedule('2026-03-20');
    expect(late.convenedOn).toBe('2026-03-13');
    t.clock.set('2026-03-20T10:00:00Z');
    await attend('2026-03-20', ACTIVE);
    const res = await act('SEC', ids.ds3, 'recordBodyMeeting', { meetingId: meetings['2026-03-20'] });
    expect(res.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    expect(res.errors![0].message).toMatch(
      /The meeting of 2026-03-20 was convened on 2026-03-13, 7 day\(s\) before; the body decides only at meetings convened at least 10 days ahead/,
    );
    expect((await dispute(ids.ds3)).docket.nodes.at(-1)!.kind).toBe('deferPanelRequest');
    expect((await dispute(ids.ds1)).stage).toBe('PANEL_REQUESTED');
  });

  it('establishes the panel at the second meeting with the request on its agenda (DSU 6.1)', async () => {
    t.clock.set('2026-03-24T10:00:00Z');
    await attend('2026-03-24', ACTIVE);
    const again = await act('SEC', ids.ds1, 'recordBodyMeeting', { meetingId: meetings['2026-03-24'] });
    expect(again.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    expect(again.errors![0].message).toMatch(/at this second meeting the panel is established \(DSU 6\.1\); record establishPanel/);
    const established = await act('SEC', ids.ds1, 'establishPanel', {
      meetingId: meetings['2026-03-24'],
      note: 'The respondent did not object.',
    });
    expect(established.data!.takeAction.stage).toBe('PANEL_ESTABLISHED');
    const ds1 = await dispute(ids.ds1);
    expect(ds1.docket.nodes.at(-1)).toEqual({
      kind: 'establishPanel',
      actorRole: 'BODY',
      text: 'The body established a panel. Meeting of the body of 2026-03-24, 6 of 6 members present; recorded by the secretariat. The respondent did not object.',
    });
    // Establishment opens the periods of composition, among them the parties' 15 days to challenge candidates.
    const open = Object.fromEntries(ds1.deadlines.filter((d) => d.status === 'OPEN').map((d) => [d.rule, d.dueDate]));
    expect(open).toMatchObject({ FIVE_PANELISTS: '2026-04-03', CANDIDATE_CHALLENGES: '2026-04-08', PANEL_COMPOSITION: '2026-04-13' });
  });

  it('counts the first meeting after the deferral as the first on the request', async () => {
    // The meeting of 24 March is the first to count: the respondent may still block establishment there.
    t.clock.set('2026-03-24T11:00:00Z');
    const first = await act('SEC', ids.ds3, 'recordBodyMeeting', { meetingId: meetings['2026-03-24'] });
    expect(first.errors).toBeUndefined();
    expect(first.data!.takeAction.stage).toBe('PANEL_REQUESTED');
  });

  it('closes every limit of a settled case in the same step: none left open, none missed that had not run out', async () => {
    // DS2, established on 12 March: 12 days on, the parties' windows to agree on five panelists
    // and for third parties have run out unused; the other periods still run.
    t.clock.set('2026-03-24T12:00:00Z');
    const before = Object.fromEntries(
      (await dispute(ids.ds2)).deadlines.filter((d) => d.status === 'OPEN').map((d) => [d.rule, d.dueDate]),
    );
    expect(before).toMatchObject({
      FIVE_PANELISTS: '2026-03-22',
      THIRD_PARTY_PANEL: '2026-03-22',
      CANDIDATE_CHALLENGES: '2026-03-27',
      PANEL_COMPOSITION: '2026-04-01',
    });
    expect((await act('IDN', ids.ds2, 'notifyMutuallyAgreedSolution')).data!.takeAction.stage).toBe('SETTLED_MAS');
    const after = Object.fromEntries((await dispute(ids.ds2)).deadlines.filter((d) => d.rule in before).map((d) => [d.rule, d.status]));
    expect(Object.values(after)).not.toContain('OPEN');
    expect(Object.values(after)).not.toContain('MISSED');
    expect(after).toMatchObject({
      FIVE_PANELISTS: 'LAPSED',
      THIRD_PARTY_PANEL: 'LAPSED',
      CANDIDATE_CHALLENGES: 'SUPERSEDED',
      PANEL_COMPOSITION: 'SUPERSEDED',
      TERMS_OF_REFERENCE: 'SUPERSEDED',
    });
    // Nothing is left for the worker to flag against the parties.
    await t.app.get(ProcedureSweeper).sweep();
    const entries = (await dispute(ids.ds2)).docket.nodes;
    expect(entries.at(-1)!.kind).toBe('notifyMutuallyAgreedSolution');
  });
});
