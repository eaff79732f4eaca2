import { EntityRows, MemberEntity, UserEntity } from '@app/core';
import { DeadlineEntity, DisputeEntity, DisputePartyEntity } from '@app/registry';
import { DocketEntryEntity } from '@app/registry';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLObjectType } from 'graphql';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createMember, createUser } from '../utils/factories';
import { meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($input: RequestConsultationsInput!) {
  requestConsultations(input: $input) {
    id docketNumber stage urgent complainant { code } respondents { code }
    deadlines { rule article dueDate status }
  }
}`;
const ACT = `mutation($input: TakeActionInput!) { takeAction(input: $input) { id stage thirdParties { code } } }`;
const DISPUTE = `query($id: ID!) {
  dispute(id: $id) {
    docketNumber stage goodOffices
    deadlines { rule dueDate status }
    nextDeadline { rule dueDate }
    docket(first: 100) { nodes { seq kind actorRole text } }
    allowedActions { now { action mutation } later { action mutation allowedFrom reason } }
  }
}`;

const day = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('registry: filing and the early procedure', () => {
  let t: TestApp;
  const members: Record<string, MemberEntity> = {};
  const users: Record<string, UserEntity> = {};
  // Tokens are minted afresh at each use: the test moves the clock by days, past their 15 minutes.
  const tokens = new Proxy({} as Record<string, string>, { get: (_, code: string) => t.tokenFor(users[code]) });
  let secretariatUser: UserEntity;
  const sec = () => t.tokenFor(secretariatUser);
  const START = '2026-03-02T09:00:00Z';

  const file = (token: string, input: Record<string, unknown> = {}) =>
    t.gql(
      FILE,
      {
        input: {
          respondents: ['PAK'],
          title: 'Measures affecting the importation of fresh fruit',
          measures: ['Import licensing regime for fresh fruit'],
          legalBasis: ['GATT 1994 Art. XI:1'],
          summary: 'The licensing regime restricts imports.',
          ...input,
        },
      },
      token,
    );
  const act = (token: string, disputeId: string, action: string, extra: Record<string, unknown> = {}) =>
    t.gql(ACT, { input: { disputeId, action, ...extra } }, token);
  const count = async (table: string) => Number((await t.db.query(`SELECT count(*) FROM ${table}`))[0].count);

  beforeAll(async () => {
    t = await startTestApp({ start: START });
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['KAZ', 'Kazakhstan'],
      ['IDN', 'Indonesia'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    secretariatUser = await createUser(t.db, { role: 'SECRETARIAT' });
  });
  afterAll(() => t.close());

  it('files a request for consultations with its first deadlines and a docket entry', async () => {
    const res = await file(tokens.CHN);
    expect(res.errors).toBeUndefined();
    const d = res.data!.requestConsultations;
    expect(d).toMatchObject({
      docketNumber: 'DS1',
      stage: 'CONSULTATIONS_REQUESTED',
      urgent: false,
      complainant: { code: 'CHN' },
      respondents: [{ code: 'PAK' }],
    });
    const due = Object.fromEntries(d.deadlines.map((x: { rule: string; dueDate: string }) => [x.rule, x.dueDate]));
    expect(due).toMatchObject({
      REPLY_TO_REQUEST: day('2026-03-02', 10),
      ENTER_CONSULTATIONS: day('2026-03-02', 30),
      EARLIEST_PANEL_REQUEST: day('2026-03-02', 60),
    });
    const page = await t.gql(DISPUTE, { id: d.id });
    expect(page.data!.dispute.docket.nodes).toEqual([
      expect.objectContaining({ seq: 1, kind: 'requestConsultations', actorRole: 'COMPLAINANT' }),
    ]);
  });

  it('shortens the periods of an urgent case (DSU 4.8) and moves a due date off a closed day', async () => {
    // Day 10 from the filing is closed: the reply is due the next working day.
    const closed = await t.gql(`mutation { addClosedDay(day: "${day('2026-03-02', 10)}", reason: "Spring holiday") { day } }`, {}, sec());
    expect(closed.errors).toBeUndefined();
    const res = await file(tokens.CHN, { urgent: true, title: 'Perishable goods' });
    const due = Object.fromEntries(
      res.data!.requestConsultations.deadlines.map((x: { rule: string; dueDate: string }) => [x.rule, x.dueDate]),
    );
    expect(due.REPLY_TO_REQUEST).toBe(day('2026-03-02', 11));
    expect(due.ENTER_CONSULTATIONS).toBe(day('2026-03-02', 11));
    expect(due.EARLIEST_PANEL_REQUEST).toBe(day('2026-03-02', 20));
    expect(res.data!.requestConsultations.docketNumber).toBe('DS2');
  });

  it.each([
    ['an unknown respondent', { respondents: ['ZZZ'] }, 'BAD_USER_INPUT', 'input.respondents'],
    ['the complainant as respondent', { respondents: ['CHN'] }, 'BAD_USER_INPUT', 'input.respondents'],
    ['an empty title', { title: '  ' }, 'BAD_USER_INPUT', 'input.title'],
    ['no legal basis', { legalBasis: [] }, 'BAD_USER_INPUT', 'input.legalBasis'],
  ])('refuses %s, naming the field, and writes nothing', async (_what, input, code, field) => {
    const before = [await count('disputes'), await count('docket_entries'), await count('audit_log')];
    const res = await file(tokens.CHN, input);
    expect(res.errors![0].extensions).toMatchObject({ code, field });
    expect([await count('disputes'), await count('docket_entries'), await count('audit_log')]).toEqual(before);
  });

  it('lets only a delegate file', async () => {
    expect((await file(sec())).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await file('')).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  describe('DS1 from request to established panel', () => {
    let id: string;
    beforeAll(async () => {
      id = (await t.gql('{ dispute(docketNumber: "DS1") { id } }')).data!.dispute.id;
    });

    it('refuses an early panel request with the day it becomes allowed', async () => {
      t.clock.set('2026-03-05T09:00:00Z');
      const res = await act(tokens.CHN, id, 'requestPanel');
      expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: day('2026-03-02', 60) });
      const page = await t.gql(DISPUTE, { id }, tokens.CHN);
      const later = page.data!.dispute.allowedActions.later.find((l: { action: string }) => l.action === 'requestPanel');
      expect(later.allowedFrom).toBe(day('2026-03-02', 60));
    });

    it('lets a member join as third party within 10 days, and not after', async () => {
      const res = await act(tokens.KAZ, id, 'joinAsThirdParty');
      expect(res.errors).toBeUndefined();
      // A request to join (DSU 4.11): a third party once the respondent accepts it.
      expect(res.data!.takeAction.thirdParties).toEqual([]);
      const accepted = await act(tokens.PAK, id, 'acceptJoinRequest', { memberCode: 'KAZ' });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data!.takeAction.thirdParties).toEqual([{ code: 'KAZ' }]);
      // The window ended on day 10, a day closed after the filing: it moved to day 11 (13 March).
      t.clock.set('2026-03-14T09:00:00Z');
      const late = await act(tokens.IDN, id, 'joinAsThirdParty');
      expect(late.errors![0].extensions.code).toBe('DEADLINE_PASSED');
    });

    it('refuses a step to someone who may not take it', async () => {
      expect((await act(tokens.PAK, id, 'requestPanel')).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await act(tokens.KAZ, id, 'withdraw')).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await act(tokens.CHN, id, 'recordBodyMeeting')).errors![0].extensions.code).toBe('INVALID_TRANSITION');
      expect(
        (await act(tokens.CHN, id, 'recordExtension', { extension: { rule: 'REPLY_TO_REQUEST', until: '2026-03-20' } })).errors![0]
          .extensions.code,
      ).toBe('FORBIDDEN');
    });

    it('allows the panel request early once the respondent missed its reply deadline (DSU 4.3)', async () => {
      // The reply was due on day 11 (day 10 is closed); it is now day 12.
      t.clock.set('2026-03-14T09:00:00Z');
      const res = await act(tokens.CHN, id, 'requestPanel');
      expect(res.errors).toBeUndefined();
      expect(res.data!.takeAction.stage).toBe('PANEL_REQUESTED');
    });

    it('records the body establishing the panel at a meeting, and dockets every step naming who acted', async () => {
      // The request of 14 March is on the agenda of meetings from 25 March (PANEL_REQUEST_NOTICE).
      t.clock.set('2026-03-25T10:00:00Z');
      const meetingId = await meetingToday(t);
      const res = await act(sec(), id, 'establishPanel', { meetingId });
      expect(res.errors).toBeUndefined();
      expect(res.data!.takeAction.stage).toBe('PANEL_ESTABLISHED');
      const page = (await t.gql(DISPUTE, { id })).data!.dispute;
      expect(page.docket.nodes.map((e: { kind: string }) => e.kind)).toEqual([
        'requestConsultations',
        'deadlineMoved',
        'joinAsThirdParty',
        'acceptJoinRequest',
        'requestPanel',
        'establishPanel',
      ]);
      expect(page.docket.nodes.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      const [, , joined, accepted, requested, established] = page.docket.nodes;
      expect(joined).toMatchObject({ actorRole: 'MEMBER', text: expect.stringMatching(/^Kazakhstan asked to join the consultations/) });
      expect(accepted).toMatchObject({
        actorRole: 'RESPONDENT',
        text: expect.stringMatching(/^Pakistan accepted Kazakhstan's request to join the consultations/),
      });
      expect(requested).toMatchObject({ actorRole: 'COMPLAINANT', text: 'China requested the establishment of a panel.' });
      expect(established.actorRole).toBe('BODY');
      expect(established.text).toMatch(/^The body established a panel\. Meeting of the body of 2026-03-25, 4 of 4 members present/);
      // The reply ran out on 13 March, before the panel request: missed, not superseded.
      const reply = page.deadlines.find((d: { rule: string }) => d.rule === 'REPLY_TO_REQUEST');
      expect(reply.status).toBe('MISSED');
      expect(page.deadlines.find((d: { rule: string }) => d.rule === 'EARLIEST_PANEL_REQUEST').status).toBe('SUPERSEDED');
      // The public sees the case but may take no step.
      expect((await t.gql(DISPUTE, { id })).data!.dispute.allowedActions.now).toEqual([]);
    });

    it('refuses a step that does not belong to the stage', async () => {
      const res = await act(tokens.CHN, id, 'enterConsultations');
      expect(res.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    });
  });

  it('ends a case by mutually agreed solution, superseding every open deadline', async () => {
    const d = (await file(tokens.KAZ, { respondents: ['IDN'] })).data!.requestConsultations;
    const res = await act(tokens.IDN, d.id, 'notifyMutuallyAgreedSolution');
    expect(res.data!.takeAction.stage).toBe('SETTLED_MAS');
    const page = (await t.gql(DISPUTE, { id: d.id })).data!.dispute;
    // Nothing had run out: every limit is moot, none missed.
    expect(page.deadlines.length).toBeGreaterThan(0);
    expect(page.deadlines.every((x: { status: string }) => x.status === 'SUPERSEDED')).toBe(true);
    expect(page.docket.nodes.at(-1)).toMatchObject({
      actorRole: 'RESPONDENT',
      text: 'The parties notified a mutually agreed solution (Indonesia filed the notification).',
    });
    expect(page.nextDeadline).toBeNull();
    expect((await act(tokens.KAZ, d.id, 'withdraw')).errors![0].extensions.code).toBe('INVALID_TRANSITION');
  });

  it('closes every limit of a withdrawn case in the same step: MISSED only where time had run out', async () => {
    const d = (await file(tokens.KAZ, { respondents: ['PAK'], title: 'Withdrawn late' })).data!.requestConsultations;
    // Fifteen days on, nobody swept: the reply (10 days) and the third-party window have run out.
    t.clock.advance(15 * 86_400_000);
    const res = await act(tokens.KAZ, d.id, 'withdraw');
    expect(res.data!.takeAction.stage).toBe('WITHDRAWN');
    const page = (await t.gql(DISPUTE, { id: d.id })).data!.dispute;
    const status = Object.fromEntries(page.deadlines.map((x: { rule: string; status: string }) => [x.rule, x.status]));
    expect(status).toEqual({
      REPLY_TO_REQUEST: 'MISSED', // the respondent's reply was due and did not come
      THIRD_PARTY_CONSULTATIONS: 'LAPSED', // a window nobody used: no fault
      ENTER_CONSULTATIONS: 'SUPERSEDED', // 30 days, still running: moot
      EARLIEST_PANEL_REQUEST: 'SUPERSEDED',
    });
    expect(page.nextDeadline).toBeNull();
    expect(page.docket.nodes.at(-1)).toMatchObject({
      kind: 'withdraw',
      actorRole: 'COMPLAINANT',
      text: 'Kazakhstan withdrew its complaint.',
    });
  });

  it('answers CONFLICT to a step on a dispute someone else is changing at that moment', async () => {
    const d = (await file(tokens.KAZ, { respondents: ['CHN'] })).data!.requestConsultations;
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('SELECT id FROM disputes WHERE id = $1 FOR UPDATE', [d.id]);
    const res = await act(tokens.KAZ, d.id, 'withdraw');
    await runner.rollbackTransaction();
    await runner.release();
    expect(res.errors![0].extensions.code).toBe('CONFLICT');
    // Two conflicting steps at once: exactly one takes effect.
    const both = await Promise.all([act(tokens.KAZ, d.id, 'withdraw'), act(tokens.CHN, d.id, 'notifyMutuallyAgreedSolution')]);
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    const loser = both.find((r) => r.errors)!;
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(loser.errors![0].extensions.code);
    const entries = await t.db.query('SELECT kind FROM docket_entries WHERE dispute_id = $1 ORDER BY seq', [d.id]);
    expect(entries).toHaveLength(2);
  });

  it('lists deadlines across cases by due date, status and member', async () => {
    const res = await t.gql(`{ deadlines(first: 100, filter: { status: OPEN, member: "CHN", dueBefore: "2026-12-31" }) {
      nodes { rule dueDate status dispute { docketNumber } } } }`);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.deadlines.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: { status: string }) => n.status === 'OPEN')).toBe(true);
    const dates = nodes.map((n: { dueDate: string }) => n.dueDate);
    expect([...dates].sort()).toEqual(dates);
    const none = await t.gql(`{ deadlines(first: 100, filter: { member: "BRA" }) { nodes { rule } } }`);
    expect([none.errors, none.data!.deadlines.nodes]).toEqual([undefined, []]);
  });

  it('filters disputes by stage, party and text, with a public answer', async () => {
    const q = (filter: string) => t.gql(`{ disputes(first: 50, filter: ${filter}) { nodes { docketNumber } } }`);
    const codes = async (filter: string) => (await q(filter)).data!.disputes.nodes.map((n: { docketNumber: string }) => n.docketNumber);
    expect(await codes('{ stage: PANEL_ESTABLISHED }')).toEqual(['DS1']);
    expect(await codes('{ respondent: "IDN" }')).toEqual(['DS3']);
    expect(await codes('{ member: "KAZ", complainant: "CHN" }')).toEqual(['DS1']);
    // A code no member has matches nothing (it is not dropped from the filter).
    expect(await codes('{ member: "BRA" }')).toEqual([]);
    expect(await codes('{ member: "BRA", complainant: "CHN" }')).toEqual([]);
    expect(await codes('{ text: "perishable" }')).toEqual(['DS2']);
    expect(await codes('{ text: "DS2" }')).toEqual(['DS2']);
  });

  it('pages through the disputes newest first by cursor, and filters by filing date', async () => {
    const all = await t.gql(`{ disputes(first: 50) { nodes { docketNumber filedAt parties { kind member { code } } } } }`);
    const nodes: { docketNumber: string; filedAt: string; parties: { kind: string; member: { code: string } }[] }[] =
      all.data!.disputes.nodes;
    expect(nodes.length).toBeGreaterThanOrEqual(3);
    const filed = nodes.map((n) => n.filedAt);
    expect([...filed].sort().reverse()).toEqual(filed);
    // The complainant first, then the respondents and the third parties.
    for (const n of nodes) {
      const order = n.parties.map((p) => ['COMPLAINANT', 'RESPONDENT', 'THIRD_PARTY'].indexOf(p.kind));
      expect([...order].sort()).toEqual(order);
      expect(order[0]).toBe(0);
    }

    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: Awaited<ReturnType<TestApp['gql']>> = await t.gql(
        'query($after: String) { disputes(first: 1, after: $after) { edges { cursor node { docketNumber } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(res.errors).toBeUndefined();
      const page: { edges: { node: { docketNumber: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (res.data as any)
        .disputes;
      paged.push(...page.edges.map((e: { node: { docketNumber: string } }) => e.node.docketNumber));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(paged.length).toBeLessThanOrEqual(nodes.length);
    }
    expect(paged).toEqual(nodes.map((n) => n.docketNumber));

    const days = (filter: string) =>
      t
        .gql(`{ disputes(first: 50, filter: ${filter}) { nodes { docketNumber } } }`)
        .then((r) => r.data!.disputes.nodes.map((n: { docketNumber: string }) => n.docketNumber));
    const newest = nodes[0].filedAt.slice(0, 10);
    const oldest = nodes[nodes.length - 1].filedAt.slice(0, 10);
    expect(await days(`{ filedFrom: "${newest}" }`)).toEqual(
      nodes.filter((n) => n.filedAt.slice(0, 10) >= newest).map((n) => n.docketNumber),
    );
    expect(await days(`{ filedTo: "${oldest}" }`)).toEqual(
      nodes.filter((n) => n.filedAt.slice(0, 10) <= oldest).map((n) => n.docketNumber),
    );
    expect(await days(`{ filedFrom: "${oldest}", filedTo: "${newest}" }`)).toEqual(nodes.map((n) => n.docketNumber));
    expect(await days('{ filedTo: "2026-03-01" }')).toEqual([]);
  });

  it('reads entities by hand-written SQL (EntityRows) exactly as their repositories do', async () => {
    const same = async <E extends ObjectLiteral>(target: EntityTarget<E>, table: string, key: (e: E) => string) => {
      const sorted = (list: E[]) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      const byRepository = await t.db.getRepository(target).find();
      const rows = new EntityRows<E>(t.db, target, 'x_');
      const byHand = await rows.read(`SELECT ${rows.select('t')} FROM ${table} t`, []);
      expect(byRepository.length).toBeGreaterThan(0);
      expect(sorted(byHand as E[])).toStrictEqual(sorted(byRepository));
    };
    // Dates, timestamps, arrays, JSON, nullable columns and a version column among them.
    await same(DisputeEntity, 'disputes', (e) => e.id);
    await same(DisputePartyEntity, 'dispute_parties', (e) => `${e.disputeId}/${e.memberId}`);
    await same(DeadlineEntity, 'deadlines', (e) => e.id);
    await same(MemberEntity, 'members', (e) => e.id);
    await same(UserEntity, 'users', (e) => e.id);
    await same(DocketEntryEntity, 'docket_entries', (e) => e.id);
    const some = new EntityRows(t.db, MemberEntity, '', ['id', 'code']);
    const [member] = await some.read(`SELECT ${some.select('m')} FROM members m WHERE m.code = $1`, ['CHN']);
    expect({ ...member }).toEqual({ id: members.CHN.id, code: 'CHN' });
    expect(() => new EntityRows(t.db, MemberEntity, '', ['id', 'nope' as 'id']).select('m')).toThrow('MemberEntity has no column nope');
  });

  it('runs the same number of SQL statements for 100 disputes as for 10', async () => {
    for (let i = 0; i < 100; i += 1) await file(tokens.IDN, { respondents: ['KAZ'], title: `Bulk ${i}` });
    const query = (n: number) =>
      `{ disputes(first: ${n}) { nodes { docketNumber stage complainant { code } respondents { code } thirdParties { code } nextDeadline { dueDate } allowedActions { now { action mutation } } } } }`;
    const statements = async (n: number, token = tokens.KAZ) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      const res = await t.gql(query(n), {}, token);
      // A large page is charged once against the address's query budget (one statement in
      // rate_limits, whatever the size); it is counted apart so the data statements compare alike.
      const sqls = spy.mock.calls.map(([sql]) => String(sql));
      spy.mockRestore();
      const charged = sqls.filter((sql) => sql.includes('rate_limits')).length;
      expect(charged).toBe(n > 10 ? 1 : 0);
      const calls = sqls.length - charged;
      expect(res.data!.disputes.nodes).toHaveLength(n);
      return calls;
    };
    const ten = await statements(10);
    expect(await statements(100)).toBe(ten);
    // The token's user, the page, parties with their members, next deadlines, the disputes again
    // for allowedActions, their deadline rows, the closed days, and the open elections (the panels'
    // steps: a ballot to cast): one statement each, whatever the size.
    expect(ten).toBe(8);
    // The secretariat's steps read the pending challenges too (decideChallenge, closeElection).
    const tenForSecretariat = await statements(10, sec());
    expect(await statements(100, sec())).toBe(tenForSecretariat);
    expect(tenForSecretariat).toBe(9);
  });

  it('binds the fields a docket list asks on every row directly to graphql-js, with the same answers', async () => {
    // A method bound as it is (`bound <name>`, bound again by the schema's factory) means @nestjs/graphql found no parameter decorator,
    // enhancer or field middleware on it; Nest's wrapper (its context creator and the validation
    // pipe, on every row) is an anonymous function. A decorator added back fails here.
    const dispute = t.app.get(GraphQLSchemaHost).schema.getType('Dispute') as GraphQLObjectType;
    const fields = dispute.getFields();
    for (const name of ['parties', 'complainant', 'respondents', 'thirdParties', 'deadlines', 'nextDeadline']) {
      expect(fields[name].resolve?.name).toMatch(new RegExp(`^(bound )+${name}$`));
    }
    // Arguments still validated by the pipe: docket's page size.
    expect(fields.docket.resolve?.name).not.toMatch(/^(bound )+docket$/);
    // Two disputes of its own (the test may run alone), one with two respondents.
    await file(tokens.CHN);
    await file(tokens.KAZ, { respondents: ['IDN', 'PAK'] });
    const { data } = await t.gql(
      `{ disputes(first: 5) { nodes { id parties { kind member { code } } complainant { code } respondents { code }
         thirdParties { code } deadlines { rule status } nextDeadline { rule dueDate } } } }`,
      {},
      sec(),
    );
    const nodes = data!.disputes.nodes as {
      id: string;
      parties: { kind: string; member: { code: string } }[];
      complainant: { code: string };
      respondents: { code: string }[];
      deadlines: { rule: string; status: string }[];
      nextDeadline: { rule: string; dueDate: string } | null;
    }[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const partyRows = await t.db.query(
        `SELECT p.kind, m.code FROM dispute_parties p JOIN members m ON m.id = p.member_id WHERE p.dispute_id = $1`,
        [node.id],
      );
      const key = (p: { kind: string; code: string }) => `${p.kind}/${p.code}`;
      expect(node.parties.map((p) => key({ kind: p.kind, code: p.member.code })).sort()).toEqual(partyRows.map(key).sort());
      expect(node.complainant.code).toBe(partyRows.find((p: { kind: string }) => p.kind === 'COMPLAINANT').code);
      expect(node.respondents.map((m) => m.code).sort()).toEqual(
        partyRows
          .filter((p: { kind: string }) => p.kind === 'RESPONDENT')
          .map((p: { code: string }) => p.code)
          .sort(),
      );
      const [{ count: limits }] = await t.db.query('SELECT count(*)::int AS count FROM deadlines WHERE dispute_id = $1', [node.id]);
      expect(node.deadlines).toHaveLength(limits);
      const [next] = await t.db.query(
        `SELECT rule, to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM deadlines
          WHERE dispute_id = $1 AND status = 'OPEN' AND paused_remaining_days IS NULL ORDER BY due_date, id LIMIT 1`,
        [node.id],
      );
      expect(node.nextDeadline && { rule: node.nextDeadline.rule, dueDate: node.nextDeadline.dueDate }).toEqual(next ?? null);
    }
  });
});
