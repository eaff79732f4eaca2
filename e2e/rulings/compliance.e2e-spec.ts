import { ProcedureSweeper } from '@app/registry';
import { TAKE_ACTION } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';
import {
  CIRCULATE,
  Case,
  DAY,
  ISSUE,
  MEETING,
  REPORT,
  SUBMIT,
  VOTE,
  file,
  findings,
  meeting,
  panelInProceedings,
  toCirculation,
} from './setup';

const APPEAL = `mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { seed crossAppeal } }`;
const RECORD = `mutation($input: RecordAppellateReportInput!) { recordAppellateReport(input: $input) { version status } }`;

describe('rulings: from adoption to compliance, with a compliance proceeding and its appeal (DSU 21.5)', () => {
  let t: TestApp;
  let c: Case;
  let rptEndsOn: string;
  const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;
  const act = (action: string, who: string, extra: Record<string, unknown> = {}) =>
    t.gql(TAKE_ACTION, { id: c.disputeId, action, ...extra }, who.length === 1 ? c.pan(who as 'A') : c.tok(who));
  const stage = async () => (await t.gql(REPORT, { id: c.disputeId })).data!.dispute.stage;
  const rows = async (rule: string) =>
    t.db.query(
      `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due FROM deadlines WHERE dispute_id = $1 AND rule = $2 ORDER BY opened_at`,
      [c.disputeId, rule],
    );

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    c = await panelInProceedings(t);
    await toCirculation(t, c);
    t.clock.advance(21 * DAY);
    const adopted = await t.gql(MEETING, { d: c.disputeId, m: await meeting(t) }, c.tok('SEC'));
    if (adopted.errors) throw new Error(JSON.stringify(adopted.errors));
    const ADD = `mutation($n: String!, $c: String!) { addAppellateMember(name: $n, nationality: $c) { id } }`;
    for (const [n, code] of [
      ['Ana Ortiz', 'URY'],
      ['Bo Lin', 'SGP'],
      ['Chidi Obi', 'NGA'],
    ])
      await t.gql(ADD, { n, c: code }, c.tok('SEC'));
  });
  afterAll(() => t.close());

  it('goes through intentions and an agreed reasonable period to surveillance', async () => {
    expect((await act('stateImplementationIntentions', 'PAK')).data!.takeAction.stage).toBe('RPT_DETERMINATION');
    rptEndsOn = new Date(t.clock.now().getTime() + 180 * DAY).toISOString().slice(0, 10);
    const agreed = await act('agreeRpt', 'SEC', { rptEndsOn });
    expect(agreed.data!.takeAction.stage).toBe('IMPLEMENTATION_SURVEILLANCE');
    expect((await act('fileStatusReport', 'CHN')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await act('fileStatusReport', 'PAK')).data!.takeAction.stage).toBe('IMPLEMENTATION_SURVEILLANCE');
  });

  it('refuses compensation before the reasonable period has ended without compliance (DSU 22.2)', async () => {
    const early = await act('requestCompensation', 'CHN');
    expect(errorOf(early)).toMatchObject({ code: 'NOT_YET_ALLOWED' });
    expect(early.errors![0].message).toContain('DSU 22.2');
  });

  it('refers a disagreement on compliance to the original panel at a meeting; the 90 days run from the referral', async () => {
    expect((await act('requestComplianceReview', 'CHN')).data!.takeAction.stage).toBe('COMPLIANCE_REVIEW');
    expect(await rows('COMPLIANCE_REPORT')).toEqual([]);
    expect(errorOf(await act('referComplianceReview', 'SEC'))?.code).toBe('INVALID_TRANSITION');
    t.clock.advance(10 * DAY);
    const referred = await act('referComplianceReview', 'SEC', { meetingId: await meeting(t) });
    expect(referred.errors).toBeUndefined();
    const due = new Date(t.clock.now().getTime() + 90 * DAY).toISOString().slice(0, 10);
    expect(await rows('COMPLIANCE_REPORT')).toEqual([{ status: 'OPEN', due }]);
  });

  it('lets the compliance panel (the original panelists) hold a meeting and file its report as a report', async () => {
    const SCHEDULE = `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`;
    const start = new Date(t.clock.now().getTime() + 14 * DAY);
    const hearing = await t.gql(
      SCHEDULE,
      {
        input: {
          disputeId: c.disputeId,
          kind: 'FIRST_SUBSTANTIVE_MEETING',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
          timeZone: 'Europe/Zurich',
          virtualLink: 'https://meet.example.org/compliance',
        },
      },
      c.pan('A'),
    );
    expect(hearing.errors).toBeUndefined();
    t.clock.advance(40 * DAY);
    expect(
      errorOf(
        await t.gql(
          SUBMIT,
          { input: { disputeId: c.disputeId, version: 'COMPLIANCE_REPORT', findings, ...file('Compliance report') } },
          c.pan('D'),
        ),
      )?.code,
    ).toBe('FORBIDDEN');
    const draft = await t.gql(
      SUBMIT,
      { input: { disputeId: c.disputeId, version: 'COMPLIANCE_REPORT', findings, ...file('Compliance report') } },
      c.pan('A'),
    );
    expect(draft.errors).toBeUndefined();
    const id = draft.data!.submitReport.id;
    await t.gql(VOTE, { r: id, a: true }, c.pan('A'));
    await t.gql(VOTE, { r: id, a: true }, c.pan('B'));
    expect((await t.gql(ISSUE, { r: id }, c.pan('A'))).errors).toBeUndefined();
    const circ = await t.gql(CIRCULATE, { d: c.disputeId }, c.tok('SEC'));
    expect(circ.data!.circulateReport).toMatchObject({ status: 'CIRCULATED', document: { classification: 'PUBLIC' } });
    expect(await stage()).toBe('COMPLIANCE_REPORT_CIRCULATED');
    expect((await rows('COMPLIANCE_REPORT'))[0].status).toBe('MET');
    // The adoption windows of any panel report (DSU 21.5, 16.1, 16.4).
    expect((await rows('ADOPTION_EARLIEST')).at(-1).status).toBe('OPEN');
    expect(errorOf(await t.gql(MEETING, { d: c.disputeId, m: await meeting(t) }, c.tok('SEC')))?.code).toBe('NOT_YET_ALLOWED');
  });

  it('takes an appeal of the compliance report, a cross-appeal, the appellate report, and the adoption', async () => {
    const view = (await t.gql(REPORT, { id: c.disputeId })).data!.dispute.report;
    const compliance = view.versions.find((v: { version: string }) => v.version === 'COMPLIANCE_REPORT');
    const [f1, f2] = compliance.findings.map((f: { id: string }) => f.id);
    expect((await t.gql(APPEAL, { d: c.disputeId, f: [f1] }, c.tok('PAK'))).data!.fileAppeal.crossAppeal).toBe(false);
    expect(await stage()).toBe('COMPLIANCE_UNDER_APPEAL');
    expect((await t.gql(APPEAL, { d: c.disputeId, f: [f2] }, c.tok('CHN'))).data!.fileAppeal.crossAppeal).toBe(true);
    t.clock.advance(50 * DAY);
    const input = {
      disputeId: c.disputeId,
      outcomes: [{ findingId: f1, outcome: 'UPHELD', reasoning: 'r' }],
      ...file('Compliance appellate report'),
    };
    expect((await t.gql(RECORD, { input }, c.tok('SEC'))).data!.recordAppellateReport).toEqual({
      version: 'APPELLATE_REPORT',
      status: 'CIRCULATED',
    });
    const adopted = await t.gql(MEETING, { d: c.disputeId, m: await meeting(t) }, c.tok('SEC'));
    expect(adopted.data!.recordAdoptionMeeting.outcome).toBe('ADOPTED');
    expect(await stage()).toBe('IMPLEMENTATION_SURVEILLANCE');
    const report = (
      await t.gql(
        `query($id: ID!) { dispute(id: $id) { report { appeals { proceeding crossAppeal } versions { version proceeding } meetings { proceeding round outcome } } } }`,
        { id: c.disputeId },
      )
    ).data!.dispute.report;
    expect(report.appeals).toEqual([
      { proceeding: 1, crossAppeal: false },
      { proceeding: 1, crossAppeal: true },
    ]);
    expect(report.meetings.map((m: { proceeding: number; round: string }) => [m.proceeding, m.round])).toEqual([
      [0, 'PANEL'],
      [1, 'APPELLATE'],
    ]);
  });

  it('compensation and compliance after the period; nothing left open when the case ends', async () => {
    t.clock.set(new Date(new Date(`${rptEndsOn}T12:00:00Z`).getTime() + DAY));
    expect((await act('requestCompensation', 'CHN')).data!.takeAction.stage).toBe('COMPENSATION_NEGOTIATION');
    await t.app.get(ProcedureSweeper).sweep();
    expect((await act('declareCompliance', 'SEC', { meetingId: await meeting(t) })).data!.takeAction.stage).toBe('COMPLIED');
    const open = await t.db.query(`SELECT rule FROM deadlines WHERE dispute_id = $1 AND status = 'OPEN'`, [c.disputeId]);
    expect(open).toEqual([]);
  });
});
