import { drawDivision } from '@app/rulings';
import { TAKE_ACTION } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';
import { Case, DAY, MEETING, REPORT, file, meeting, panelInProceedings, toCirculation } from './setup';

const APPEAL = `mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { seed findingIds crossAppeal division { id name } } }`;
const RECORD = `mutation($input: RecordAppellateReportInput!) { recordAppellateReport(input: $input) { version status document { classification } } }`;
const ROSTER = ['Ana Ortiz URY', 'Bo Lin SGP', 'Chidi Obi NGA', 'Dina Haddad JOR', 'Erik Lund SWE', 'Farah Khan MYS', 'Goran Ilic SRB'];

describe('rulings: appeal and cross-appeal, the appellate body’s delay and suspension, the appellate report and its adoption', () => {
  let t: TestApp;
  let c: Case;
  let findingIds: string[];
  const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;
  const rows = async (rule: string) =>
    t.db.query(
      `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due, paused_remaining_days AS paused FROM deadlines WHERE dispute_id = $1 AND rule = $2 ORDER BY opened_at`,
      [c.disputeId, rule],
    );

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    c = await panelInProceedings(t);
    await toCirculation(t, c);
    const view = (await t.gql(REPORT, { id: c.disputeId })).data!.dispute;
    findingIds = view.report.versions[0].findings.map((f: { id: string }) => f.id);
  });
  afterAll(() => t.close());

  it('keeps a standing roster managed by the secretariat', async () => {
    const ADD = `mutation($n: String!, $c: String!) { addAppellateMember(name: $n, nationality: $c) { id } }`;
    expect(errorOf(await t.gql(ADD, { n: 'X', c: 'CHN' }, c.tok('CHN')))?.code).toBe('FORBIDDEN');
    for (const entry of ROSTER) {
      const name = entry.slice(0, -4);
      expect((await t.gql(ADD, { n: name, c: entry.slice(-3) }, c.tok('SEC'))).errors).toBeUndefined();
    }
    expect((await t.gql(`{ appellateMembers { id } }`)).data!.appellateMembers).toHaveLength(7);
  });

  it('refuses an appeal by a third party, a member, or naming a finding that is not one', async () => {
    expect(errorOf(await t.gql(APPEAL, { d: c.disputeId, f: [findingIds[0]] }, c.tok('KAZ')))?.code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(APPEAL, { d: c.disputeId, f: [findingIds[0]] }, c.tok('IDN')))?.code).toBe('FORBIDDEN');
    const bogus = await t.gql(APPEAL, { d: c.disputeId, f: ['00000000-0000-4000-8000-000000000000'] }, c.tok('PAK'));
    expect(errorOf(bogus)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'findingIds' });
    expect((await t.db.query('SELECT count(*)::int AS n FROM appeals'))[0].n).toBe(0);
    expect((await t.gql(REPORT, { id: c.disputeId })).data!.dispute.stage).toBe('REPORT_CIRCULATED');
  });

  it('draws three members by a lot anyone can recompute from the published seed', async () => {
    const res = await t.gql(APPEAL, { d: c.disputeId, f: [findingIds[0]] }, c.tok('PAK'));
    expect(res.errors).toBeUndefined();
    const appeal = res.data!.fileAppeal;
    expect(appeal.division).toHaveLength(3);
    expect(appeal.crossAppeal).toBe(false);
    const roster = (await t.gql(`{ appellateMembers { id } }`)).data!.appellateMembers.map((m: { id: string }) => m.id);
    expect(appeal.division.map((m: { id: string }) => m.id)).toEqual(drawDivision(appeal.seed, roster));
    const view = (await t.gql(REPORT, { id: c.disputeId })).data!.dispute;
    expect(view.stage).toBe('UNDER_APPEAL');
    expect(view.report.appeals.map((a: { seed: string }) => a.seed)).toEqual([appeal.seed]);
    const docket = JSON.stringify(
      (await t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { text } } } }`, { id: c.disputeId })).data,
    );
    expect(docket).toContain(appeal.seed);
    expect(docket).toContain('PAK notified its decision to appeal.');
  });

  it('takes a cross-appeal by the other party within 5 days, heard by the same division; never a second notice', async () => {
    expect(errorOf(await t.gql(APPEAL, { d: c.disputeId, f: [findingIds[1]] }, c.tok('PAK')))?.code).toBe('INVALID_TRANSITION');
    const cross = await t.gql(APPEAL, { d: c.disputeId, f: [findingIds[1]] }, c.tok('CHN'));
    expect(cross.errors).toBeUndefined();
    const [first] = (await t.gql(REPORT, { id: c.disputeId })).data!.dispute.report.appeals;
    expect(cross.data!.fileAppeal).toMatchObject({ crossAppeal: true, seed: first.seed });
    expect((await rows('CROSS_APPEAL'))[0].status).toBe('OPEN');
  });

  it('circulates no appellate report before the window for other appeals closed', async () => {
    const input = {
      disputeId: c.disputeId,
      outcomes: [{ findingId: findingIds[0], outcome: 'UPHELD', reasoning: 'r' }],
      ...file('Too soon'),
    };
    expect(errorOf(await t.gql(RECORD, { input }, c.tok('SEC')))).toMatchObject({ code: 'NOT_YET_ALLOWED' });
  });

  it('refuses to adopt the appealed report before the appellate report', async () => {
    t.clock.advance(25 * DAY);
    expect(errorOf(await t.gql(MEETING, { d: c.disputeId, m: await meeting(t) }, c.tok('SEC')))?.code).toBe('INVALID_TRANSITION');
  });

  it("records the appellate body's letter on a delay, with reasons; suspends and resumes the appeal at the parties' request", async () => {
    expect(errorOf(await t.gql(TAKE_ACTION, { id: c.disputeId, action: 'informBodyOfAppellateDelay' }, c.tok('SEC')))?.code).toBe(
      'INVALID_TRANSITION',
    );
    const letter = await t.gql(
      TAKE_ACTION,
      { id: c.disputeId, action: 'informBodyOfAppellateDelay', note: 'Workload of the division; the report is expected within 80 days.' },
      c.tok('SEC'),
    );
    expect(letter.errors).toBeUndefined();
    const before = (await rows('APPELLATE_REPORT_MAX'))[0].due;
    expect(errorOf(await t.gql(TAKE_ACTION, { id: c.disputeId, action: 'suspendAppeal', note: 'x' }, c.tok('PAK')))?.code).toBe(
      'FORBIDDEN',
    );
    const suspended = await t.gql(
      TAKE_ACTION,
      { id: c.disputeId, action: 'suspendAppeal', note: 'The parties asked for time to negotiate a solution.' },
      c.tok('SEC'),
    );
    expect(suspended.data!.takeAction.stage).toBe('APPEAL_SUSPENDED');
    expect((await rows('APPELLATE_REPORT_MAX'))[0].paused).toBeGreaterThan(0);
    t.clock.advance(30 * DAY);
    const resumed = await t.gql(TAKE_ACTION, { id: c.disputeId, action: 'resumeAppeal' }, c.tok('SEC'));
    expect(resumed.data!.takeAction.stage).toBe('UNDER_APPEAL');
    // The 30 days suspended are added to the appellate limits.
    const after = (await rows('APPELLATE_REPORT_MAX'))[0].due;
    expect((new Date(after).getTime() - new Date(before).getTime()) / DAY).toBe(30);
  });

  it('records the appellate report, public, with the reasons for a delay past 60 days', async () => {
    t.clock.advance(40 * DAY);
    const input = {
      disputeId: c.disputeId,
      outcomes: [{ findingId: findingIds[0], outcome: 'MODIFIED', reasoning: 'Narrower reasoning.' }],
      ...file('Appellate report'),
    };
    expect(errorOf(await t.gql(RECORD, { input }, c.tok('SEC')))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.delayReason' });
    const wrong = {
      ...input,
      outcomes: [{ findingId: '00000000-0000-4000-8000-000000000000', outcome: 'UPHELD', reasoning: 'r' }],
      delayReason: 'Workload',
    };
    expect(errorOf(await t.gql(RECORD, { input: wrong }, c.tok('SEC')))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.outcomes.0.findingId',
    });
    expect(errorOf(await t.gql(RECORD, { input: { ...input, delayReason: 'Workload' } }, c.tok('CHN')))?.code).toBe('FORBIDDEN');
    const both = {
      ...input,
      outcomes: [...input.outcomes, { findingId: findingIds[1], outcome: 'UPHELD', reasoning: 'The cross-appeal fails.' }],
    };
    const res = await t.gql(RECORD, { input: { ...both, delayReason: 'Translation of the record' } }, c.tok('SEC'));
    expect(res.data!.recordAppellateReport).toEqual({
      version: 'APPELLATE_REPORT',
      status: 'CIRCULATED',
      document: { classification: 'PUBLIC' },
    });
    expect((await rows('APPELLATE_REPORT')).map((r: { status: string }) => r.status)).toEqual(['MISSED']);
  });

  it('adopts the appellate report at a meeting by negative consensus and publishes the outcomes', async () => {
    await t.gql(`mutation($d: ID!) { objectToAdoption(disputeId: $d) }`, { d: c.disputeId }, c.tok('PAK'));
    const res = await t.gql(MEETING, { d: c.disputeId, m: await meeting(t, ['PAK', 'CHN', 'IDN', 'KAZ', 'MYS']) }, c.tok('SEC'));
    // PAK objected today: an objection is before a meeting only if made 10 days ahead (DSU 16.2).
    expect(res.data!.recordAdoptionMeeting).toEqual({ outcome: 'ADOPTED', objectingMembers: [] });
    const list = await t.gql(
      `{ adoptedReports(first: 10) { nodes { dispute { id stage } report { appeals { seed crossAppeal } versions { version findings { finding appellateOutcome { outcome } } } } } } }`,
    );
    const node = list.data!.adoptedReports.nodes[0];
    expect(node.dispute).toEqual({ id: c.disputeId, stage: 'ADOPTED' });
    expect(node.report.appeals.map((a: { crossAppeal: boolean }) => a.crossAppeal)).toEqual([false, true]);
    const final = node.report.versions.find((v: { version: string }) => v.version === 'FINAL_REPORT');
    expect(final.findings.map((f: { appellateOutcome: { outcome: string } | null }) => f.appellateOutcome?.outcome ?? null)).toEqual([
      'MODIFIED',
      'UPHELD',
    ]);
  });
});
