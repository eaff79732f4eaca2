import { UserEntity } from '@app/core';
import { ProcedureSweeper } from '@app/registry';
import { createMember, createUser } from '../utils/factories';
import { meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

const ACT = `mutation($input: TakeActionInput!) { takeAction(input: $input) { stage } }`;

describe('implementation and compliance: intentions, the reasonable period, status reports, compliance', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  const tok = (who: string) => t.tokenFor(users[who]);
  let id: string;
  const act = (who: string, action: string, extra: Record<string, unknown> = {}) =>
    t.gql(ACT, { input: { disputeId: id, action, ...extra } }, tok(who));
  const rows = async (rule: string) =>
    (await t.db.query(
      'SELECT due_date::text AS due, status FROM deadlines WHERE dispute_id = $1 AND rule = $2 ORDER BY opened_at, due_date',
      [id, rule],
    )) as { due: string; status: string }[];

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-01-05T09:00:00Z' });
    for (const code of ['CHN', 'PAK']) {
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: (await createMember(t.db, { code, name: code })).id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "T", measures: ["M"],
      legalBasis: ["L"], summary: "S" }) { id } }`,
      {},
      tok('CHN'),
    );
    id = filed.data!.requestConsultations.id;
    // An adopted report, as the rulings steps leave it (e2e/rulings drive those steps).
    await t.db.query(`UPDATE disputes SET stage = 'ADOPTED', events = '{"REPORT_ADOPTED": "2026-01-05"}' WHERE id = $1`, [id]);
    await t.db.query(`UPDATE deadlines SET status = 'SUPERSEDED' WHERE dispute_id = $1`, [id]);
    await t.db.query(
      `INSERT INTO deadlines (dispute_id, rule, base_date, due_date, status, opened_at) VALUES
       ($1, 'RPT_INTENTIONS', '2026-02-04', '2026-02-04', 'OPEN', $2), ($1, 'RPT_AGREEMENT', '2026-02-19', '2026-02-19', 'OPEN', $2)`,
      [id, '2026-01-05T09:00:00Z'],
    );
  });
  afterAll(() => t.close());

  it('goes from intentions to a fixed reasonable period under surveillance (DSU 21.3, 21.6)', async () => {
    expect((await act('CHN', 'stateImplementationIntentions')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await act('PAK', 'stateImplementationIntentions')).data!.takeAction.stage).toBe('RPT_DETERMINATION');
    const noDate = await act('SEC', 'agreeRpt');
    expect(noDate.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    const fixed = await act('SEC', 'agreeRpt', { rptEndsOn: '2026-12-31' });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data!.takeAction.stage).toBe('IMPLEMENTATION_SURVEILLANCE');
    expect((await rows('SURVEILLANCE_AGENDA'))[0].due).toBe('2026-07-05');
  });

  it('makes a status report due 10 days before each meeting from six months on, and flags a missed one', async () => {
    const schedule = (day: string) =>
      t.gql(`mutation($d: LocalDate!) { scheduleBodyMeeting(heldOn: $d) { heldOn statusReportsDue } }`, { d: day }, tok('SEC'));
    // Before six months: the case is not yet on the agenda.
    expect((await schedule('2026-03-20')).data!.scheduleBodyMeeting.statusReportsDue).toBe(0);
    expect((await schedule('2026-07-20')).data!.scheduleBodyMeeting.statusReportsDue).toBe(1);
    expect(await rows('STATUS_REPORT_NOTICE')).toEqual([{ due: '2026-07-10', status: 'OPEN' }]);
    expect((await schedule('2026-07-20')).errors![0].extensions.code).toBe('CONFLICT');
    expect(
      (await t.gql(`mutation { scheduleBodyMeeting(heldOn: "2026-08-01") { heldOn } }`, {}, tok('CHN'))).errors![0].extensions.code,
    ).toBe('FORBIDDEN');

    t.clock.set('2026-07-11T00:00:01Z');
    await t.app.get(ProcedureSweeper).sweep();
    expect(await rows('STATUS_REPORT_NOTICE')).toEqual([{ due: '2026-07-10', status: 'MISSED' }]);
    const docket = await t.db.query(`SELECT kind FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`, [id]);
    expect(docket[0].kind).toBe('deadlineMissed');
  });

  it('takes status reports only from the member concerned, meeting the next one', async () => {
    expect(
      (await t.gql(`mutation($d: LocalDate!) { scheduleBodyMeeting(heldOn: $d) { statusReportsDue } }`, { d: '2026-09-21' }, tok('SEC')))
        .data!.scheduleBodyMeeting.statusReportsDue,
    ).toBe(1);
    expect((await act('CHN', 'fileStatusReport')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await act('PAK', 'fileStatusReport')).errors).toBeUndefined();
    expect(await rows('STATUS_REPORT_NOTICE')).toEqual([
      { due: '2026-07-10', status: 'MISSED' },
      { due: '2026-09-11', status: 'MET' },
    ]);
  });

  it('refuses compensation before the reasonable period ends, naming the day it may be asked (DSU 22.2)', async () => {
    const res = await act('CHN', 'requestCompensation');
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: '2027-01-01' });
    expect(res.errors![0].message).toMatch(/ends on 2026-12-31/);
    const page = await t.gql(
      `query($id: ID!) { dispute(id: $id) { stage allowedActions { now { action mutation } later { action mutation allowedFrom } } } }`,
      { id },
      tok('CHN'),
    );
    expect(page.data!.dispute.stage).toBe('IMPLEMENTATION_SURVEILLANCE');
    expect(page.data!.dispute.allowedActions.now).not.toContainEqual(expect.objectContaining({ action: 'requestCompensation' }));
    expect(page.data!.dispute.allowedActions.later).toContainEqual({
      action: 'requestCompensation',
      mutation: 'takeAction',
      allowedFrom: '2027-01-01',
    });
  });

  it('closes the case when the body finds compliance, at a meeting with a quorum', async () => {
    expect((await act('PAK', 'declareCompliance')).errors![0].extensions.code).toBe('FORBIDDEN');
    const noMeeting = await act('SEC', 'declareCompliance');
    expect(noMeeting.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    expect(noMeeting.errors![0].message).toMatch(/decision of the body.*meetingId/);
    // The meeting of 21 September, scheduled in July: held today, its attendance not yet recorded.
    t.clock.set('2026-09-21T10:00:00Z');
    const [meeting] = (await t.gql(`{ bodyMeetings(from: "2026-09-21", to: "2026-09-21") { id heldOn convenedOn presentMembers } }`)).data!
      .bodyMeetings;
    expect(meeting).toMatchObject({ heldOn: '2026-09-21', convenedOn: '2026-07-11', presentMembers: null });
    const unattended = await act('SEC', 'declareCompliance', { meetingId: meeting.id });
    expect(unattended.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    expect(unattended.errors![0].message).toMatch(/recordMeetingAttendance/);
    const attendance = await t.gql(
      `mutation($m: ID!) { recordMeetingAttendance(meetingId: $m, presentMembers: ["chn", "PAK"]) { presentMembers } }`,
      { m: meeting.id },
      tok('SEC'),
    );
    expect(attendance.data!.recordMeetingAttendance.presentMembers).toEqual(['CHN', 'PAK']);
    expect((await act('SEC', 'declareCompliance', { meetingId: meeting.id })).data!.takeAction.stage).toBe('COMPLIED');
    const statuses = await t.db.query(`SELECT rule, status FROM deadlines WHERE dispute_id = $1 ORDER BY rule`, [id]);
    expect(statuses.filter((r: { status: string }) => r.status === 'OPEN')).toEqual([]);
    // The reasonable period (to 31 December) had not run out: complied with, not missed.
    expect(statuses).toContainEqual({ rule: 'IMPLEMENTATION_PERIOD', status: 'MET' });
    const [last] = await t.db.query(`SELECT kind, actor_role, text FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`, [
      id,
    ]);
    expect(last).toMatchObject({ kind: 'declareCompliance', actor_role: 'BODY' });
    expect(last.text).toMatch(/Meeting of the body of 2026-09-21, 2 of 2 members present/);
  });

  it("opens the compliance panel's 90 days only when the body refers the matter (DSU 21.5)", async () => {
    t.clock.set('2026-10-05T09:00:00Z');
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Compliance", measures: ["M"],
      legalBasis: ["L"], summary: "S" }) { id } }`,
      {},
      tok('CHN'),
    );
    const other = filed.data!.requestConsultations.id;
    await t.db.query(`UPDATE disputes SET stage = 'ADOPTED', events = '{"REPORT_ADOPTED": "2026-10-05"}' WHERE id = $1`, [other]);
    await t.db.query(`UPDATE deadlines SET status = 'SUPERSEDED' WHERE dispute_id = $1`, [other]);
    const step = (who: string, action: string, extra: Record<string, unknown> = {}) =>
      t.gql(ACT, { input: { disputeId: other, action, ...extra } }, tok(who));
    const rowsOf = async (rule: string) =>
      (await t.db.query('SELECT due_date::text AS due, status FROM deadlines WHERE dispute_id = $1 AND rule = $2', [other, rule])) as {
        due: string;
        status: string;
      }[];
    expect((await step('SEC', 'agreeRpt', { rptEndsOn: '2026-10-31' })).errors).toBeUndefined();
    expect((await step('CHN', 'requestComplianceReview')).data!.takeAction.stage).toBe('COMPLIANCE_REVIEW');
    expect(await rowsOf('COMPLIANCE_REPORT')).toEqual([]);
    // The referral is the body's decision: not a party's, and only at a meeting.
    expect((await step('CHN', 'referComplianceReview')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await step('SEC', 'referComplianceReview')).errors![0].message).toMatch(/meetingId/);
    t.clock.set('2026-10-12T09:00:00Z');
    const meetingId = await meetingToday(t);
    const referred = await step('SEC', 'referComplianceReview', { meetingId });
    expect(referred.errors).toBeUndefined();
    expect(referred.data!.takeAction.stage).toBe('COMPLIANCE_REVIEW');
    expect(await rowsOf('COMPLIANCE_REPORT')).toEqual([{ due: '2027-01-10', status: 'OPEN' }]);
    const again = await step('SEC', 'referComplianceReview', { meetingId });
    expect(again.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    const [last] = await t.db.query(`SELECT kind, actor_role FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`, [other]);
    expect(last).toEqual({ kind: 'referComplianceReview', actor_role: 'BODY' });
  });
});
