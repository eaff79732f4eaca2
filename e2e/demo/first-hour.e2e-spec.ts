import { CommandRunner, UserEntity } from '@app/core';
import { DisputesService } from '@app/registry';
import { DataSource } from 'typeorm';
import { loadDemoDataIfEmpty } from '../../apps/api/src/demo/demo-data';
import { addDemoPresent } from '../../apps/api/src/demo/demo-live';
import { TAKE_ACTION } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

// README.md, "The first hour", "A case in the sandbox, from consultations to an adopted report",
// step by step on what `npm run sandbox` serves (the demo registry, SANDBOX=true): the same
// mutations, by the same demo users, with advanceClock for every wait. The test's `it` titles are
// the README's step numbers: change one, change the other. The registrar's second factor is left
// out (README, "Try it with curl"); every other user signs in with the demo password.

const START = '2026-03-02T09:00:00Z';
const DAY = 86_400_000;
const MEASURES = ['Import licensing of fruit'];
const PROVISIONS = ['GATT Art. XI:1'];

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;
const REQUEST = `mutation($m: [String!]!, $l: [String!]!) { requestConsultations(input: { respondents: ["PAK"], title: "Import licensing of fruit",
  measures: $m, legalBasis: $l, summary: "Licences for fruit imports are not granted." }) { id docketNumber stage } }`;
const ADVANCE = `mutation($to: DateTime!) { advanceClock(to: $to) { instant banner } }`;
const SCHEDULE = `mutation($heldOn: LocalDate!) { scheduleBodyMeeting(heldOn: $heldOn) { id heldOn convenedOn } }`;
const ATTENDANCE = `mutation($m: ID!, $p: [String!]!) { recordMeetingAttendance(meetingId: $m, presentMembers: $p) { id presentMembers } }`;
const MEMBERS = `{ members(first: 50) { nodes { code status } } }`;
const OPEN = `mutation($d: ID!, $o: DateTime!, $c: DateTime!) { openElection(input: { disputeId: $d, opensAt: $o, closesAt: $c }) {
  id status seats candidates { id name nationality } } }`;
const ACCOUNTS = `{ nominations(first: 100, status: APPROVED) { nodes { id name panelistUser { email } } } }`;
const BALLOT = `mutation($e: ID!, $r: [ID!]!) { castBallot(input: { electionId: $e, ranking: $r }) { receipt } }`;
const PANEL = `query($id: ID!) { dispute(id: $id) { stage elections { status } panel { chair person { id name } } } }`;
const TIMETABLE = `mutation($d: ID!) { adoptTimetable(input: { disputeId: $d }) { kind dueDate } }`;
const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`;
const VOTE = `mutation($r: ID!) { voteOnReport(reportId: $r, approve: true) }`;
const ISSUE = `mutation($r: ID!) { issueReport(reportId: $r) { status commentsDueOn } }`;
const CIRCULATE = `mutation($d: ID!) { circulateReport(disputeId: $d) { status circulatedAt } }`;
const DEADLINES = `query($id: ID!) { dispute(id: $id) { deadlines { rule dueDate status } } }`;
const STAGE = `query($id: ID!) { dispute(id: $id) { stage report { adopted } } }`;

const pdf = (text: string) => ({
  title: text,
  fileName: 'doc.pdf',
  mediaType: 'application/pdf',
  content: Buffer.from(text).toString('base64'),
});

describe('README "The first hour": a case in the sandbox, from consultations to an adopted report', () => {
  let t: TestApp;
  let registrar = '';
  const tokens: Record<string, string> = {};
  let id = '';
  let now = START;
  let panelFrom = '';
  let meetingDay = '';
  let docketNumber = '';
  let chair = '';
  let second = '';

  const signIn = async (email: string, password: string) => {
    if (!tokens[email]) {
      const res = await t.gql(LOGIN, { e: email, p: password });
      if (res.errors) throw new Error(`${email}: ${JSON.stringify(res.errors)}`);
      tokens[email] = res.data!.login.accessToken;
    }
    return tokens[email];
  };
  const delegate = (code: string) => signIn(`delegate.${code.toLowerCase()}@demo.dsb`, 'delegate-demo-2026');
  const must = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const act = async (token: string, action: string, extra: Record<string, unknown> = {}) =>
    (await must(token, TAKE_ACTION, { id, action, ...extra })).takeAction.stage as string;
  const advance = async (to: string) => {
    const moved = (await must(registrar, ADVANCE, { to })).advanceClock;
    expect(moved.banner).toMatch(/TRAINING SANDBOX/);
    now = moved.instant;
    return now;
  };
  const stage = async () => (await must(registrar, STAGE, { id })).dispute.stage as string;
  const day = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * DAY).toISOString();

  beforeAll(async () => {
    // What `npm run sandbox` does on an empty database: the demo registry, SANDBOX=true.
    t = await startTestApp({ start: START, env: { SANDBOX: 'true' } });
    expect(await loadDemoDataIfEmpty(t.app.get(DataSource), t.app.get(CommandRunner), t.app.get(DisputesService), 10)).toBe(true);
    await addDemoPresent(t.app);
    // The registrar's second factor is "Try it with curl" (README); here its session is issued
    // directly, as e2e/utils/factories.ts does for the users it makes.
    const user = await t.db.getRepository(UserEntity).findOneByOrFail({ email: 'registrar@demo.dsb' });
    await t.db.query('INSERT INTO sign_ins (id, user_id, created_at) VALUES ($1, $1, now())', [user.id]);
    registrar = t.tokenFor(user);
  }, 120_000);
  afterAll(() => t?.close());

  it('1. China requests consultations with Pakistan', async () => {
    const filed = (await must(await delegate('CHN'), REQUEST, { m: MEASURES, l: PROVISIONS })).requestConsultations;
    id = filed.id;
    docketNumber = filed.docketNumber;
    expect(filed.stage).toBe('CONSULTATIONS_REQUESTED');
  });

  it('2. the registrar circulates the request; Pakistan replies and enters consultations (DSU 4.3, 4.4)', async () => {
    expect(await act(registrar, 'circulateRequest')).toBe('CONSULTATIONS_REQUESTED');
    expect(await act(await delegate('PAK'), 'replyToRequest')).toBe('CONSULTATIONS_REQUESTED');
    expect(await act(await delegate('PAK'), 'enterConsultations')).toBe('IN_CONSULTATIONS');
  });

  it('3. sixty days of consultations (DSU 4.7): advanceClock, then China requests a panel and a meeting of the body', async () => {
    // The limit counts from the request's service on the respondent (README, Notices and service).
    const limits = (await must(await delegate('CHN'), DEADLINES, { id })).dispute.deadlines as { rule: string; dueDate: string }[];
    panelFrom = limits.find((l) => l.rule === 'EARLIEST_PANEL_REQUEST')!.dueDate;
    expect(panelFrom >= '2026-05-01').toBe(true);
    await advance(`${panelFrom}T09:00:00Z`);
    expect(await act(await delegate('CHN'), 'requestPanel')).toBe('PANEL_REQUESTED');
    expect(await act(await delegate('CHN'), 'requestBodyMeeting')).toBe('PANEL_REQUESTED');
  });

  it('4. the registrar convenes the meeting with 10 days notice; on the day, attendance and establishPanel (DSU 6.1)', async () => {
    meetingDay = day(`${panelFrom}T09:00:00Z`, 11).slice(0, 10);
    const meeting = (await must(registrar, SCHEDULE, { heldOn: meetingDay })).scheduleBodyMeeting;
    expect(meeting.convenedOn).toBe(panelFrom);
    await advance(`${meetingDay}T09:00:00Z`);
    const present = ((await must(registrar, MEMBERS)).members.nodes as { code: string; status: string }[])
      .filter((m) => m.status === 'ACTIVE')
      .map((m) => m.code);
    await must(registrar, ATTENDANCE, { m: meeting.id, p: present });
    expect(await act(registrar, 'establishPanel', { meetingId: meeting.id })).toBe('PANEL_ESTABLISHED');
  });

  it('5-6. after the 10 days to agree on five panelists (DSU 8.5), the election: every other member votes; the close composes the panel', async () => {
    const opensAt = await advance(day(`${meetingDay}T09:00:00Z`, 11));
    const closesAt = day(opensAt, 7);
    const election = (await must(registrar, OPEN, { d: id, o: opensAt, c: closesAt })).openElection;
    expect(election.status).toBe('OPEN');
    // Which candidates sign in (the secretariat sees the roster's accounts): the panel must act.
    const accounts = new Map<string, string>();
    for (const n of (await must(registrar, ACCOUNTS)).nominations.nodes as { id: string; panelistUser: { email: string } | null }[]) {
      if (n.panelistUser) accounts.set(n.id, n.panelistUser.email);
    }
    const withAccount = (election.candidates as { id: string }[]).filter((c) => accounts.has(c.id));
    expect(withAccount.length).toBeGreaterThanOrEqual(election.seats);
    const ranking = withAccount.slice(0, election.seats).map((c) => c.id);
    const electors = ((await must(registrar, MEMBERS)).members.nodes as { code: string; status: string }[])
      .filter((m) => m.status === 'ACTIVE' && !['CHN', 'PAK'].includes(m.code))
      .map((m) => m.code);
    for (const code of electors) await must(await delegate(code), BALLOT, { e: election.id, r: ranking });
    // The sandbox's catch-up closes the election at its closing time, as the worker would.
    await advance(day(closesAt, 0.05));
    const composed = (await must(registrar, PANEL, { id })).dispute;
    expect(composed.stage).toBe('PANEL_COMPOSED');
    expect(composed.elections.map((e: { status: string }) => e.status)).toEqual(['CLOSED']);
    const seats = composed.panel as { chair: boolean; person: { id: string } }[];
    chair = await signIn(accounts.get(seats.find((s) => s.chair)!.person.id)!, 'panelist-demo-2026');
    second = await signIn(accounts.get(seats.find((s) => !s.chair)!.person.id)!, 'panelist-demo-2026');
  });

  it('7. the chair adopts the timetable (DSU 12.3)', async () => {
    await must(chair, TIMETABLE, { d: id });
    expect(await stage()).toBe('PANEL_PROCEEDINGS');
  });

  it('8. the parties file their first written submissions', async () => {
    for (const code of ['CHN', 'PAK']) {
      const input = {
        disputeId: id,
        kind: 'FIRST_WRITTEN_SUBMISSION',
        classification: 'RESTRICTED',
        ...pdf(`${code} first written submission`),
      };
      await must(await delegate(code), FILE, { input });
    }
    expect(await stage()).toBe('PANEL_PROCEEDINGS');
  });

  it('9. the panel holds its two substantive meetings', async () => {
    expect(await act(chair, 'holdFirstMeeting')).toBe('PANEL_PROCEEDINGS');
    expect(await act(chair, 'holdSecondMeeting')).toBe('PANEL_PROCEEDINGS');
  });

  const findings = [{ measure: MEASURES[0], provision: PROVISIONS[0], finding: 'INCONSISTENT', reasoning: 'A quantitative restriction.' }];
  const report = async (version: string) => {
    const reportId = (await must(chair, SUBMIT, { input: { disputeId: id, version, findings, ...pdf(version) } })).submitReport.id;
    await must(chair, VOTE, { r: reportId });
    await must(second, VOTE, { r: reportId });
    return (await must(chair, ISSUE, { r: reportId })).issueReport as { commentsDueOn: string | null };
  };

  it('10-11. the descriptive part, then the interim report, voted and issued; the review period passes (DSU 15.1, 15.2)', async () => {
    await must(chair, SUBMIT, { input: { disputeId: id, version: 'DESCRIPTIVE_PART', ...pdf('Descriptive part') } });
    const interim = await report('INTERIM_REPORT');
    expect(await stage()).toBe('INTERIM_REVIEW');
    expect(interim.commentsDueOn).toEqual(expect.any(String));
    // 11. the review period passes.
    await advance(day(`${interim.commentsDueOn}T09:00:00Z`, 1));
  });

  it('12. the final report, voted and issued; the registrar circulates it (DSU 16.1)', async () => {
    await report('FINAL_REPORT');
    const circulated = (await must(registrar, CIRCULATE, { d: id })).circulateReport;
    expect(circulated.circulatedAt).toEqual(expect.any(String));
    expect(await stage()).toBe('REPORT_CIRCULATED');
  });

  it('13. no appeal, no meeting decides: advanceClock past day 60 and the worker adopts the report (DSU 16.4)', async () => {
    await advance(day(now, 61));
    const adopted = (await must(registrar, STAGE, { id })).dispute;
    expect(adopted).toEqual({ stage: 'ADOPTED', report: { adopted: true } });
    const reports = (await t.gql(`{ adoptedReports(first: 100) { nodes { dispute { docketNumber } } } }`)).data!.adoptedReports.nodes;
    expect(reports.map((r: { dispute: { docketNumber: string } }) => r.dispute.docketNumber)).toContain(docketNumber);
  });
});
