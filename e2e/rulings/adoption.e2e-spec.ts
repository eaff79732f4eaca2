import { ProcedureSweeper } from '@app/registry';
import { TestApp, startTestApp } from '../utils/test-app';
import { Case, DAY, MEETING, OBJECT, REPORT, meeting, panelInProceedings, toCirculation } from './setup';

// DSU 16.4: within 60 days of circulation the report "shall be adopted at a DSB meeting unless a
// party ... notifies its decision to appeal or the DSB decides by consensus not to adopt".
describe('rulings: the body’s decision on a report (DSU 16.2, 16.4)', () => {
  let t: TestApp;
  const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;
  const circulatedAt = async (c: Case) =>
    new Date(
      (await t.db.query(`SELECT circulated_at FROM reports WHERE dispute_id = $1 AND version = 'FINAL_REPORT'`, [c.disputeId]))[0]
        .circulated_at,
    );
  const deadline = async (c: Case, rule: string) =>
    (
      await t.db.query(
        `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due FROM deadlines WHERE dispute_id = $1 AND rule = $2 ORDER BY opened_at DESC LIMIT 1`,
        [c.disputeId, rule],
      )
    )[0];

  // A world of its own for each case: the setup creates the members.
  beforeEach(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
  });
  afterEach(() => t.close());

  it('never adopts a report the body decided by consensus not to adopt, not even when day 60 has passed', async () => {
    const c = await panelInProceedings(t);
    await toCirculation(t, c);
    const circulated = await circulatedAt(c);
    // Every member present must object, in writing, 10 days before the meeting (DSU 16.2).
    const present = ['CHN', 'PAK', 'KAZ', 'IDN', 'MYS'];
    for (const code of present) expect((await t.gql(OBJECT, { d: c.disputeId }, c.tok(code))).errors).toBeUndefined();
    t.clock.set(new Date(circulated.getTime() + 25 * DAY));
    const res = await t.gql(MEETING, { d: c.disputeId, m: await meeting(t, present) }, c.tok('SEC'));
    expect(res.data!.recordAdoptionMeeting).toEqual({ outcome: 'NOT_ADOPTED', objectingMembers: present.sort() });
    expect((await t.gql(REPORT, { id: c.disputeId })).data!.dispute.stage).toBe('NOT_ADOPTED');
    // The body decided within its 60 days: met, not missed; nothing is left open.
    expect(await deadline(c, 'PANEL_REPORT_ADOPTION')).toMatchObject({ status: 'MET' });
    expect(await t.db.query(`SELECT rule FROM deadlines WHERE dispute_id = $1 AND status = 'OPEN'`, [c.disputeId])).toEqual([]);
    // The worker, long after day 60, adopts nothing.
    t.clock.set(new Date(circulated.getTime() + 90 * DAY));
    await t.app.get(ProcedureSweeper).sweep();
    const view = (await t.gql(REPORT, { id: c.disputeId })).data!.dispute;
    expect(view.stage).toBe('NOT_ADOPTED');
    expect(view.report.adopted).toBe(false);
    // Nor may anyone appeal it or bring it before the body again.
    const finding = view.report.versions[0].findings[0].id;
    expect(
      errorOf(
        await t.gql(
          `mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { id } }`,
          { d: c.disputeId, f: [finding] },
          c.tok('PAK'),
        ),
      )?.code,
    ).toBe('INVALID_TRANSITION');
    expect(errorOf(await t.gql(MEETING, { d: c.disputeId, m: await meeting(t) }, c.tok('SEC')))?.code).toBe('INVALID_TRANSITION');
  });

  it('counts only the objections of members present, made 10 days ahead: one late objection keeps the report adopted', async () => {
    const c = await panelInProceedings(t);
    await toCirculation(t, c);
    const circulated = await circulatedAt(c);
    const present = ['CHN', 'PAK', 'KAZ'];
    for (const code of ['CHN', 'PAK']) await t.gql(OBJECT, { d: c.disputeId }, c.tok(code));
    t.clock.set(new Date(circulated.getTime() + 25 * DAY));
    await t.gql(OBJECT, { d: c.disputeId }, c.tok('KAZ')); // too late for today's meeting
    const res = await t.gql(MEETING, { d: c.disputeId, m: await meeting(t, [...present, 'IDN']) }, c.tok('SEC'));
    expect(res.data!.recordAdoptionMeeting).toEqual({ outcome: 'ADOPTED', objectingMembers: ['CHN', 'PAK'] });
    const [entry] = await t.db.query(`SELECT text FROM docket_entries WHERE dispute_id = $1 AND kind = 'adoptReport'`, [c.disputeId]);
    expect(entry.text).toContain('1 objection(s) filed after');
  });

  it('adopts automatically as of day 60 when no meeting decided: the limit met, the stage entered at the end of day 60', async () => {
    const c = await panelInProceedings(t);
    await toCirculation(t, c);
    const circulated = await circulatedAt(c);
    const day60 = new Date(circulated.getTime() + 60 * DAY).toISOString().slice(0, 10);
    const sweeper = t.app.get(ProcedureSweeper);
    // Throughout day 60 an appeal or a meeting is still possible: nothing happens.
    t.clock.set(`${day60}T23:59:00Z`);
    expect((await sweeper.sweep()).automatic).toBe(0);
    // The worker comes late, on day 63: the report is adopted as of day 60 all the same.
    t.clock.set(new Date(new Date(`${day60}T08:00:00Z`).getTime() + 3 * DAY));
    expect((await sweeper.sweep()).automatic).toBe(1);
    const view = (await t.gql(REPORT, { id: c.disputeId })).data!.dispute;
    expect(view.stage).toBe('ADOPTED');
    expect(await deadline(c, 'PANEL_REPORT_ADOPTION')).toMatchObject({ status: 'MET', due: day60 });
    const [period] = await t.db.query(`SELECT entered_at FROM dispute_stage_periods WHERE dispute_id = $1 AND stage = 'ADOPTED'`, [
      c.disputeId,
    ]);
    expect(new Date(period.entered_at).toISOString()).toBe(`${day60}T23:59:59.999Z`);
    // The reasonable-period limits count from day 60, not from the worker's run.
    const intentions = await deadline(c, 'RPT_INTENTIONS');
    expect(intentions.due).toBe(new Date(new Date(`${day60}T00:00:00Z`).getTime() + 30 * DAY).toISOString().slice(0, 10));
    const [entry] = await t.db.query(
      `SELECT actor_role, text FROM docket_entries WHERE dispute_id = $1 AND kind = 'adoptReportAutomatically'`,
      [c.disputeId],
    );
    expect(entry).toMatchObject({ actor_role: 'SYSTEM' });
    expect(entry.text).toContain(`adopted as of ${day60}`);
    // And the statistics count no overrun for the stay in REPORT_CIRCULATED.
    const stats = await t.gql(`{ statistics { stages { stage overran completed } } }`);
    const circulatedStage = stats.data!.statistics.stages.find((s: { stage: string }) => s.stage === 'REPORT_CIRCULATED');
    expect(circulatedStage.overran).toBe(0);
  });
});
