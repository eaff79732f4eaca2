import { UserEntity } from '@app/core';
import { ProcedureSweeper } from '@app/registry';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// Issue 16, item 6: the worker's sweep works through a backlog larger than one batch, completely,
// in the order the limits ran out, and never reaches for what has not run out: limits due today
// (they run to the end of the day), waiting periods due tomorrow, clocks stopped by a suspension,
// a suspended panel whose 12 months are still running (DSU 12.12). Disputes are cloned by SQL
// from one filed through the API, so that hundreds cost seconds.

const FILE = `mutation($r: [String!]!, $title: String!) { requestConsultations(input: { respondents: $r, title: $title,
  measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;

const BATCH = 25;
const RUN_OUT = 140; // disputes with a limit run out: more than five batches
const IDLE = 160; // disputes with nothing due now, each of which the sweep used to select

describe('the worker: a backlog larger than one batch', () => {
  let t: TestApp;
  let sweeper: ProcedureSweeper;
  const users: Record<string, UserEntity> = {};
  let template: string;

  const file = async (title: string) =>
    (await t.gql(FILE, { r: ['PAK'], title }, t.tokenFor(users.CHN))).data!.requestConsultations.id as string;

  /** `n` disputes copied from the template (its state and parties, no deadline rows, no docket). */
  async function clone(n: number): Promise<string[]> {
    const columns: string[] = (
      await t.db.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'disputes' AND column_name NOT IN ('id', 'number') AND is_generated = 'NEVER'`,
      )
    ).map((c: { column_name: string }) => `"${c.column_name}"`);
    const list = columns.join(', ');
    const ids: string[] = (
      await t.db.query(`INSERT INTO disputes (${list}) SELECT ${list} FROM disputes, generate_series(1, $2) WHERE id = $1 RETURNING id`, [
        template,
        n,
      ])
    ).map((r: { id: string }) => r.id);
    await t.db.query(
      `INSERT INTO dispute_parties (dispute_id, member_id, kind, joined_at)
       SELECT c.id, p.member_id, p.kind, p.joined_at FROM dispute_parties p, unnest($2::uuid[]) AS c(id) WHERE p.dispute_id = $1`,
      [template, ids],
    );
    return ids;
  }

  async function limit(disputeId: string, rule: string, dueDate: string, paused: number | null = null): Promise<void> {
    await t.db.query(
      `INSERT INTO deadlines (dispute_id, rule, base_date, due_date, status, opened_at, paused_remaining_days)
       VALUES ($1, $2, $3, $3, 'OPEN', '2026-01-01T00:00:00Z', $4)`,
      [disputeId, rule, dueDate, paused],
    );
  }

  const open = async (ids: string[]) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM deadlines WHERE dispute_id = ANY($1) AND status = 'OPEN'`, [ids]))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-01-05T09:00:00Z' });
    sweeper = t.app.get(ProcedureSweeper);
    for (const code of ['CHN', 'PAK']) {
      const member = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    }
    template = await file('Template');
    // The template's own limits are out of the way: its copies get the rows each test gives them.
    await t.db.query(`UPDATE deadlines SET status = 'SUPERSEDED' WHERE dispute_id = $1`, [template]);
  });
  afterAll(() => t.close());

  it('acts on every limit run out in one sweep call, in the order they ran out, and on nothing early', async () => {
    // Now: Friday 1 May 2026, noon where the body sits (UTC in the tests).
    const backlog = await clone(RUN_OUT);
    const idle = await clone(IDLE);
    // The backlog: replies due on one of 40 days before today (each ran out at the end of its day);
    // every fifth dispute has a second limit run out later; the last ten a waiting period due today
    // (over at the start of its due day: the panel may be requested today, DSU 4.7).
    const due = new Map<string, string>();
    for (const [i, id] of backlog.entries()) {
      if (i >= RUN_OUT - 10) {
        await limit(id, 'EARLIEST_PANEL_REQUEST', '2026-05-01');
        due.set(id, '2026-05-01');
        continue;
      }
      // Scattered across the days, so that the order is not the order of insertion or of ids.
      const day = new Date(Date.UTC(2026, 2, 21 + ((i * 17) % 40))).toISOString().slice(0, 10);
      await limit(id, 'REPLY_TO_REQUEST', day);
      if (i % 5 === 0) await limit(id, 'THIRD_PARTY_CONSULTATIONS', '2026-04-30');
      const runsOut = new Date(Date.UTC(2026, 2, 22 + ((i * 17) % 40))).toISOString().slice(0, 10);
      due.set(id, runsOut);
    }
    // Nothing due now, though the sweep used to select all of them: limits due today (to the end of
    // the day), waiting periods due tomorrow, clocks stopped by a suspension long past their due
    // date, suspended panels with months of their 12 left.
    for (const [i, id] of idle.entries()) {
      if (i % 4 === 0) await limit(id, 'REPLY_TO_REQUEST', '2026-05-01');
      else if (i % 4 === 1) await limit(id, 'EARLIEST_PANEL_REQUEST', '2026-05-02');
      else if (i % 4 === 2) await limit(id, 'ENTER_CONSULTATIONS', '2026-02-01', 12);
      else {
        await t.db.query(
          `UPDATE disputes SET stage = 'SUSPENDED', stage_before_suspension = 'PANEL_PROCEEDINGS', suspended_at = '2026-03-01T09:00:00Z' WHERE id = $1`,
          [id],
        );
        await limit(id, 'SUSPENSION_LIMIT', '2027-03-01');
        await limit(id, 'REPLY_TO_REQUEST', '2026-01-20', 3);
      }
    }
    const idleOpen = await open(idle);
    expect(idleOpen).toBe(IDLE + IDLE / 4);

    t.clock.set('2026-05-01T12:00:00Z');
    const [{ seq: before }] = await t.db.query(`SELECT coalesce(max(seq), 0)::int AS seq FROM audit_log`);
    const result = await sweeper.sweep(BATCH);

    // Every limit run out, in one call: 130 replies, 26 third-party windows, 10 waiting periods.
    expect(result).toEqual({ disputes: RUN_OUT, expired: RUN_OUT + 26, automatic: 0 });
    expect(await open(backlog)).toBe(0);
    const statuses = await t.db.query(
      `SELECT rule, status, count(*)::int AS n FROM deadlines WHERE dispute_id = ANY($1) GROUP BY rule, status ORDER BY rule`,
      [backlog],
    );
    expect(statuses).toEqual([
      { rule: 'EARLIEST_PANEL_REQUEST', status: 'LAPSED', n: 10 },
      { rule: 'REPLY_TO_REQUEST', status: 'MISSED', n: RUN_OUT - 10 },
      { rule: 'THIRD_PARTY_CONSULTATIONS', status: 'LAPSED', n: 26 },
    ]);
    // In the order they ran out: each dispute's command, audited in turn, by its first limit's day.
    const order: string[] = (
      await t.db.query(`SELECT target_id FROM audit_log WHERE seq > $1 AND operation = 'sweepDeadlines' ORDER BY seq`, [before])
    ).map((r: { target_id: string }) => r.target_id);
    expect(order).toHaveLength(RUN_OUT);
    const days = order.map((id) => due.get(id)!);
    expect(days).toEqual([...days].sort());
    expect(new Set(days).size).toBe(41);

    // Nothing early: every idle row is still open, nothing of theirs docketed or audited.
    expect(await open(idle)).toBe(idleOpen);
    const [{ n: idleAudited }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE seq > $1 AND target_id = ANY($2)`, [
      before,
      idle,
    ]);
    expect(idleAudited).toBe(0);
    expect(await sweeper.sweep(BATCH)).toEqual({ disputes: 0, expired: 0, automatic: 0 });

    // The last instant of the day: still nothing. Midnight: the replies due today have run out and
    // the waiting periods due tomorrow are over; the stopped clocks and the suspended panels wait.
    t.clock.set('2026-05-01T23:59:59.999Z');
    expect(await sweeper.sweep(BATCH)).toEqual({ disputes: 0, expired: 0, automatic: 0 });
    t.clock.set('2026-05-02T00:00:00Z');
    expect(await sweeper.sweep(BATCH)).toEqual({ disputes: IDLE / 2, expired: IDLE / 2, automatic: 0 });
    expect(await open(idle)).toBe(IDLE / 2 + IDLE / 4);
  });

  it('takes the automatic steps among the backlog when due: a suspended panel lapses, a report is adopted (DSU 12.12, 16.4)', async () => {
    const [lapsing, adopting, ...others] = await clone(2 + 3 * BATCH);
    await t.db.query(
      `UPDATE disputes SET stage = 'SUSPENDED', stage_before_suspension = 'PANEL_PROCEEDINGS', suspended_at = '2025-06-01T09:00:00Z' WHERE id = $1`,
      [lapsing],
    );
    await limit(lapsing, 'SUSPENSION_LIMIT', '2026-07-01');
    await t.db.query(`UPDATE disputes SET stage = 'REPORT_CIRCULATED' WHERE id = $1`, [adopting]);
    await limit(adopting, 'ADOPTION_EARLIEST', '2026-05-22');
    await limit(adopting, 'PANEL_REPORT_ADOPTION', '2026-07-01');
    // Ahead of them in due order, three batches of replies run out.
    for (const id of others) await limit(id, 'REPLY_TO_REQUEST', '2026-05-15');
    const stage = async (id: string) => (await t.db.query('SELECT stage FROM disputes WHERE id = $1', [id]))[0].stage as string;

    t.clock.set('2026-07-01T23:00:00Z');
    expect(await sweeper.sweep(BATCH)).toEqual({ disputes: 3 * BATCH + 1, expired: 3 * BATCH + 1, automatic: 0 });
    expect(await stage(lapsing)).toBe('SUSPENDED');
    expect(await stage(adopting)).toBe('REPORT_CIRCULATED');

    t.clock.set('2026-07-02T00:00:01Z');
    const result = await sweeper.sweep(BATCH);
    expect(result.disputes).toBe(2);
    expect(result.automatic).toBe(2);
    expect(await stage(lapsing)).toBe('LAPSED');
    expect(await stage(adopting)).toBe('ADOPTED');
    // The lapse itself settles the suspension limit (the complainant did not ask to resume within
    // 12 months): one docket entry of the step, no separate entry of a limit run out.
    const kinds = (await t.db.query('SELECT kind FROM docket_entries WHERE dispute_id = $1 ORDER BY seq', [lapsing])).map(
      (r: { kind: string }) => r.kind,
    );
    expect(kinds).toEqual(['lapse']);
    expect(
      (await t.db.query(`SELECT status FROM deadlines WHERE dispute_id = $1`, [lapsing])).map((r: { status: string }) => r.status),
    ).toEqual(['MISSED']);
    // The adoption as of day 60 meets its limit (DSU 16.4) and opens what follows adoption.
    const [{ status }] = await t.db.query(`SELECT status FROM deadlines WHERE dispute_id = $1 AND rule = 'PANEL_REPORT_ADOPTION'`, [
      adopting,
    ]);
    expect(status).toBe('MET');
  });
});
