import { ProcedureSweeper } from '@app/registry';
import { SUBMIT, VOTE, file } from '../rulings/setup';
import { TAKE_ACTION } from '../utils/procedure';
import {
  CANCEL,
  DAY,
  HEARING_FIELDS,
  RESCHEDULE,
  SCHEDULE,
  World,
  addRoom,
  closeElection,
  establishAndOpenElections,
  startWorld,
} from './setup';
// ical.js 2 is an ES module with a CommonJS build that jest loads with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  start: string;
  end: string;
  summary: string;
  location: string | null;
}

function parseFeed(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v: { getFirstPropertyValue(name: string): unknown }) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      status: String(v.getFirstPropertyValue('status')),
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      summary: e.summary,
      location: e.location ?? null,
    };
  });
}

// Items 4–7 of the hearings issue, and the time zones.
describe('hearings: time zones, public observation, calendars, notices, timetable', () => {
  let w: World;
  let disputeId: string;
  let room: string;
  let meeting: string; // first substantive meeting, across the DST change
  let session: string; // third-party session, shown in Shanghai

  beforeAll(async () => {
    // Filed 22 days before 2 March: the election opens on 2 March (see establishAndOpenElections).
    w = await startWorld('2026-02-08T09:00:00Z');
    const [e] = await establishAndOpenElections(w, [
      { complainant: 'CHN', respondent: 'PAK', thirdParties: ['KAZ'], panel: ['A', 'B', 'C'] },
    ]);
    expect(w.t.clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    disputeId = e.disputeId;
    w.t.clock.advance(7 * DAY + 1000);
    await closeElection(w, e.electionId);
    room = await addRoom(w, 'Room E');
  });
  afterAll(() => w.t.close());

  const feed = async (path: string) => {
    const res = await w.t.http().get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    // RFC 5545 §3.1: CRLF lines of at most 75 octets.
    expect(res.text.endsWith('\r\n')).toBe(true);
    expect(res.text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(res.text.replace(/\r\n/g, '')).not.toContain('\n');
    return parseFeed(res.text);
  };

  it('shows a hearing in its own zone across the daylight-saving change (Berlin), and in Shanghai', async () => {
    const res = await w.t.gql(
      SCHEDULE,
      {
        input: {
          disputeId,
          kind: 'FIRST_SUBSTANTIVE_MEETING',
          startsAt: '2026-03-27T09:00:00Z',
          endsAt: '2026-03-27T16:00:00Z',
          timeZone: 'Europe/Berlin',
          roomId: room,
          virtualLink: 'https://meet.example.org/ds-first',
        },
      },
      w.tok(w.panelists.A),
    );
    expect(res.errors).toBeUndefined();
    meeting = res.data!.scheduleHearing.id;
    expect(res.data!.scheduleHearing).toMatchObject({ localStart: '2026-03-27T10:00:00+01:00', localEnd: '2026-03-27T17:00:00+01:00' });
    // Europe moves to summer time on Sunday 29 March 2026: the same UTC hour is an hour later in Berlin.
    const moved = await w.t.gql(
      RESCHEDULE,
      {
        input: {
          hearingId: meeting,
          startsAt: '2026-03-30T09:00:00Z',
          endsAt: '2026-03-30T16:00:00Z',
          reason: 'Interpretation unavailable on Friday',
        },
      },
      w.tok(w.sec),
    );
    expect(moved.data!.rescheduleHearing).toMatchObject({
      startsAt: '2026-03-30T09:00:00.000Z',
      localStart: '2026-03-30T11:00:00+02:00',
      localEnd: '2026-03-30T18:00:00+02:00',
      sequence: 1,
    });
    // China keeps one offset all year.
    const tp = await w.t.gql(
      SCHEDULE,
      {
        input: {
          disputeId,
          kind: 'THIRD_PARTY_SESSION',
          startsAt: '2026-03-28T23:30:00Z',
          endsAt: '2026-03-29T02:30:00Z',
          timeZone: 'Asia/Shanghai',
          roomId: null,
          virtualLink: 'https://meet.example.org/ds-tp',
        },
      },
      w.tok(w.panelists.A),
    );
    expect(tp.errors).toBeUndefined();
    session = tp.data!.scheduleHearing.id;
    expect(tp.data!.scheduleHearing).toMatchObject({ localStart: '2026-03-29T07:30:00+08:00', localEnd: '2026-03-29T10:30:00+08:00' });
    expect(
      tp.data!.scheduleHearing.participants.filter((p: { kind: string }) => p.kind === 'THIRD_PARTY').map((p: { name: string }) => p.name),
    ).toEqual(['Member KAZ (KAZ)']);
    // One instant, two zones, on either side of Berlin's change.
    const shown = await w.t.gql(
      `query($id: ID!) { hearing(id: $id) { startsAt localStart timeZone } }`,
      { id: session },
      w.tok(w.delegates.KAZ),
    );
    expect(shown.data!.hearing).toEqual({
      startsAt: '2026-03-28T23:30:00.000Z',
      localStart: '2026-03-29T07:30:00+08:00',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('opens a hearing to the public only when every party consented, and closes it when one withdraws', async () => {
    const OPEN = `mutation($id: ID!, $p: Boolean!) { setHearingPublic(input: { hearingId: $id, public: $p }) { publicObservation } }`;
    const CONSENT = `mutation($id: ID!, $c: Boolean!) { recordObservationConsent(input: { hearingId: $id, consent: $c }) { publicObservation observationConsents { memberId consent } } }`;
    const refused = await w.t.gql(OPEN, { id: meeting, p: true }, w.tok(w.sec));
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', domainCode: 'CONSENT_MISSING', missing: ['CHN', 'PAK'] });
    expect((await w.t.gql(CONSENT, { id: meeting, c: true }, w.tok(w.delegates.CHN))).errors).toBeUndefined();
    expect((await w.t.gql(CONSENT, { id: meeting, c: false }, w.tok(w.delegates.PAK))).errors).toBeUndefined();
    expect((await w.t.gql(OPEN, { id: meeting, p: true }, w.tok(w.panelists.A))).errors![0].extensions.missing).toEqual(['PAK']);
    // A third party is not asked about the parties' meeting; a panelist elsewhere opens nothing.
    expect((await w.t.gql(CONSENT, { id: meeting, c: true }, w.tok(w.delegates.KAZ))).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await w.t.gql(OPEN, { id: meeting, p: true }, w.tok(w.panelists.D))).errors![0].extensions.code).toBe('FORBIDDEN');
    const consented = await w.t.gql(CONSENT, { id: meeting, c: true }, w.tok(w.delegates.PAK));
    expect(consented.data!.recordObservationConsent.observationConsents).toHaveLength(2);
    expect((await w.t.gql(OPEN, { id: meeting, p: true }, w.tok(w.panelists.A))).data!.setHearingPublic.publicObservation).toBe(true);
    // Anyone sees a public hearing, without its session link.
    const anon = await w.t.gql(`query($id: ID!) { hearing(id: $id) { kind virtualLink room { name } } }`, { id: meeting });
    expect(anon.data!.hearing).toEqual({ kind: 'FIRST_SUBSTANTIVE_MEETING', virtualLink: null, room: { name: 'Room E' } });
    // Signed in is not taking part: a delegate of an unrelated member, a panelist of another
    // panel and a third party to the dispute (not in the parties' meeting) see it as the public does.
    const link = async (token?: string, id = meeting) =>
      (
        await w.t.gql(
          `query($id: ID!) { hearing(id: $id) { virtualLink } hearings(first: 50, filter: { disputeId: "${disputeId}" }) { nodes { id virtualLink } } }`,
          { id },
          token,
        )
      ).data!;
    for (const outsider of [w.delegates.IDN, w.panelists.D, w.delegates.KAZ]) {
      const seen = await link(w.tok(outsider));
      expect(seen.hearing.virtualLink).toBeNull();
      expect(seen.hearings.nodes.find((n: { id: string }) => n.id === meeting).virtualLink).toBeNull();
    }
    // The participants and the secretariat have it, in the single view and in the list.
    for (const insider of [w.delegates.CHN, w.delegates.PAK, w.panelists.A, w.sec]) {
      const seen = await link(w.tok(insider));
      expect(seen.hearing.virtualLink).toBe('https://meet.example.org/ds-first');
      expect(seen.hearings.nodes.find((n: { id: string }) => n.id === meeting).virtualLink).toBe('https://meet.example.org/ds-first');
    }
    // The third party takes part in its own session, and has that link.
    expect((await link(w.tok(w.delegates.KAZ), session)).hearing.virtualLink).toBe('https://meet.example.org/ds-tp');
    expect((await w.t.gql(`query($id: ID!) { hearing(id: $id) { id } }`, { id: session })).errors![0].extensions.code).toBe('NOT_FOUND');
    const publicFeed = await feed('/calendar/public.ics');
    expect(publicFeed.map((e) => e.uid)).toEqual([`${meeting}@dispute-body`]);
    expect(publicFeed[0].location).toBe('Room E, Centre William Rappard');
    // Withdrawal closes it at once, on the docket.
    const withdrawn = await w.t.gql(CONSENT, { id: meeting, c: false }, w.tok(w.delegates.CHN));
    expect(withdrawn.data!.recordObservationConsent.publicObservation).toBe(false);
    expect(await feed('/calendar/public.ics')).toEqual([]);
    const docket = (
      await w.t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind } } } }`, { id: disputeId })
    ).data!.dispute.docket.nodes.map((n: { kind: string }) => n.kind);
    expect(docket).toEqual(expect.arrayContaining(['observationConsent', 'hearingOpenedToPublic', 'hearingClosedToPublic']));
  });

  it('serves each participant an iCalendar feed at a secret address, updated in place', async () => {
    const URL = `mutation { calendarFeedUrl }`;
    const chnUrl = (await w.t.gql(URL, {}, w.tok(w.delegates.CHN))).data!.calendarFeedUrl as string;
    expect(chnUrl).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // The parties attend the third-party session too (Appendix 3 ¶6).
    let events = await feed(chnUrl);
    expect(events.map((e) => e.uid).sort()).toEqual([`${meeting}@dispute-body`, `${session}@dispute-body`].sort());
    const first = events.find((e) => e.uid === `${meeting}@dispute-body`)!;
    expect(first).toMatchObject({ sequence: 1, status: 'CONFIRMED', start: '2026-03-30T09:00:00.000Z', end: '2026-03-30T16:00:00.000Z' });
    expect(first.summary).toMatch(/^DS\d+ first substantive meeting$/);
    expect(first.location).toBe('Room E, Centre William Rappard / https://meet.example.org/ds-first');
    // The third party sees its own session only; a panelist sees both.
    const kazUrl = (await w.t.gql(URL, {}, w.tok(w.delegates.KAZ))).data!.calendarFeedUrl as string;
    expect((await feed(kazUrl)).map((e) => e.uid)).toEqual([`${session}@dispute-body`]);
    const clara = (await w.t.gql(URL, {}, w.tok(w.panelists.C))).data!.calendarFeedUrl as string;
    expect((await feed(clara)).map((e) => e.uid).sort()).toEqual([`${meeting}@dispute-body`, `${session}@dispute-body`].sort());
    // Cancelled: the same UID, a higher SEQUENCE, STATUS:CANCELLED.
    expect(
      (await w.t.gql(CANCEL, { input: { hearingId: meeting, reason: 'The parties asked for more time' } }, w.tok(w.sec))).errors,
    ).toBeUndefined();
    events = await feed(chnUrl);
    expect(events.find((e) => e.uid === `${meeting}@dispute-body`)).toMatchObject({ sequence: 2, status: 'CANCELLED' });
    expect(events.find((e) => e.uid === `${session}@dispute-body`)).toMatchObject({ sequence: 0, status: 'CONFIRMED' });
    // A new address retires the old one; a made-up one answers 404.
    const rotated = (await w.t.gql(URL, {}, w.tok(w.delegates.CHN))).data!.calendarFeedUrl as string;
    expect(rotated).not.toBe(chnUrl);
    await w.t.http().get(chnUrl).expect(404);
    await w.t.http().get('/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics').expect(404);
    await feed(rotated);
  });

  it('serves a HEARING notice on every participant of each change, serving its docket entry', async () => {
    const rows = await w.t.db.query(
      `SELECT n.kind, n.mandatory, n.category, n.payload, d.kind AS entry_kind
         FROM notices n JOIN docket_entries d ON d.id = n.docket_entry_id
        WHERE n.kind IN ('hearingScheduled', 'hearingRescheduled', 'hearingCancelled')`,
    );
    // Meeting: scheduled, rescheduled, cancelled to 3 panelists + 2 parties; session: 3 + 2 + KAZ.
    expect(rows).toHaveLength(3 * 5 + 6);
    const kinds: Record<string, number> = {};
    for (const row of rows) kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
    expect(kinds).toEqual({ hearingCancelled: 5, hearingRescheduled: 5, hearingScheduled: 11 });
    for (const row of rows) {
      expect(row).toMatchObject({ mandatory: true, category: 'HEARING' });
      expect(row.entry_kind).toBe(
        { hearingScheduled: 'scheduleHearing', hearingRescheduled: 'rescheduleHearing', hearingCancelled: 'cancelHearing' }[
          row.kind as string
        ],
      );
      expect(Object.keys(row.payload.dates).sort()).toEqual(['endsAt', 'startsAt']);
      expect(row.payload.lines[0]).toContain('{startsAt}');
    }
    // The docket's own notices leave these entries to the hearings: nobody is served twice.
    const twice = await w.t.db.query(
      `SELECT n.docket_entry_id, n.recipient_user_id FROM notices n JOIN docket_entries d ON d.id = n.docket_entry_id
        WHERE d.kind IN ('scheduleHearing', 'rescheduleHearing', 'cancelHearing')
        GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
  });

  it('records attendance once the hearing has begun', async () => {
    const RECORD = `mutation($id: ID!, $a: [ID!]!) { recordAttendance(hearingId: $id, attendees: $a) { participants { refId attended } } }`;
    const early = await w.t.gql(RECORD, { id: session, a: [w.persons.A.id] }, w.tok(w.sec));
    expect(early.errors![0].extensions.code).toBe('NOT_YET_ALLOWED');
    w.t.clock.set('2026-03-29T01:00:00Z');
    const res = await w.t.gql(RECORD, { id: session, a: [w.persons.A.id, w.persons.B.id, w.members.KAZ.id] }, w.tok(w.panelists.A));
    expect(res.errors).toBeUndefined();
    const attended = res
      .data!.recordAttendance.participants.filter((p: { attended: boolean }) => p.attended)
      .map((p: { refId: string }) => p.refId)
      .sort();
    expect(attended).toEqual([w.persons.A.id, w.persons.B.id, w.members.KAZ.id].sort());
  });

  it('files the record of a closed hearing as a restricted document of the dispute', async () => {
    const FILE = `mutation($input: FileHearingRecordInput!) { fileHearingRecord(input: $input) { id classification kind } }`;
    const input = {
      hearingId: session,
      title: 'Minutes of the third-party session',
      fileName: 'minutes.txt',
      mediaType: 'text/plain',
      content: Buffer.from('minutes').toString('base64'),
    };
    expect((await w.t.gql(FILE, { input }, w.tok(w.panelists.D))).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await w.t.gql(FILE, { input }, w.tok(w.delegates.CHN))).errors![0].extensions.code).toBe('FORBIDDEN');
    const publicRefused = await w.t.gql(FILE, { input: { ...input, public: true } }, w.tok(w.panelists.A));
    expect(publicRefused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'CLOSED_HEARING' });
    const filed = await w.t.gql(FILE, { input }, w.tok(w.panelists.A));
    expect(filed.data!.fileHearingRecord).toMatchObject({ classification: 'RESTRICTED', kind: 'HEARING_RECORD' });
    const id = filed.data!.fileHearingRecord.id;
    const RECORDS = `query($id: ID!) { hearing(id: $id) { records { id title } } }`;
    expect((await w.t.gql(RECORDS, { id: session }, w.tok(w.delegates.CHN))).data!.hearing.records).toEqual([{ id, title: input.title }]);
    expect((await w.t.gql(`query($id: ID!) { document(id: $id) { id } }`, { id })).errors![0].extensions.code).toBe('NOT_FOUND');
    const docket = (await w.t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind text } } } }`, { id: disputeId }))
      .data!.dispute.docket.nodes;
    const entry = docket.find((n: { kind: string }) => n.kind === 'fileHearingRecord');
    expect(entry.text).not.toContain(input.title);
    expect(docket.map((n: { kind: string }) => n.kind)).toContain('recordAttendance');
  });

  it('adopts the Appendix 3 timetable, fixing it in the procedure; flags missed steps', async () => {
    const proposal = await w.t.gql(
      `query($id: ID!) { proposedTimetable(disputeId: $id, startDate: "2026-03-30") { kind dueDate paragraph } }`,
      { id: disputeId },
    );
    expect(proposal.data!.proposedTimetable[0]).toEqual({
      kind: 'FIRST_SUBMISSION_COMPLAINANT',
      dueDate: '2026-04-20',
      paragraph: '¶12(a)',
    });
    const ADOPT = `mutation($input: AdoptTimetableInput!) { adoptTimetable(input: $input) { id kind dueDate status } }`;
    const input = { disputeId, startDate: '2026-03-30', steps: [{ kind: 'FIRST_SUBMISSION_COMPLAINANT', dueDate: '2026-04-15' }] };
    expect((await w.t.gql(ADOPT, { input }, w.tok(w.sec))).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await w.t.gql(ADOPT, { input }, w.tok(w.panelists.D))).errors![0].extensions.code).toBe('FORBIDDEN');
    const bad = await w.t.gql(ADOPT, { input: { ...input, steps: [{ kind: 'REBUTTALS', dueDate: '2026-04-01' }] } }, w.tok(w.panelists.B));
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'STEPS_OUT_OF_ORDER' });
    const adopted = await w.t.gql(ADOPT, { input }, w.tok(w.panelists.B));
    expect(adopted.errors).toBeUndefined();
    const steps = adopted.data!.adoptTimetable;
    expect(steps).toHaveLength(13);
    expect(steps[0]).toMatchObject({ kind: 'FIRST_SUBMISSION_COMPLAINANT', dueDate: '2026-04-15', status: 'OPEN' });
    const stage = await w.t.gql(`query($id: ID!) { dispute(id: $id) { stage timetable { kind } } }`, { id: disputeId });
    expect(stage.data!.dispute.stage).toBe('PANEL_PROCEEDINGS');
    expect(stage.data!.dispute.timetable).toHaveLength(13);
    expect((await w.t.gql(ADOPT, { input }, w.tok(w.panelists.B))).errors![0].extensions.code).toBe('INVALID_TRANSITION');
    // The complainant files on time; the respondent's date passes.
    const met = await w.t.gql(`mutation($id: ID!) { completeTimetableStep(id: $id) { status } }`, { id: steps[0].id }, w.tok(w.sec));
    expect(met.data!.completeTimetableStep.status).toBe('MET');
    expect(steps[1]).toMatchObject({ kind: 'FIRST_SUBMISSION_RESPONDENT', dueDate: '2026-05-04' });
    w.t.clock.set('2026-05-06T00:00:00Z');
    // The steps are deadlines of the procedure: the worker's sweep flags the missed one.
    const sweeper = w.t.app.get(ProcedureSweeper);
    expect((await sweeper.sweep()).expired).toBeGreaterThanOrEqual(1);
    expect((await sweeper.sweep()).expired).toBe(0); // nothing twice
    const missed = await w.t.gql(`{ timetableSteps(status: MISSED) { kind dueDate status } }`);
    expect(missed.data!.timetableSteps).toEqual([{ kind: 'FIRST_SUBMISSION_RESPONDENT', dueDate: steps[1].dueDate, status: 'MISSED' }]);
    const listed = await w.t.gql(
      `query($id: ID!) { deadlines(first: 100, filter: { disputeId: $id, rule: TIMETABLE_FIRST_SUBMISSION_RESPONDENT }) { nodes { status dueDate article } } }`,
      { id: disputeId },
    );
    expect(listed.data!.deadlines.nodes).toEqual([{ status: 'MISSED', dueDate: steps[1].dueDate, article: 'DSU 12.3; Appendix 3 ¶12(a)' }]);
  });

  it('holds the substantive meetings before the interim report: by attendance, by the panel, or not at all with reasons (Appendix 3 ¶12)', async () => {
    const chair = () => w.tok(w.panelists.A);
    const act = (token: string, action: string, extra: Record<string, unknown> = {}) =>
      w.t.gql(TAKE_ACTION, { id: disputeId, action, ...extra }, token);
    const view = async () =>
      (
        await w.t.gql(
          `query($id: ID!) { dispute(id: $id) { allowedActions { now { action } } timetable { id kind dueDate status } deadlines { rule dueDate status } } }`,
          { id: disputeId },
          chair(),
        )
      ).data!.dispute as {
        allowedActions: { now: { action: string }[] };
        timetable: { id: string; kind: string; dueDate: string; status: string }[];
        deadlines: { rule: string; dueDate: string; status: string }[];
      };
    const step = async (kind: string) => (await view()).timetable.find((s) => s.kind === kind)!;
    // The descriptive part issued, as the rulings step leaves it (e2e/rulings drive that step).
    await w.t.db.query(`UPDATE disputes SET events = events || '{"DESCRIPTIVE_PART_ISSUED": "2026-05-06"}' WHERE id = $1`, [disputeId]);
    const actions = async () => (await view()).allowedActions.now.map((a) => a.action);
    // The panel's interim report approved 2 of 3 (DSU 14): it still waits for the meetings.
    const licensing = {
      measure: 'Licensing',
      provision: 'GATT Art. XI',
      finding: 'INCONSISTENT',
      reasoning: 'A quantitative restriction.',
      recommendation: 'Bring it into conformity.',
    };
    const draft = await w.t.gql(
      SUBMIT,
      { input: { disputeId, version: 'INTERIM_REPORT', findings: [licensing], ...file('Interim report') } },
      chair(),
    );
    expect(draft.errors).toBeUndefined();
    for (const p of [w.panelists.A, w.panelists.B])
      expect((await w.t.gql(VOTE, { r: draft.data!.submitReport.id, a: true }, w.tok(p))).errors).toBeUndefined();
    let now = await actions();
    expect(now).toEqual(expect.arrayContaining(['holdFirstMeeting', 'dispenseWithFirstMeeting', 'adjustTimetable']));
    expect(now).not.toContain('issueInterimReport');
    expect(now).not.toContain('holdSecondMeeting');
    const second = await act(chair(), 'holdSecondMeeting');
    expect(second.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    expect(second.errors![0].message).toMatch(/first substantive meeting comes first/);

    // The first substantive meeting, on its day of the timetable: recording who attended records it held.
    const first = await step('FIRST_SUBSTANTIVE_MEETING');
    expect(first.status).toBe('OPEN');
    const scheduled = await w.t.gql(
      SCHEDULE,
      {
        input: {
          disputeId,
          kind: 'FIRST_SUBSTANTIVE_MEETING',
          startsAt: `${first.dueDate}T08:00:00Z`,
          endsAt: `${first.dueDate}T12:00:00Z`,
          timeZone: 'Europe/Zurich',
          roomId: room,
        },
      },
      chair(),
    );
    expect(scheduled.errors).toBeUndefined();
    w.t.clock.set(`${first.dueDate}T11:00:00Z`);
    const RECORD = `mutation($id: ID!, $a: [ID!]!) { recordAttendance(hearingId: $id, attendees: $a) { id } }`;
    const attendees = [w.persons.A.id, w.persons.B.id, w.persons.C.id, w.members.CHN.id, w.members.PAK.id];
    expect((await w.t.gql(RECORD, { id: scheduled.data!.scheduleHearing.id, a: attendees }, chair())).errors).toBeUndefined();
    const after = await view();
    expect(after.timetable.find((s) => s.kind === 'FIRST_SUBSTANTIVE_MEETING')!.status).toBe('MET');
    expect(after.deadlines.find((d) => d.rule === 'TIMETABLE_THIRD_PARTY_SESSION')!.status).toBe('MET');
    const docket = async () =>
      (await w.t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind actorRole text } } } }`, { id: disputeId }))
        .data!.dispute.docket.nodes as { kind: string; actorRole: string; text: string }[];
    expect((await docket()).filter((n) => n.kind === 'holdFirstMeeting')).toEqual([
      { kind: 'holdFirstMeeting', actorRole: 'PANEL', text: 'The panel held its first substantive meeting with the parties.' },
    ]);
    expect((await act(chair(), 'holdFirstMeeting')).errors![0].message).toMatch(/already recorded/);

    // The second meeting is not held: the panel's decision, with its reasons, and the panel's only.
    expect((await act(w.tok(w.delegates.CHN), 'dispenseWithSecondMeeting', { note: 'Not needed' })).errors![0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await act(w.tok(w.sec), 'dispenseWithSecondMeeting', { note: 'Not needed' })).errors![0].extensions.code).toBe('FORBIDDEN');
    const unreasoned = await act(chair(), 'dispenseWithSecondMeeting');
    expect(unreasoned.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    expect(unreasoned.errors![0].message).toMatch(/needs its reasons/);
    const reasons = 'The rebuttals raise no new issue and both parties asked the panel to proceed without a second meeting.';
    expect((await act(chair(), 'dispenseWithSecondMeeting', { note: reasons })).errors).toBeUndefined();
    expect((await step('SECOND_SUBSTANTIVE_MEETING')).status).toBe('SUPERSEDED');
    expect((await docket()).at(-1)).toEqual({
      kind: 'dispenseWithSecondMeeting',
      actorRole: 'PANEL',
      text: `The panel decided not to hold the second substantive meeting. ${reasons}`,
    });
    now = await actions();
    expect(now).toContain('issueInterimReport');
    expect(now).not.toContain('holdSecondMeeting');
  });

  it('lets the panel move a step of its timetable still to come, and shows the new date', async () => {
    const chair = () => w.tok(w.panelists.A);
    const move = (token: string, rule: string, until: string) =>
      w.t.gql(TAKE_ACTION, { id: disputeId, action: 'adjustTimetable', extension: { rule, until } }, token);
    const timetable = async () =>
      (await w.t.gql(`query($id: ID!) { dispute(id: $id) { timetable { kind dueDate status } } }`, { id: disputeId })).data!.dispute
        .timetable as { kind: string; dueDate: string; status: string }[];
    const interim = (await timetable()).find((s) => s.kind === 'INTERIM_REPORT')!;
    const later = new Date(Date.parse(`${interim.dueDate}T00:00:00Z`) + 14 * DAY).toISOString().slice(0, 10);
    expect((await move(w.tok(w.delegates.CHN), 'TIMETABLE_INTERIM_REPORT', later)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await move(chair(), 'TIMETABLE_INTERIM_REPORT', '2026-01-05')).errors![0].message).toMatch(/cannot be moved into the past/);
    expect((await move(chair(), 'TIMETABLE_FIRST_SUBSTANTIVE_MEETING', later)).errors![0].message).toMatch(/not running/);
    expect((await move(chair(), 'PANEL_REPORT', later)).errors![0].message).toMatch(/not a step of the panel's timetable/);
    const moved = await move(chair(), 'TIMETABLE_INTERIM_REPORT', later);
    expect(moved.errors).toBeUndefined();
    expect((await timetable()).find((s) => s.kind === 'INTERIM_REPORT')).toEqual({
      kind: 'INTERIM_REPORT',
      dueDate: later,
      status: 'OPEN',
    });
    const rows = await w.t.db.query(
      `SELECT due_date::text AS due, status FROM deadlines WHERE dispute_id = $1 AND rule = 'TIMETABLE_INTERIM_REPORT' ORDER BY opened_at`,
      [disputeId],
    );
    expect(rows).toEqual([
      { due: interim.dueDate, status: 'EXTENDED' },
      { due: later, status: 'OPEN' },
    ]);
    const [last] = (
      await w.t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind actorRole text } } } }`, { id: disputeId })
    ).data!.dispute.docket.nodes.slice(-1);
    expect(last).toMatchObject({ kind: 'adjustTimetable', actorRole: 'PANEL' });
    expect(last.text).toContain(later);
  });

  it('still refuses hearings for a stranger, and keeps the fields every hearing has', async () => {
    const res = await w.t.gql(`query($id: ID!) { hearing(id: $id) { ${HEARING_FIELDS} } }`, { id: session }, w.tok(w.delegates.IDN));
    expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
  });
});
