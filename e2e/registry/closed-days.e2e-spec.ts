import { MemberEntity, UserEntity } from '@app/core';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($input: RequestConsultationsInput!) { requestConsultations(input: $input) { id docketNumber } }`;
const ACT = `mutation($input: TakeActionInput!) { takeAction(input: $input) { id stage } }`;
const ADD = `mutation($day: LocalDate!, $reason: String!) { addClosedDay(day: $day, reason: $reason) { day reason movedDeadlines } }`;
const REMOVE = `mutation($day: LocalDate!) { removeClosedDay(day: $day) }`;
const DISPUTE = `query($id: ID!) {
  dispute(id: $id) {
    deadlines { rule baseDate dueDate status }
    docket(first: 100) { nodes { seq kind actorRole text } }
  }
}`;

interface DeadlineView {
  rule: string;
  baseDate: string;
  dueDate: string;
  status: string;
}
interface DocketView {
  seq: number;
  kind: string;
  actorRole: string;
  text: string;
}

// Filed on 2 March: the reply (DSU 4.3) and the third-party window (DSU 4.11) end on day 10.
const START = '2026-03-02T09:00:00Z';
const DAY_10 = '2026-03-12';

describe('registry: closed days move running deadlines', () => {
  let t: TestApp;
  const members: Record<string, MemberEntity> = {};
  const users: Record<string, UserEntity> = {};
  let secretariatUser: UserEntity;
  const sec = () => t.tokenFor(secretariatUser);
  const ids: Record<string, string> = {};

  const file = async (name: string, complainant: string, respondent: string) => {
    const res = await t.gql(
      FILE,
      {
        input: {
          respondents: [respondent],
          title: `Measures ${name}`,
          measures: ['Import licensing regime'],
          legalBasis: ['GATT 1994 Art. XI:1'],
          summary: 'The licensing regime restricts imports.',
        },
      },
      t.tokenFor(users[complainant]),
    );
    expect(res.errors).toBeUndefined();
    ids[name] = res.data!.requestConsultations.id;
  };
  const view = async (name: string) => {
    const res = await t.gql<{ dispute: { deadlines: DeadlineView[]; docket: { nodes: DocketView[] } } }>(DISPUTE, { id: ids[name] });
    expect(res.errors).toBeUndefined();
    const d = res.data!.dispute;
    const rule = (code: string) => d.deadlines.find((x) => x.rule === code)!;
    return { rule, docket: d.docket.nodes };
  };
  const count = async (table: string) => Number((await t.db.query(`SELECT count(*) FROM ${table}`))[0].count);
  const footprint = async () => [
    await count('closed_days'),
    await count('docket_entries'),
    await count('audit_log'),
    (await t.db.query("SELECT string_agg(due_date::text, ',' ORDER BY id) AS d FROM deadlines"))[0].d,
  ];

  beforeAll(async () => {
    t = await startTestApp({ start: START });
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['KAZ', 'Kazakhstan'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    secretariatUser = await createUser(t.db, { role: 'SECRETARIAT' });
    await file('A', 'CHN', 'PAK');
    await file('B', 'KAZ', 'CHN');
    await file('C', 'KAZ', 'PAK');
    // C: the respondent replied, so its reply limit is MET and no longer moves.
    const reply = await t.gql(ACT, { input: { disputeId: ids.C, action: 'replyToRequest' } }, t.tokenFor(users.PAK));
    expect(reply.errors).toBeUndefined();
    // B: its reply limit paused, as a suspension leaves it (DSU 12.12); the shift is applied
    // afresh on resumption, so a calendar change must not touch it.
    await t.db.query("UPDATE deadlines SET paused_remaining_days = 4 WHERE dispute_id = $1 AND rule = 'REPLY_TO_REQUEST'", [ids.B]);
  });
  afterAll(() => t.close());

  it('refuses a delegate, and writes nothing', async () => {
    const before = await footprint();
    const add = await t.gql(ADD, { day: DAY_10, reason: 'Spring holiday' }, t.tokenFor(users.CHN));
    expect(add.errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(ADD, { day: DAY_10, reason: 'Spring holiday' })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await footprint()).toEqual(before);
  });

  it('moves a due date falling on a new closed day to the next working day, and dockets it', async () => {
    const res = await t.gql(ADD, { day: DAY_10, reason: 'Spring holiday' }, sec());
    expect(res.errors).toBeUndefined();
    // A: reply and window; B: the window only (its reply is paused); C: the window only (replied).
    expect(res.data!.addClosedDay).toEqual({ day: DAY_10, reason: 'Spring holiday', movedDeadlines: 4 });

    const a = await view('A');
    expect(a.rule('REPLY_TO_REQUEST')).toMatchObject({ baseDate: DAY_10, dueDate: '2026-03-13', status: 'OPEN' });
    expect(a.rule('THIRD_PARTY_CONSULTATIONS')).toMatchObject({ baseDate: DAY_10, dueDate: '2026-03-13' });
    expect(a.rule('ENTER_CONSULTATIONS').dueDate).toBe('2026-04-01');
    expect(a.docket).toHaveLength(2);
    expect(a.docket[1]).toMatchObject({ seq: 2, kind: 'deadlineMoved', actorRole: 'SECRETARIAT' });
    expect(a.docket[1].text).toContain('REPLY_TO_REQUEST (DSU 4.3) is now due 2026-03-13 instead of 2026-03-12');
    expect(a.docket[1].text).toContain('THIRD_PARTY_CONSULTATIONS (DSU 4.11)');
    expect(a.docket[1].text).toContain('the body is closed on 2026-03-12 (Spring holiday)');

    const b = await view('B');
    expect(b.rule('REPLY_TO_REQUEST').dueDate).toBe(DAY_10);
    expect(b.rule('THIRD_PARTY_CONSULTATIONS').dueDate).toBe('2026-03-13');
    const c = await view('C');
    expect(c.rule('REPLY_TO_REQUEST')).toMatchObject({ dueDate: DAY_10, status: 'MET' });
    expect(c.rule('THIRD_PARTY_CONSULTATIONS').dueDate).toBe('2026-03-13');
    expect(c.docket.map((e) => e.kind)).toEqual(['requestConsultations', 'replyToRequest', 'deadlineMoved']);

    const [audit] = await t.db.query("SELECT details FROM audit_log WHERE operation = 'addClosedDay' ORDER BY id DESC LIMIT 1");
    expect(audit.details).toEqual({ reason: 'Spring holiday', movedDeadlines: 4 });
  });

  it('moves along a run of closed days', async () => {
    const res = await t.gql(ADD, { day: '2026-03-13', reason: 'Bridge day' }, sec());
    expect(res.data!.addClosedDay.movedDeadlines).toBe(4);
    const a = await view('A');
    expect(a.rule('REPLY_TO_REQUEST')).toMatchObject({ baseDate: DAY_10, dueDate: '2026-03-14' });
    expect(a.docket.map((e) => e.kind)).toEqual(['requestConsultations', 'deadlineMoved', 'deadlineMoved']);
  });

  it('moves nothing when no running limit spans the day', async () => {
    const res = await t.gql(ADD, { day: '2026-03-20', reason: 'Staff retreat' }, sec());
    expect(res.data!.addClosedDay.movedDeadlines).toBe(0);
    expect((await view('A')).docket).toHaveLength(3);
  });

  it('moves a due date back when a closed day is removed, recomputed from the legal end', async () => {
    const before = (await view('A')).docket.length;
    const res = await t.gql(REMOVE, { day: DAY_10 }, sec());
    expect(res.errors).toBeUndefined();
    expect(res.data!.removeClosedDay).toBe(true);
    // 13 March is still closed, but the legal end (12 March) is open again.
    const a = await view('A');
    expect(a.rule('REPLY_TO_REQUEST')).toMatchObject({ baseDate: DAY_10, dueDate: DAY_10 });
    expect(a.docket).toHaveLength(before + 1);
    expect(a.docket[before]).toMatchObject({ kind: 'deadlineMoved', actorRole: 'SECRETARIAT' });
    expect(a.docket[before].text).toContain('is now due 2026-03-12 instead of 2026-03-14');
    expect(a.docket[before].text).toContain('2026-03-12 (Spring holiday) is no longer a closed day');
    expect((await view('B')).rule('REPLY_TO_REQUEST').dueDate).toBe(DAY_10);

    // 13 March no longer holds any due date: removing it moves nothing.
    await t.gql(REMOVE, { day: '2026-03-13' }, sec());
    expect((await view('A')).docket).toHaveLength(before + 1);
  });

  it('refuses to remove for a delegate or a day that is not closed, and writes nothing', async () => {
    const before = await footprint();
    expect((await t.gql(REMOVE, { day: '2026-03-20' }, t.tokenFor(users.CHN))).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(REMOVE, { day: '2026-03-21' }, sec())).errors![0].extensions.code).toBe('NOT_FOUND');
    expect(await footprint()).toEqual(before);
  });

  it('waits for a step being taken on a dispute before numbering its docket entry', async () => {
    // 1 April is day 30 of all three filings: ENTER_CONSULTATIONS (DSU 4.3) ends on it.
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('SELECT id FROM disputes WHERE id = $1 FOR UPDATE', [ids.A]);
    let settled = false;
    const adding = t.gql(ADD, { day: '2026-04-01', reason: 'Closure' }, sec()).then((r) => {
      settled = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    // The step in progress appends its own entry, then commits.
    await runner.query(
      `INSERT INTO docket_entries (dispute_id, seq, occurred_at, actor_role, kind, text, message, params)
       SELECT $1, MAX(seq) + 1, now(), 'COMPLAINANT', 'offerGoodOffices', 'Good offices offered.', 'docket.verbatim',
              jsonb_build_object('text', 'Good offices offered.') FROM docket_entries WHERE dispute_id = $1`,
      [ids.A],
    );
    await runner.commitTransaction();
    await runner.release();
    const res = await adding;
    expect(res.errors).toBeUndefined();
    expect(res.data!.addClosedDay.movedDeadlines).toBe(3);
    const a = await view('A');
    expect(a.docket.slice(-2).map((e) => e.kind)).toEqual(['offerGoodOffices', 'deadlineMoved']);
    expect(a.docket.map((e) => e.seq)).toEqual(a.docket.map((_, i) => i + 1));
    expect(a.rule('ENTER_CONSULTATIONS').dueDate).toBe('2026-04-02');
  });

  it('shows the count only in the answer to addClosedDay', async () => {
    const res = await t.gql(`{ closedDays(from: "2026-01-01", to: "2026-12-31") { day movedDeadlines } }`);
    expect(res.data!.closedDays).toEqual([
      { day: '2026-03-20', movedDeadlines: null },
      { day: '2026-04-01', movedDeadlines: null },
    ]);
  });
});
