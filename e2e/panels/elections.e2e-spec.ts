import { MemberEntity, UserEntity } from '@app/core';
import { ElectionClosingService, RosterPersonEntity } from '@app/panels';
import { count, parseBlt } from '@app/stv';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ProcedureSweeper } from '@app/registry';
import { OnePanelSeatsTable1795770000000 } from '../../migrations/1795770000000-OnePanelSeatsTable';
import { DataSource } from 'typeorm';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;
const OPEN = `mutation($input: OpenElectionInput!) { openElection(input: $input) { id seats status seedHash seed electorateSize candidates { name } } }`;
const CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`;
const ELECTION = `query($id: ID!) { election(id: $id) { status seats seed seedHash turnout electorateSize
  elected { name } ballotsPublished ballots { receipt ranking } blt count } }`;
const VERIFY = `query($e: ID!, $r: String!) { verifyReceipt(electionId: $e, receipt: $r) }`;

const run = promisify(execFile);
const ELECTORS = ['KAZ', 'IDN', 'MYS', 'THA', 'EGY', 'KEN'];
const NAMES = {
  A: ['Alice Ang', 'SGP'],
  B: ['Bruno Braga', 'BRA'],
  C: ['Clara Chevalier', 'CHE'],
  D: ['Dan Dunn', 'NZL'],
  E: ['Eve Evans', 'CAN'],
  P: ['Parveen Qureshi', 'PAK'],
} as const;
type Key = keyof typeof NAMES;

describe('panel election: open, vote, close, compose, verify, replace', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  const persons = {} as Record<Key, RosterPersonEntity>;
  const panelists = {} as Record<Key, UserEntity>;
  const tok = (who: string) => t.tokenFor(users[who]);
  let disputeId: string;
  let electionId: string;
  const receipts: Record<string, string> = {};
  const DAY = 86_400_000;
  const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    const members: Record<string, MemberEntity> = {};
    for (const code of ['CHN', 'PAK', ...ELECTORS]) {
      members[code] = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    for (const key of Object.keys(NAMES) as Key[]) {
      panelists[key] = await createUser(t.db, { role: 'PANELIST' });
      const [name, nationality] = NAMES[key];
      persons[key] = await t.db.getRepository(RosterPersonEntity).save(
        t.db.getRepository(RosterPersonEntity).create({
          name,
          nationality,
          expertise: ['trade in goods'],
          languages: ['en'],
          available: true,
          status: 'APPROVED',
          nominatedByMemberId: members.IDN.id,
          userId: panelists[key].id,
        }),
      );
    }
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`,
      {},
      tok('CHN'),
    );
    disputeId = filed.data!.requestConsultations.id;
    await t.gql(ACT, { id: disputeId, action: 'joinAsThirdParty' }, tok('KAZ'));
    await t.gql(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('CHN'));
    await t.gql(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('PAK'));
    await t.gql(ACT, { id: disputeId, action: 'requestPanel' }, tok('CHN'));
    // The body's meeting 11 days after the request (PANEL_REQUEST_NOTICE) establishes the panel.
    t.clock.set('2026-03-13T09:00:00Z');
    const established = await t.gql(TAKE_ACTION, { id: disputeId, action: 'establishPanel', meetingId: await meetingToday(t) }, tok('SEC'));
    expect(established.data!.takeAction.stage).toBe('PANEL_ESTABLISHED');
  });
  afterAll(() => t.close());

  const cast = (who: string, ranking: Key[], id = electionId) =>
    t.gql(CAST, { input: { electionId: id, ranking: ranking.map((k) => persons[k].id) } }, tok(who));

  it('refuses to open an election by anyone but the secretariat, or while the parties may still agree on five (DSU 8.5)', async () => {
    // Established on 13 March: the parties may agree on five panelists until 23 March, and
    // challenge candidates until 28 March.
    const input = { disputeId, opensAt: at(0), closesAt: at(16) };
    expect((await t.gql(OPEN, { input }, tok('CHN'))).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(OPEN, { input: { ...input, closesAt: at(-1) } }, tok('SEC'))).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.closesAt',
    });
    expect((await t.gql(OPEN, { input: { ...input, vacancy: true } }, tok('SEC'))).errors![0].extensions.code).toBe('INVALID_TRANSITION');
    const early = await t.gql(OPEN, { input }, tok('SEC'));
    expect(early.errors![0].extensions).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: '2026-03-24' });
    expect(early.errors![0].message).toMatch(/FIVE_PANELISTS/);
    expect((await t.db.query('SELECT count(*)::int AS n FROM elections'))[0].n).toBe(0);

    // Day 11: the window ran out without an agreement. Its lapse never means five panelists.
    t.clock.set('2026-03-24T09:00:00Z');
    expect((await t.gql(ACT, { id: disputeId, action: 'agreeFivePanelists' }, tok('SEC'))).errors![0].extensions.code).toBe(
      'DEADLINE_PASSED',
    );
    await t.app.get(ProcedureSweeper).sweep();
    const [five] = await t.db.query(`SELECT status FROM deadlines WHERE dispute_id = $1 AND rule = 'FIVE_PANELISTS'`, [disputeId]);
    expect(five.status).toBe('LAPSED');
    // Members vote from their capitals: at least 7 days.
    const short = await t.gql(OPEN, { input: { disputeId, opensAt: at(0), closesAt: at(7 - 1 / 24) } }, tok('SEC'));
    expect(short.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.closesAt',
      domainCode: 'VOTING_PERIOD_TOO_SHORT',
    });
  });

  it('opens with the eligible candidates, the non-party electorate and a published seed hash', async () => {
    const res = await t.gql(OPEN, { input: { disputeId, opensAt: at(0), closesAt: at(7) } }, tok('SEC'));
    expect(res.errors).toBeUndefined();
    const e = res.data!.openElection;
    electionId = e.id;
    expect(e).toMatchObject({ seats: 3, status: 'OPEN', seed: null, electorateSize: ELECTORS.length });
    expect(e.seedHash).toMatch(/^[0-9a-f]{64}$/);
    // A national of a party is not a candidate (DSU 8.3).
    expect(e.candidates.map((c: { name: string }) => c.name)).toEqual([
      'Alice Ang',
      'Bruno Braga',
      'Clara Chevalier',
      'Dan Dunn',
      'Eve Evans',
    ]);
    const second = await t.gql(OPEN, { input: { disputeId, opensAt: at(0), closesAt: at(7) } }, tok('SEC'));
    expect(second.errors![0].extensions.code).toBe('CONFLICT');
  });

  it('takes one ballot per member, even from 100 simultaneous casts', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => cast('IDN', ['A', 'B'])));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0].extensions.code === 'CONFLICT')).toBe(true);
    receipts.IDN = ok[0].data!.castBallot.receipt;
    // Sealed until the close: no clear ballot while the vote runs.
    expect((await t.db.query('SELECT count(*)::int AS n FROM sealed_ballots WHERE election_id = $1', [electionId]))[0].n).toBe(1);
    expect((await t.db.query('SELECT count(*)::int AS n FROM ballots WHERE election_id = $1', [electionId]))[0].n).toBe(0);
  });

  it('refuses bad ballots, storing nothing of them', async () => {
    expect((await cast('CHN', ['A'])).errors![0].extensions.code).toBe('FORBIDDEN'); // a party
    expect((await cast('KEN', ['P'])).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ranking' });
    expect((await cast('KEN', ['A', 'A'])).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(
      (await t.gql(CAST, { input: { electionId, ranking: [persons.A.id] } }, t.tokenFor(panelists.A))).errors![0].extensions.code,
    ).toBe('FORBIDDEN');
    expect((await t.db.query('SELECT count(*)::int AS n FROM sealed_ballots WHERE election_id = $1', [electionId]))[0].n).toBe(1);
    expect((await t.db.query('SELECT count(*)::int AS n FROM election_votes WHERE election_id = $1', [electionId]))[0].n).toBe(1);
  });

  it('keeps the ballot apart from the voter', async () => {
    const columns = async (table: string) =>
      (await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [table]))
        .map((r: { column_name: string }) => r.column_name)
        .sort();
    expect(await columns('ballots')).toEqual(['election_id', 'id', 'ranking', 'receipt']);
    expect(await columns('sealed_ballots')).toEqual(['election_id', 'id', 'sealed']);
  });

  it('closes at its time only, counts, reveals the seed and composes the panel', async () => {
    for (const [who, ranking] of [
      ['KAZ', ['A', 'B']],
      ['MYS', ['A', 'C']],
      ['THA', ['B', 'C']],
      ['EGY', ['C', 'B']],
      ['KEN', ['D', 'C']],
    ] as [string, Key[]][]) {
      const res = await cast(who, ranking);
      expect(res.errors).toBeUndefined();
      receipts[who] = res.data!.castBallot.receipt;
    }
    const early = await t.gql(`mutation($id: ID!) { closeElection(id: $id) { status } }`, { id: electionId }, tok('SEC'));
    expect(early.errors![0].extensions.code).toBe('NOT_YET_ALLOWED');
    t.clock.advance(7 * DAY + 1000);
    expect((await cast('KEN', ['E'])).errors![0].extensions.code).toBe('DEADLINE_PASSED');
    const closed = await t.gql(`mutation($id: ID!) { closeElection(id: $id) { status } }`, { id: electionId }, tok('SEC'));
    expect(closed.data!.closeElection.status).toBe('CLOSED');

    const e = (await t.gql(ELECTION, { id: electionId })).data!.election;
    expect(createHash('sha256').update(e.seed).digest('hex')).toBe(e.seedHash);
    expect(e.turnout).toBe(6);
    // Six ballots, at least BALLOT_PUBLICATION_MIN (5): published.
    expect(e.ballotsPublished).toBe(true);
    expect(e.ballots).toHaveLength(6);
    // The sealed ballots are gone: opened, shuffled and stored in clear in one statement.
    expect((await t.db.query('SELECT count(*)::int AS n FROM sealed_ballots WHERE election_id = $1', [electionId]))[0].n).toBe(0);
    // Quota floor(6/4)+1 = 2. Alice has 3 and is elected; her surplus of 1 goes at 1/3 to
    // Bruno (2 papers) and Clara (1): Bruno 1.66666, Clara 1.33333, Dan 1. Eve (0) and then
    // Dan are excluded; Dan's paper takes Clara to 2.33333; Bruno fills the last seat.
    expect(e.elected.map((p: { name: string }) => p.name)).toEqual(['Alice Ang', 'Clara Chevalier', 'Bruno Braga']);
    expect(e.count.quota).toBe('2.00000');
    // The list reads elections without their count and reads it only when asked for: the same count.
    const list = (await t.gql(`{ elections(first: 10) { nodes { id ballotsPublished count } } }`)).data!.elections.nodes;
    expect(list.find((n: { id: string }) => n.id === electionId)).toEqual({ id: electionId, ballotsPublished: true, count: e.count });

    const dispute = (
      await t.gql(`query($id: ID!) { dispute(id: $id) { stage panel { person { name } chair } docket(first: 100) { nodes { kind } } } }`, {
        id: disputeId,
      })
    ).data!.dispute;
    expect(dispute.stage).toBe('PANEL_COMPOSED');
    expect(dispute.panel).toEqual([
      { person: { name: 'Alice Ang' }, chair: true },
      { person: { name: 'Clara Chevalier' }, chair: false },
      { person: { name: 'Bruno Braga' }, chair: false },
    ]);
    expect(dispute.docket.nodes.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['openPanelElection', 'composePanel']),
    );
  });

  it('lets every voter find their receipt, and anyone recount the published ballots to the same result', async () => {
    for (const receipt of Object.values(receipts)) {
      const res = await t.gql(VERIFY, { e: electionId, r: receipt.toLowerCase().replace(/-/g, '') });
      expect(res.data!.verifyReceipt).toBe(true);
    }
    const forged = await t.gql(`query($e: ID!) { verifyReceipt(electionId: $e, receipt: "0000-0000-0000-0000") }`, { e: electionId });
    expect(forged.data!.verifyReceipt).toBe(false);
    const e = (await t.gql(ELECTION, { id: electionId })).data!.election;
    expect(e.ballots.map((b: { receipt: string }) => b.receipt).sort()).toEqual(Object.values(receipts).sort());
    const parsed = parseBlt(e.blt);
    const recount = count({
      candidates: parsed.candidates,
      seats: parsed.seats,
      ballots: parsed.ballots,
      seed: e.seed,
      rules: 'scottish-stv',
    });
    expect(recount.elected).toEqual(e.count.elected);
    expect(recount.stages).toEqual(e.count.stages);
    // And with the command anyone can run on the exported file.
    const dir = mkdtempSync(join(tmpdir(), 'blt-'));
    writeFileSync(join(dir, 'election.blt'), e.blt);
    const { stdout } = await run(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'scripts/tally.ts',
        join(dir, 'election.blt'),
        '--seed',
        e.seed,
      ],
      {
        cwd: join(__dirname, '..', '..'),
      },
    );
    const tally = JSON.parse(stdout);
    expect(tally.elected).toEqual(e.count.elected);
    expect(tally.quota).toBe(e.count.quota);
  });

  it('makes a seated panelist act as the panel: suspension at the complainant’s request (DSU 12.12)', async () => {
    expect((await t.gql(ACT, { id: disputeId, action: 'requestSuspension' }, tok('CHN'))).errors).toBeUndefined();
    const outsider = await t.gql(ACT, { id: disputeId, action: 'suspend' }, t.tokenFor(panelists.D));
    expect(outsider.errors![0].extensions.code).toBe('FORBIDDEN');
    const res = await t.gql(ACT, { id: disputeId, action: 'suspend' }, t.tokenFor(panelists.C));
    expect(res.data!.takeAction.stage).toBe('SUSPENDED');
    const resumed = await t.gql(ACT, { id: disputeId, action: 'resume' }, tok('CHN'));
    expect(resumed.data!.takeAction.stage).toBe('PANEL_COMPOSED');
  });

  it('lets the panel see restricted filings, and a panelist elsewhere not', async () => {
    const filed = await t.gql(
      `mutation($id: ID!) { fileDocument(input: { disputeId: $id, kind: REBUTTAL, classification: RESTRICTED,
      title: "Rebuttal", fileName: "r.txt", mediaType: "text/plain", content: "cmVidXR0YWw=" }) { id } }`,
      { id: disputeId },
      tok('PAK'),
    );
    const id = filed.data!.fileDocument.id;
    const seen = await t.gql(`query($id: ID!) { document(id: $id) { title } }`, { id }, t.tokenFor(panelists.B));
    expect(seen.data!.document.title).toBe('Rebuttal');
    const notSeen = await t.gql(`query($id: ID!) { document(id: $id) { title } }`, { id }, t.tokenFor(panelists.D));
    expect(notSeen.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('replaces a panelist who withdraws by an election for the seat; the chair passes on', async () => {
    const vacate = `mutation($d: ID!, $p: ID!) { vacatePanelSeat(disputeId: $d, personId: $p, reason: "Withdrew for health reasons") }`;
    expect((await t.gql(vacate, { d: disputeId, p: persons.A.id }, tok('CHN'))).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(vacate, { d: disputeId, p: persons.A.id }, tok('SEC'))).data!.vacatePanelSeat).toBe(true);
    const panel = async () =>
      (await t.gql(`query($id: ID!) { dispute(id: $id) { panel { person { name } chair } } }`, { id: disputeId })).data!.dispute.panel;
    expect(await panel()).toEqual([
      { person: { name: 'Clara Chevalier' }, chair: true },
      { person: { name: 'Bruno Braga' }, chair: false },
    ]);
    // The former chair can no longer act as the panel.
    expect((await t.gql(ACT, { id: disputeId, action: 'requestSuspension' }, tok('CHN'))).errors).toBeUndefined();
    expect((await t.gql(ACT, { id: disputeId, action: 'suspend' }, t.tokenFor(panelists.A))).errors![0].extensions.code).toBe('FORBIDDEN');

    // A first vacancy election misses its quorum and fails; the second fills the seat.
    const first = (await t.gql(OPEN, { input: { disputeId, opensAt: at(1), closesAt: at(8), vacancy: true } }, tok('SEC'))).data!
      .openElection;
    expect(first.seats).toBe(1);
    // Neither the seated panelists nor the one who left stand for the seat.
    expect(first.candidates.map((c: { name: string }) => c.name)).toEqual(['Dan Dunn', 'Eve Evans']);
    expect((await cast('KEN', ['D'], first.id)).errors![0].extensions.code).toBe('NOT_YET_ALLOWED');
    t.clock.advance(1 * DAY + 1000);
    const lone = await cast('KEN', ['D'], first.id);
    expect(lone.errors).toBeUndefined();
    t.clock.advance(7 * DAY);
    const failed = await t.gql(`mutation($id: ID!) { closeElection(id: $id) { status turnout } }`, { id: first.id }, tok('SEC'));
    expect(failed.data!.closeElection).toEqual({ status: 'FAILED', turnout: 1 });
    // A failed election is not counted: its one ballot, which the audit trail would tie to the only
    // member that voted, is destroyed unread and never published.
    const failedElection = (await t.gql(ELECTION, { id: first.id })).data!.election;
    expect(failedElection).toMatchObject({
      status: 'FAILED',
      turnout: 1,
      ballotsPublished: false,
      ballots: null,
      blt: null,
      count: null,
      elected: [],
    });
    expect((await t.db.query('SELECT count(*)::int AS n FROM sealed_ballots WHERE election_id = $1', [first.id]))[0].n).toBe(0);
    expect((await t.db.query('SELECT count(*)::int AS n FROM ballots WHERE election_id = $1', [first.id]))[0].n).toBe(0);
    expect((await t.gql(VERIFY, { e: first.id, r: lone.data!.castBallot.receipt })).data!.verifyReceipt).toBe(false);

    const second = (await t.gql(OPEN, { input: { disputeId, opensAt: at(0), closesAt: at(7), vacancy: true } }, tok('SEC'))).data!
      .openElection;
    const fewReceipts: string[] = [];
    for (const who of ['KAZ', 'IDN', 'MYS', 'THA']) {
      const res = await cast(who, ['E', 'D'], second.id);
      expect(res.errors).toBeUndefined();
      fewReceipts.push(res.data!.castBallot.receipt);
    }
    // The worker's job closes what is due (twice here: the second finds nothing left).
    const closing = t.app.get(ElectionClosingService);
    expect(await closing.closeDue()).toBe(0);
    t.clock.advance(7 * DAY + 1000);
    expect(await closing.closeDue()).toBe(1);
    expect(await closing.closeDue()).toBe(0);
    // Four ballots, fewer than BALLOT_PUBLICATION_MIN (5): the elected and the turnout only. The
    // ballots, their file and the stages of the count (which would show them) are withheld; each
    // voter still finds their receipt among the counted ballots.
    const few = (await t.gql(ELECTION, { id: second.id })).data!.election;
    expect(few).toMatchObject({
      status: 'CLOSED',
      turnout: 4,
      ballotsPublished: false,
      ballots: null,
      blt: null,
      count: null,
      elected: [{ name: 'Eve Evans' }],
    });
    expect(few.seed).toMatch(/^[0-9a-f]{64}$/);
    for (const receipt of fewReceipts) expect((await t.gql(VERIFY, { e: second.id, r: receipt })).data!.verifyReceipt).toBe(true);
    const fill = (
      await t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind text } } } }`, { id: disputeId }, tok('SEC'))
    )
      .data!.dispute.docket.nodes.filter((n: { kind: string }) => n.kind === 'fillVacancy')
      .map((n: { text: string }) => n.text);
    expect(fill.at(-1)).toMatch(
      /4 of 6 members voted; elected Eve Evans\. Fewer than 5 members voted: .* only the elected and the turnout are published/,
    );
    expect(await panel()).toEqual([
      { person: { name: 'Clara Chevalier' }, chair: true },
      { person: { name: 'Bruno Braga' }, chair: false },
      { person: { name: 'Eve Evans' }, chair: false },
    ]);
    expect((await t.gql(`query($id: ID!) { dispute(id: $id) { stage } }`, { id: disputeId })).data!.dispute.stage).toBe('PANEL_COMPOSED');
  });

  it('empties the seat of a panelist whose conflict is confirmed, not of one cleared; a challenge after composition is too late', async () => {
    const panel = async () =>
      (await t.gql(`query($id: ID!) { dispute(id: $id) { panel { person { name } chair } } }`, { id: disputeId })).data!.dispute.panel;
    const docket = async () =>
      (await t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind text } } } }`, { id: disputeId }, tok('SEC')))
        .data!.dispute.docket.nodes as { kind: string; text: string }[];
    const ok = async (query: string, variables: Record<string, unknown>, who: string) => {
      const res = await t.gql(query, variables, who === 'B' ? t.tokenFor(panelists.B) : tok(who));
      expect(res.errors).toBeUndefined();
      return res.data!;
    };
    const DECLARE = `mutation($input: DeclareDisclosureInput!) { declareDisclosure(input: $input) { id } }`;
    const DECIDE = `mutation($id: ID!, $upheld: Boolean!) { decideDisclosure(id: $id, upheld: $upheld, reason: "Decided") { status } }`;
    const disclose = async (text: string) =>
      (await ok(DECLARE, { input: { personId: persons.B.id, kind: 'FINANCIAL', text, disputeId } }, 'B')).declareDisclosure.id as string;

    // Cleared: Bruno keeps his seat.
    await ok(DECIDE, { id: await disclose('Holds shares in a fruit importer'), upheld: false }, 'SEC');
    expect(await panel()).toHaveLength(3);
    // Confirmed: his seat falls vacant in the same step, docketed without the disclosure's content.
    await ok(DECIDE, { id: await disclose('Advised the respondent on this measure'), upheld: true }, 'SEC');
    expect(await panel()).toEqual([
      { person: { name: 'Clara Chevalier' }, chair: true },
      { person: { name: 'Eve Evans' }, chair: false },
    ]);
    const left = (await docket()).filter((n) => n.kind === 'vacatePanelSeat').map((n) => n.text);
    expect(left.at(-1)).toBe(
      'Bruno Braga left the panel: a conflict of interest was confirmed on a disclosure. The seat will be filled by election.',
    );
    expect(JSON.stringify(await docket())).not.toContain('Advised the respondent');

    // A challenge comes within 15 days of establishment (DSU 8.6), before the panel is composed:
    // once seated, a panelist is no longer challenged.
    const CHALLENGE = `mutation($d: ID!, $p: ID!) { challengeCandidate(disputeId: $d, personId: $p, grounds: "Prior advice to the complainant") { id } }`;
    const late = await t.gql(CHALLENGE, { d: disputeId, p: persons.C.id }, tok('PAK'));
    expect(late.errors![0].extensions).toMatchObject({
      code: 'DEADLINE_PASSED',
      domainCode: 'CHALLENGE_WINDOW_CLOSED',
      dueDate: '2026-03-28',
    });
    expect(await panel()).toHaveLength(2);
  });

  it('keeps every seat, held or left, in panel_seats alone; the migration that merged panel_members goes both ways', async () => {
    // The election's elected stay its elected after they leave the panel.
    expect((await t.gql(ELECTION, { id: electionId })).data!.election.elected.map((p: { name: string }) => p.name)).toEqual([
      'Alice Ang',
      'Clara Chevalier',
      'Bruno Braga',
    ]);
    const COLUMNS = 'id, dispute_id, person_id, election_id, elected_rank, chair, seated_at, vacated_at, vacated_reason';
    const keyOf = (personId: string) => (Object.keys(persons) as Key[]).find((k) => persons[k].id === personId);
    const migration = new OnePanelSeatsTable1795770000000();
    // As the owner, as migrations run: the application's role may alter no table.
    const owner = new DataSource({ type: 'postgres', url: t.ownerUrl });
    await owner.initialize();
    const runner = owner.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const seatsNow = () => runner.query(`SELECT ${COLUMNS}, user_id FROM panel_seats ORDER BY seated_at, elected_rank`);
      const seats = await seatsNow();
      expect(seats.map((s: any) => [keyOf(s.person_id), s.elected_rank, s.chair, s.vacated_reason, s.user_id])).toEqual([
        ['A', 0, false, 'Withdrew for health reasons', panelists.A.id],
        ['C', 1, true, null, panelists.C.id],
        ['B', 2, false, 'a conflict of interest was confirmed on a disclosure', panelists.B.id],
        ['E', 0, false, null, panelists.E.id],
      ]);
      expect(new Set(seats.map((s: any) => s.election_id)).size).toBe(2);

      // Back: panel_members holds every seat again, with the seat's id.
      await migration.down(runner);
      const members = await runner.query(`SELECT ${COLUMNS} FROM panel_members ORDER BY seated_at, elected_rank`);
      expect(members).toEqual(seats.map(({ user_id, ...member }: any) => member));
      expect(await runner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'panel_seats' ORDER BY 1`)).toEqual(
        ['chair', 'dispute_id', 'id', 'person_id', 'seated_at', 'user_id', 'vacated_at'].map((column_name) => ({ column_name })),
      );

      // Forward, from two tables as they were: each seat its own id, one panel_members row without
      // its seat (Eve's; the seat comes back acting for the account linked to her).
      await runner.query(`UPDATE panel_seats SET id = gen_random_uuid()`);
      await runner.query(`DELETE FROM panel_seats WHERE person_id = $1`, [persons.E.id]);
      await migration.up(runner);
      // Each seat takes its panel_members row's id and facts.
      expect(await seatsNow()).toEqual(seats);
      expect(await runner.query(`SELECT to_regclass('panel_members') AS t`)).toEqual([{ t: null }]);

      // Two tables that disagree, or a seat no election gave: the migration stops, naming the rows.
      await migration.down(runner);
      await runner.query(`UPDATE panel_seats SET chair = NOT chair WHERE person_id = $1`, [persons.C.id]);
      await expect(migration.up(runner)).rejects.toThrow(
        /disagree on when a seat was taken or left, or on the chair: seat \S+ and panel member/,
      );
      await runner.query(`UPDATE panel_seats SET chair = NOT chair WHERE person_id = $1`, [persons.C.id]);
      await runner.query(`INSERT INTO panel_seats (dispute_id, user_id, person_id, chair, seated_at) VALUES ($1, $2, $3, false, now())`, [
        disputeId,
        panelists.D.id,
        persons.D.id,
      ]);
      await expect(migration.up(runner)).rejects.toThrow(/1 panel seat\(s\) have no panel_members row, so no election to record/);
      await runner.query(`DELETE FROM panel_seats WHERE person_id = $1`, [persons.D.id]);
      await migration.up(runner);
      expect(await seatsNow()).toEqual(seats);

      // One current seat per person per dispute, as panel_members had it.
      await expect(
        runner.query(
          `INSERT INTO panel_seats (dispute_id, person_id, election_id, elected_rank, chair, seated_at) VALUES ($1, $2, $3, 0, false, now())`,
          [disputeId, persons.C.id, electionId],
        ),
      ).rejects.toThrow(/uq_panel_seats_seated/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await owner.destroy();
    }
  });

  describe('five panelists by agreement; composition waits for the challenges (DSU 8.5, 8.6)', () => {
    let other: string;
    let election: string;
    const CHALLENGE = `mutation($d: ID!, $p: ID!) { challengeCandidate(disputeId: $d, personId: $p, grounds: "Advised the complainant on this measure") { id status } }`;
    const CLOSE = `mutation($id: ID!) { closeElection(id: $id) { status } }`;

    beforeAll(async () => {
      // A sixth candidate, so that five seats remain to fill with one candidate excluded.
      const repo = t.db.getRepository(RosterPersonEntity);
      await repo.save(
        repo.create({
          name: 'Femi Falana',
          nationality: 'NGA',
          expertise: ['trade in goods'],
          languages: ['en'],
          available: true,
          status: 'APPROVED',
          nominatedByMemberId: (await t.db.query(`SELECT id FROM members WHERE code = 'IDN'`))[0].id,
        }),
      );
      t.clock.set('2026-06-01T09:00:00Z');
      const filed = await t.gql(
        `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Tiles", measures: ["Duties"],
        legalBasis: ["GATT Art. II"], summary: "S" }) { id } }`,
        {},
        tok('CHN'),
      );
      other = filed.data!.requestConsultations.id;
      await t.gql(ACT, { id: other, action: 'agreeEarlyPanelRequest' }, tok('CHN'));
      await t.gql(ACT, { id: other, action: 'agreeEarlyPanelRequest' }, tok('PAK'));
      await t.gql(ACT, { id: other, action: 'requestPanel' }, tok('CHN'));
      t.clock.set('2026-06-12T09:00:00Z');
      const established = await t.gql(TAKE_ACTION, { id: other, action: 'establishPanel', meetingId: await meetingToday(t) }, tok('SEC'));
      expect(established.data!.takeAction.stage).toBe('PANEL_ESTABLISHED');
    });

    it('opens an election for five at once when the parties agreed, closing after the challenge period', async () => {
      expect((await t.gql(ACT, { id: other, action: 'agreeFivePanelists' }, tok('CHN'))).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(ACT, { id: other, action: 'agreeFivePanelists' }, tok('SEC'))).errors).toBeUndefined();
      const [{ events }] = await t.db.query('SELECT events FROM disputes WHERE id = $1', [other]);
      expect(events.FIVE_PANELISTS_AGREED).toBe('2026-06-12');
      // Challenges run until 27 June: an election closing before is refused.
      const early = await t.gql(OPEN, { input: { disputeId: other, opensAt: at(0), closesAt: at(7) } }, tok('SEC'));
      expect(early.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.closesAt',
        domainCode: 'CLOSES_BEFORE_CHALLENGES_END',
      });
      expect(early.errors![0].message).toMatch(/2026-06-27/);
      const res = await t.gql(OPEN, { input: { disputeId: other, opensAt: at(0), closesAt: '2026-06-28T09:00:00.000Z' } }, tok('SEC'));
      expect(res.errors).toBeUndefined();
      expect(res.data!.openElection).toMatchObject({ seats: 5, status: 'OPEN' });
      expect(res.data!.openElection.candidates).toHaveLength(6);
      election = res.data!.openElection.id;
    });

    it('does not close while a challenge awaits its decision, then composes without the candidate excluded', async () => {
      // Five ballots: exactly BALLOT_PUBLICATION_MIN, so they are published.
      for (const who of ['KAZ', 'IDN', 'MYS', 'THA', 'EGY']) {
        expect((await cast(who, ['A', 'B', 'C'], election)).errors).toBeUndefined();
      }
      t.clock.set('2026-06-20T09:00:00Z');
      const challenge = (await t.gql(CHALLENGE, { d: other, p: persons.A.id }, tok('PAK'))).data!.challengeCandidate;
      expect(challenge.status).toBe('PENDING');
      t.clock.set('2026-06-28T09:00:01Z');
      const refused = await t.gql(CLOSE, { id: election }, tok('SEC'));
      expect(refused.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'CHALLENGES_PENDING', pending: 1 });
      // The worker waits too, without an error.
      expect(await t.app.get(ElectionClosingService).closeDue()).toBe(0);
      expect((await t.gql(`query($id: ID!) { election(id: $id) { status } }`, { id: election })).data!.election.status).toBe('OPEN');

      const decided = await t.gql(
        `mutation($id: ID!) { decideChallenge(id: $id, upheld: true, reasons: "Prior advice to a party.") { status } }`,
        { id: challenge.id },
        tok('SEC'),
      );
      expect(decided.data!.decideChallenge.status).toBe('UPHELD');
      expect((await t.gql(CLOSE, { id: election }, tok('SEC'))).data!.closeElection.status).toBe('CLOSED');
      // Alice, everyone's first choice, was excluded by the upheld challenge: the others take the five seats.
      const e = (await t.gql(ELECTION, { id: election })).data!.election;
      expect(e.elected.map((p: { name: string }) => p.name).sort()).toEqual([
        'Bruno Braga',
        'Clara Chevalier',
        'Dan Dunn',
        'Eve Evans',
        'Femi Falana',
      ]);
      const dispute = (
        await t.gql(`query($id: ID!) { dispute(id: $id) { stage panel { person { name } } deadlines { rule status } } }`, { id: other })
      ).data!.dispute;
      expect(dispute.stage).toBe('PANEL_COMPOSED');
      expect(dispute.panel.map((p: { person: { name: string } }) => p.person.name)).not.toContain('Alice Ang');
      const statusOf = (rule: string) => dispute.deadlines.find((d: { rule: string }) => d.rule === rule)?.status;
      expect(statusOf('FIVE_PANELISTS')).toBe('MET');
      expect(statusOf('CANDIDATE_CHALLENGES')).toBe('LAPSED');
      expect(statusOf('PANEL_COMPOSITION')).toBe('MET'); // within the 20 days of DSU 8.7 (to 2 July)
      // Anyone recounting the published file, with the excluded candidate withdrawn, finds the same panel.
      expect(e.ballotsPublished).toBe(true);
      expect(e.ballots).toHaveLength(5);
      const parsed = parseBlt(e.blt);
      expect(parsed.withdrawn).toHaveLength(1);
      const recount = count({
        candidates: parsed.candidates,
        seats: parsed.seats,
        ballots: parsed.ballots,
        withdrawn: parsed.withdrawn,
        seed: e.seed,
        rules: 'scottish-stv',
      });
      expect(recount.elected).toEqual(e.count.elected);
    });
  });
});
