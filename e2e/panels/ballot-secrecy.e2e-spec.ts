import { MemberEntity, UserEntity } from '@app/core';
import { RosterPersonEntity } from '@app/panels';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;
const CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`;
const CLOSE = `mutation($id: ID!) { closeElection(id: $id) { status turnout } }`;
const VERIFY = `query($e: ID!, $r: String!) { verifyReceipt(electionId: $e, receipt: $r) }`;
const ELECTORS = ['KAZ', 'IDN', 'MYS', 'THA', 'EGY', 'KEN'];
const NAMES = ['Alice Ang', 'Bruno Braga', 'Clara Chevalier', 'Dan Dunn', 'Eve Evans'];
// Rankings (indexes into NAMES) whose consecutive pairs never follow the candidates' own order
// (A-B, B-C, ...), which the election's rows and its opening's audit record list: any pair found
// in the database's bytes can only come from a ballot.
const RANKINGS: Record<string, number[]> = { KAZ: [2, 0, 4], IDN: [4, 2], MYS: [1, 3, 0], THA: [3, 1], EGY: [0, 4, 2], KEN: [4, 0, 3] };

/*
 * Ballot secrecy against whoever reads the database (libs/panels/README.md, Ballot secrecy): a
 * superuser reading every table with its system columns (xmin, cmin, ctid), and the bytes of every
 * relation file of the database and of the write-ahead log, after a CHECKPOINT (what a restart
 * finds on disk). Before the close no receipt and no ranking is anywhere in clear: the cast stored
 * only a sealed ballot beside the vote. After it, the clear ballots are in `ballots` only, all
 * written by one statement of the close, so no system column tells one from another and none is
 * shared with a vote or an audit record of a cast.
 */
describe('ballot secrecy against a reader of the database', () => {
  const SECRET = randomBytes(32).toString('base64url');
  let t: TestApp;
  const others: TestApp[] = [];
  const users: Record<string, UserEntity> = {};
  const members: Record<string, MemberEntity> = {};
  const persons: RosterPersonEntity[] = [];
  const cast: Record<string, { receipt: string; ranking: string[] }> = {};
  const tok = (who: string) => t.tokenFor(users[who]);
  let electionId: string;
  let closesAt: Date;
  let walFrom: string;
  let superuser = false;
  // The reader of the database: its owner (the server's superuser), not the application's role,
  // which may read only what the application needs.
  let reader: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z', env: { BALLOT_SECRET: SECRET } });
    for (const code of ['CHN', 'PAK', ...ELECTORS]) {
      members[code] = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    const nationalities = ['SGP', 'BRA', 'CHE', 'NZL', 'CAN'];
    for (const [i, name] of NAMES.entries()) {
      const repo = t.db.getRepository(RosterPersonEntity);
      persons.push(
        await repo.save(
          repo.create({
            name,
            nationality: nationalities[i],
            expertise: ['trade in goods'],
            languages: ['en'],
            available: true,
            status: 'APPROVED',
            nominatedByMemberId: members.IDN.id,
            userId: (await createUser(t.db, { role: 'PANELIST' })).id,
          }),
        ),
      );
    }
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Secrecy", measures: ["M"],
      legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`,
      {},
      tok('CHN'),
    );
    const disputeId = filed.data!.requestConsultations.id;
    await t.gql(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('CHN'));
    await t.gql(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('PAK'));
    await t.gql(ACT, { id: disputeId, action: 'requestPanel' }, tok('CHN'));
    t.clock.set('2026-03-13T09:00:00Z');
    expect(
      (await t.gql(TAKE_ACTION, { id: disputeId, action: 'establishPanel', meetingId: await meetingToday(t) }, tok('SEC'))).errors,
    ).toBeUndefined();
    t.clock.set('2026-03-24T09:00:00Z');
    closesAt = new Date(t.clock.now().getTime() + 7 * 86_400_000);
    const opened = await t.gql(
      `mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`,
      {
        input: { disputeId, opensAt: t.clock.now().toISOString(), closesAt: closesAt.toISOString() },
      },
      tok('SEC'),
    );
    expect(opened.errors).toBeUndefined();
    electionId = opened.data!.openElection.id;
    reader = await new DataSource({ type: 'postgres', url: t.ownerUrl }).initialize();
    [{ superuser }] = await reader.query(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
    // The embedded server of the test setup runs as a superuser, so the file and WAL checks below
    // always run there; only a server named by DATABASE_URL may lack the right to read files.
    if (!process.env.DATABASE_URL) expect(superuser).toBe(true);
    [{ lsn: walFrom }] = await reader.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
  });
  afterAll(async () => {
    for (const other of others) await other.close();
    await reader?.destroy();
    await t.close();
  });

  /** Every table of the database, every row with its system columns, as text. */
  async function everyRow(db: DataSource): Promise<{ table: string; xmin: string; cmin: string; ctid: string; row: string }[]> {
    const tables: { name: string }[] = await db.query(
      `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const rows = [];
    for (const { name } of tables) {
      for (const r of await db.query(
        `SELECT xmin::text AS xmin, cmin::text AS cmin, ctid::text AS ctid, row_to_json(t)::text AS row FROM ${name} t`,
      )) {
        rows.push({ table: name, ...r });
      }
    }
    return rows;
  }

  /**
   * The bytes a superuser can read: every relation file of this database (tables, indexes, TOAST,
   * the catalogs) and the write-ahead log written since the election opened, after a CHECKPOINT.
   */
  async function everyFile(db: DataSource): Promise<{ name: string; data: Buffer }[]> {
    await db.query('CHECKPOINT');
    const files: { name: string; path: string }[] = await db.query(
      `SELECT c.relname AS name, pg_relation_filepath(c.oid) AS path FROM pg_class c WHERE pg_relation_filepath(c.oid) IS NOT NULL
       UNION ALL
       SELECT 'WAL ' || w.name, 'pg_wal/' || w.name FROM pg_ls_waldir() w
       WHERE w.name ~ '^[0-9A-F]{24}$' AND w.name >= pg_walfile_name($1::pg_lsn) AND w.name <= pg_walfile_name(pg_current_wal_lsn())`,
      [walFrom],
    );
    const out = [];
    for (const file of files) {
      const [{ data }] = await db.query(`SELECT pg_read_binary_file($1, true) AS data`, [file.path]);
      if (data) out.push({ name: file.name, data: data as Buffer });
    }
    return out;
  }

  /**
   * The forms a receipt or a ranking could take in a row or a file. `published` pairs are left out:
   * after the close the elected are public in their order of election (and the close's audit
   * record lists them so), which may by chance follow two consecutive preferences of a ballot;
   * finding that pair says nothing of a ballot.
   */
  function needles(published: ReadonlySet<string> = new Set()): { what: string; bytes: Buffer }[] {
    const out: { what: string; bytes: Buffer }[] = [];
    for (const [who, { receipt, ranking }] of Object.entries(cast)) {
      for (const form of [receipt, receipt.replace(/-/g, ''), receipt.replace(/-/g, '').toLowerCase()])
        out.push({ what: `${who}'s receipt`, bytes: Buffer.from(form) });
      for (let i = 0; i + 1 < ranking.length; i += 1) {
        const [a, b] = [ranking[i], ranking[i + 1]];
        if (published.has(`${a} ${b}`)) continue;
        out.push({
          what: `${who}'s ranking (uuid[])`,
          bytes: Buffer.concat([Buffer.from(a.replace(/-/g, ''), 'hex'), Buffer.from(b.replace(/-/g, ''), 'hex')]),
        });
        for (const form of [`"${a}","${b}"`, `"${a}", "${b}"`, `${a},${b}`])
          out.push({ what: `${who}'s ranking (text)`, bytes: Buffer.from(form) });
      }
    }
    return out;
  }

  function found(haystacks: { name: string; data: Buffer }[], published?: ReadonlySet<string>): { name: string; what: string }[] {
    const hits = [];
    for (const needle of needles(published)) {
      for (const h of haystacks) if (h.data.includes(needle.bytes)) hits.push({ name: h.name, what: needle.what });
    }
    return hits;
  }

  it('stores no receipt and no ranking anywhere while the vote runs: the cast writes a sealed ballot beside the vote', async () => {
    for (const code of ELECTORS) {
      const ranking = RANKINGS[code].map((i) => persons[i].id);
      const res = await t.gql(CAST, { input: { electionId, ranking } }, tok(code));
      expect(res.errors).toBeUndefined();
      cast[code] = { receipt: res.data!.castBallot.receipt, ranking };
    }
    // The cast's transaction ties its rows together (xmin): the vote, the audit record and the
    // sealed ballot. That is all the database can tell of a ballot before the close.
    const linked: { member_id: string; sealed: Buffer }[] = await reader.query(
      `SELECT v.member_id, s.sealed FROM election_votes v JOIN sealed_ballots s ON s.xmin = v.xmin WHERE v.election_id = $1`,
      [electionId],
    );
    expect(linked).toHaveLength(ELECTORS.length);
    // The attack that used to print every ranking with its member finds nothing.
    expect(await reader.query(`SELECT v.member_id, b.ranking FROM election_votes v JOIN ballots b ON b.xmin = v.xmin`)).toEqual([]);
    expect(await reader.query(`SELECT count(*)::int AS n FROM ballots`)).toEqual([{ n: 0 }]);
    // The sealed ballots are opaque and all of one length, whatever the ranking's length.
    expect(new Set(linked.map((l) => l.sealed.length)).size).toBe(1);

    const rows = await everyRow(reader);
    expect(rows.some((r) => r.table === 'public.audit_log')).toBe(true);
    expect(rows.some((r) => r.table === 'public.sealed_ballots')).toBe(true);
    expect(found(rows.map((r) => ({ name: `${r.table} ${r.ctid}`, data: Buffer.from(r.row) })))).toEqual([]);
    if (superuser) {
      const files = await everyFile(reader);
      expect(files.some((f) => f.name.startsWith('WAL '))).toBe(true);
      expect(files.some((f) => f.name === 'sealed_ballots')).toBe(true);
      expect(found(files)).toEqual([]);
    }
  });

  it('counts them in another process with the same secret (a restart), and in none with another', async () => {
    const start = new Date(closesAt.getTime() + 1000).toISOString();
    const wrong = await startTestApp({ databaseUrl: t.databaseUrl, start, env: { BALLOT_SECRET: randomBytes(32).toString('base64url') } });
    others.push(wrong);
    const refused = await wrong.gql(CLOSE, { id: electionId }, wrong.tokenFor(users.SEC));
    expect(refused.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'BALLOT_KEY_MISMATCH' });
    expect(await reader.query(`SELECT count(*)::int AS n FROM sealed_ballots WHERE election_id = $1`, [electionId])).toEqual([
      { n: ELECTORS.length },
    ]);
    expect(await reader.query(`SELECT status FROM elections WHERE id = $1`, [electionId])).toEqual([{ status: 'OPEN' }]);

    const restarted = await startTestApp({ databaseUrl: t.databaseUrl, start, env: { BALLOT_SECRET: SECRET } });
    others.push(restarted);
    const closed = await restarted.gql(CLOSE, { id: electionId }, restarted.tokenFor(users.SEC));
    expect(closed.data!.closeElection).toEqual({ status: 'CLOSED', turnout: ELECTORS.length });
    // Every voter finds their receipt; the published ballots are exactly the ballots cast.
    for (const { receipt } of Object.values(cast))
      expect((await restarted.gql(VERIFY, { e: electionId, r: receipt })).data!.verifyReceipt).toBe(true);
    const stored: { receipt: string; ranking: string[] }[] = await reader.query(
      `SELECT receipt, ranking FROM ballots WHERE election_id = $1`,
      [electionId],
    );
    const key = (b: { receipt: string; ranking: string[] }) => `${b.receipt} ${b.ranking.join(' ')}`;
    expect(stored.map(key).sort()).toEqual(Object.values(cast).map(key).sort());
  });

  it('after the close, ties no clear ballot to a member: one statement wrote them all, unlike any cast', async () => {
    const ballots: { xmin: string; cmin: string; ctid: string; id: string; receipt: string }[] = await reader.query(
      `SELECT xmin::text AS xmin, cmin::text AS cmin, ctid::text AS ctid, id, receipt FROM ballots WHERE election_id = $1`,
      [electionId],
    );
    expect(ballots).toHaveLength(ELECTORS.length);
    // One transaction and one command for every ballot: the same xmin, cmin (and so commit time).
    expect(new Set(ballots.map((b) => b.xmin)).size).toBe(1);
    expect(new Set(ballots.map((b) => b.cmin)).size).toBe(1);
    // Random (version 4) ids: no order of casting in the key.
    for (const b of ballots) expect(b.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [xmin] = [...new Set(ballots.map((b) => b.xmin))];
    // That transaction is the close's; every other row it wrote is the close's too.
    const sameTransaction = (await everyRow(reader)).filter((r) => r.xmin === xmin);
    const audit = sameTransaction.filter((r) => r.table === 'public.audit_log').map((r) => JSON.parse(r.row));
    expect(audit.map((a) => a.operation)).toEqual(['closeElection']);
    expect(sameTransaction.map((r) => r.table)).not.toContain('public.election_votes');
    expect(sameTransaction.map((r) => r.table)).not.toContain('public.sealed_ballots');
    // No vote and no cast's audit record shares a system column value with a ballot.
    const votes: { xmin: string }[] = await reader.query(`SELECT xmin::text AS xmin FROM election_votes WHERE election_id = $1`, [
      electionId,
    ]);
    const casts: { xmin: string }[] = await reader.query(`SELECT xmin::text AS xmin FROM audit_log WHERE operation = 'castBallot'`);
    expect(votes).toHaveLength(ELECTORS.length);
    expect(casts).toHaveLength(ELECTORS.length);
    for (const r of [...votes, ...casts]) expect(r.xmin).not.toBe(xmin);
    expect(await reader.query(`SELECT v.member_id FROM election_votes v JOIN ballots b ON b.xmin = v.xmin`)).toEqual([]);
    // The sealed ballots are gone.
    expect(await reader.query(`SELECT count(*)::int AS n FROM sealed_ballots`)).toEqual([{ n: 0 }]);

    // In clear, receipts and rankings are in the ballots' table (and its receipt index) only:
    // nothing was copied into the audit trail, the docket or any other table.
    const elected: string[] = (
      await t.gql(`query($id: ID!) { election(id: $id) { elected { id } } }`, { id: electionId })
    ).data!.election.elected.map((p: { id: string }) => p.id);
    expect(elected).toHaveLength(3);
    const published = new Set(elected.slice(1).map((id, i) => `${elected[i]} ${id}`));
    const rows = await everyRow(reader);
    expect([
      ...new Set(
        found(
          rows.map((r) => ({ name: r.table, data: Buffer.from(r.row) })),
          published,
        ).map((h) => h.name),
      ),
    ]).toEqual(['public.ballots']);
    if (superuser) {
      const files = (await everyFile(reader)).filter((f) => !f.name.startsWith('WAL '));
      expect([...new Set(found(files, published).map((h) => h.name))].sort()).toEqual(['ballots', 'uq_ballots_receipt']);
    }
  });
});
