import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { UserEntity } from '@app/core';
import { runMigrations } from '@app/migrations';
import { freePort, freshDataDir, removeDir } from '../setup/test-database';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';
import { KillablePostgres, startKillablePostgres } from './crash-postgres';

// Issue #7, hardening item 7: kill the PostgreSQL server with SIGKILL while 2 000 filings are in
// flight, restart it; every filing that was acknowledged is present, complete, and the audit chain
// verifies.

const FILINGS = 2000;
/** Requests in flight at any time (the API's pool runs 10 transactions of them at once). */
const CONCURRENCY = 100;
/** The server is killed when this many filings have been acknowledged. */
const KILL_AFTER = 500;
const CODES = ['CHN', 'PAK', 'KAZ', 'IDN', 'MYS', 'THA', 'VNM', 'LAO', 'KHM', 'MNG'];

// This server must keep what it acknowledged: the shared test cluster of the global setup runs
// with fsync, synchronous_commit and full_page_writes off, which would make this test meaningless.
// SIGKILL of the server's processes does not lose the operating system's page cache, so what
// decides here is synchronous_commit: with it on, a COMMIT is answered only once its WAL has been
// written out of PostgreSQL's shared memory (and fsync'ed); with it off, the answer comes first and
// the WAL writer writes it up to 3 x wal_writer_delay later, so a kill loses acknowledged commits
// (try it: this test then fails with acknowledged filings missing). fsync and full_page_writes
// are on as in production, although only a power loss, not this kill, would need them.
const DURABLE = ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on'];

const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id sha256 sizeBytes } }`;
const VERIFY = '{ verifyAuditChain { valid checked reason firstInvalid { seq operation } } }';

interface Filing {
  key: string;
  disputeId: string;
  filer: UserEntity;
  content: Buffer;
  sha256: string;
}

type Outcome =
  { acknowledged: true; id: string; sentBeforeKill: boolean } | { acknowledged: false; error: string; sentBeforeKill: boolean };

interface StoredDocument {
  id: string;
  idempotency_key: string;
  filed_by_id: string;
  dispute_id: string;
  sha256: string;
  size_bytes: number;
  content_sha256: string | null;
  content_bytes: number | null;
}

/** Runs `work` over `items` with at most `concurrency` of them in flight. */
async function bounded<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

describe('crash: PostgreSQL killed with SIGKILL under 2 000 filings in flight', () => {
  const dataDir = freshDataDir();
  let pg: KillablePostgres | null = null;
  let t: TestApp;
  let secretariat: string;
  const filings: Filing[] = [];
  const outcomes: Outcome[] = [];
  const figures: Record<string, number | string> = {};
  // Signed once per user: the clock of the test app stands still, so the tokens stay valid.
  const tokens = new Map<string, string>();
  const tokenOf = (user: UserEntity) => tokens.get(user.id) ?? tokens.set(user.id, t.tokenFor(user)).get(user.id)!;
  const started = Date.now();

  /** One filing over HTTP, as a client makes it: acknowledged only by a 200 with its document. */
  async function file(filing: Filing, sentBeforeKill: () => boolean): Promise<Outcome> {
    const input = {
      disputeId: filing.disputeId,
      kind: 'OTHER',
      classification: 'RESTRICTED',
      title: `Crash filing ${filing.key}`,
      fileName: `${filing.key}.bin`,
      mediaType: 'application/octet-stream',
      content: filing.content.toString('base64'),
      idempotencyKey: filing.key,
    };
    const before = sentBeforeKill();
    try {
      const res = await t
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${tokenOf(filing.filer)}`)
        // Nothing may hang: a request the dead server leaves unanswered fails the test below.
        .timeout({ response: 45_000, deadline: 60_000 })
        .send({ query: FILE, variables: { input } });
      const doc = res.body?.data?.fileDocument;
      if (res.status === 200 && doc?.id && !res.body.errors) {
        return { acknowledged: true, id: doc.id, sentBeforeKill: before };
      }
      const code = res.body?.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`;
      return { acknowledged: false, error: String(code), sentBeforeKill: before };
    } catch (error) {
      const e = error as { code?: string; timeout?: number; message: string };
      return { acknowledged: false, error: e.timeout ? `TIMEOUT ${e.code}` : `HTTP ${e.code ?? e.message}`, sentBeforeKill: before };
    }
  }

  beforeAll(async () => {
    pg = await startKillablePostgres({ dataDir, port: await freePort(), database: 'dispute_body', flags: DURABLE });
    figures.serverStartMs = Date.now() - started;
    // This file loads the application anyway, so it migrates in its own process (the global setup
    // uses a child process only to keep the application's modules out of jest's parent realm).
    await runMigrations(pg.url);
    figures.migratedAtMs = Date.now() - started;
    // 127.0.0.1 rather than localhost: after the kill, every request makes the pool connect again,
    // and a name lookup each time only slows the failures down.
    const url = new URL(pg.url);
    url.hostname = '127.0.0.1';
    t = await startTestApp({ databaseUrl: url.toString(), quiet: true });
    // Listening for the whole file: supertest then uses the server as it is, instead of starting
    // and closing it whenever no request of its own is in flight.
    await t.app.listen(0, '127.0.0.1');
    secretariat = t.tokenFor(await createUser(t.db, { role: 'SECRETARIAT' }));

    // Ten disputes; dispute i between member i (complainant) and member i + 1 (respondent), each
    // member with one delegate, who files in both of the member's disputes.
    const delegates: UserEntity[] = [];
    for (const code of CODES) {
      const member = await createMember(t.db, { code, name: `Member ${code}` });
      delegates.push(await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id }));
    }
    const disputes: { id: string; parties: UserEntity[] }[] = [];
    for (let i = 0; i < CODES.length; i += 1) {
      const respondent = (i + 1) % CODES.length;
      const res = await t.gql(
        `mutation($respondent: String!) { requestConsultations(input: { respondents: [$respondent], title: "Dispute ${i}",
          measures: ["Measure ${i}"], legalBasis: ["GATT Art. XI"], summary: "Crash test dispute." }) { id } }`,
        { respondent: CODES[respondent] },
        t.tokenFor(delegates[i]),
      );
      expect(res.errors).toBeUndefined();
      disputes.push({ id: res.data!.requestConsultations.id, parties: [delegates[i], delegates[respondent]] });
    }
    for (let k = 0; k < FILINGS; k += 1) {
      const dispute = disputes[k % disputes.length];
      // Random contents of 256 B to 4 KiB, so that a stored copy matches only its own hash.
      const content = randomBytes(256 + Math.floor(Math.random() * 3840));
      filings.push({
        key: `crash-${k}`,
        disputeId: dispute.id,
        filer: dispute.parties[Math.floor(k / disputes.length) % 2],
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
    }
    figures.setUpAtMs = Date.now() - started;
  }, 120_000);

  afterAll(async () => {
    try {
      await t?.close();
    } finally {
      try {
        await pg?.stop();
      } finally {
        removeDir(dataDir);
        figures.totalMs = Date.now() - started;
        process.stdout.write(`crash.e2e-spec figures: ${JSON.stringify(figures)}\n`);
      }
    }
  }, 60_000);

  it('acknowledges filings until the server is killed, and fails the rest cleanly', async () => {
    const loadStarted = Date.now();
    const cpuStarted = process.cpuUsage();
    let cpuAtKill: NodeJS.CpuUsage | null = null;
    let sent = 0;
    let inFlight = 0;
    let acknowledged = 0;
    let failedBeforeKill = 0;
    let killed: Promise<number[]> | null = null;
    await bounded([...filings.keys()], CONCURRENCY, async (k) => {
      sent += 1;
      inFlight += 1;
      const outcome = await file(filings[k], () => killed === null);
      inFlight -= 1;
      outcomes[k] = outcome;
      if (!outcome.acknowledged && !killed) failedBeforeKill += 1;
      if (outcome.acknowledged && (acknowledged += 1) === KILL_AFTER) {
        figures.inFlightAtKill = inFlight;
        figures.sentAtKill = sent;
        figures.killAtMs = Date.now() - loadStarted;
        cpuAtKill = process.cpuUsage();
        // Synchronous up to the SIGKILLs: the server dies right here, between two answers.
        killed = pg!.kill();
      }
    });
    expect(killed).not.toBeNull();
    const pids = await killed!;
    figures.serverProcessesKilled = pids.length;
    figures.loadMs = Date.now() - loadStarted;
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    figures.cpuMsPerFilingBeforeKill = Math.round((cpuMs(cpuAtKill!) - cpuMs(cpuStarted)) / Number(figures.sentAtKill));
    figures.cpuMsPerFilingAfterKill = Math.round((cpuMs(process.cpuUsage()) - cpuMs(cpuAtKill!)) / (FILINGS - Number(figures.sentAtKill)));

    const acked = outcomes.filter((o) => o.acknowledged);
    const failed = outcomes.filter((o): o is Extract<Outcome, { acknowledged: false }> => !o.acknowledged);
    figures.acknowledged = acked.length;
    figures.acknowledgedAfterKill = acked.length - KILL_AFTER;
    figures.failed = failed.length;
    const errors: Record<string, number> = {};
    for (const f of failed) errors[f.error] = (errors[f.error] ?? 0) + 1;
    figures.errors = JSON.stringify(errors);
    figures.failedInFlightAtKill = failed.filter((f) => f.sentBeforeKill).length;

    // Every filing got an answer; none failed before the kill.
    expect(outcomes.filter(Boolean)).toHaveLength(FILINGS);
    expect(failedBeforeKill).toBe(0);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // Many were in flight when the server died, and each failed with a clean error, not a hang.
    expect(Number(figures.inFlightAtKill)).toBeGreaterThan(CONCURRENCY / 2);
    expect(failed.length).toBeGreaterThan(FILINGS / 2);
    expect(Object.keys(errors)).toEqual(['INTERNAL_SERVER_ERROR']);
    // The SIGKILL took the postmaster and its processes (backends, WAL writer, checkpointer, …).
    expect(pids.length).toBeGreaterThan(5);
    expect(pg!.serverPids()).toEqual([]);
  }, 180_000);

  it('comes back on the same data folder through crash recovery', async () => {
    const restartStarted = Date.now();
    const logged = pg!.log().length;
    await pg!.restart();
    figures.restartMs = Date.now() - restartStarted;
    const log = pg!.log().slice(logged);
    expect(log).toMatch(/database system was not properly shut down; automatic recovery in progress/);
    expect(log).toMatch(/redo done at/);
  }, 60_000);

  describe('after the restart, seen through a fresh connection', () => {
    let db: Client;
    let docs: Map<string, StoredDocument>;
    const docketOf = new Map<string, number>();
    const auditOf = new Map<string, { count: number; sha256: unknown }>();

    beforeAll(async () => {
      db = new Client({ connectionString: pg!.url });
      await db.connect();
      const rows: StoredDocument[] = (
        await db.query(
          `SELECT d.id, d.idempotency_key, d.filed_by_id, d.dispute_id, d.sha256, d.size_bytes::int AS size_bytes,
                  encode(sha256(c.content), 'hex') AS content_sha256, length(c.content) AS content_bytes
             FROM documents d LEFT JOIN (SELECT content_key AS document_id, string_agg(bytes, ''::bytea ORDER BY seq) AS content FROM document_chunks GROUP BY content_key) c ON c.document_id = d.id`,
        )
      ).rows;
      docs = new Map(rows.map((r) => [r.id, r]));
      for (const row of (await db.query(`SELECT document_ids FROM docket_entries WHERE kind = 'fileDocument'`)).rows) {
        for (const id of row.document_ids as string[]) docketOf.set(id, (docketOf.get(id) ?? 0) + 1);
      }
      const audits = await db.query(
        `SELECT target_id, details FROM audit_log WHERE operation = 'fileDocument' AND NOT details ? 'replayOf'`,
      );
      for (const row of audits.rows) {
        const seen = auditOf.get(row.target_id);
        auditOf.set(row.target_id, { count: (seen?.count ?? 0) + 1, sha256: row.details.sha256 });
      }
      figures.committedButUnacknowledged = docs.size - outcomes.filter((o) => o.acknowledged).length;
    });
    afterAll(() => db?.end());

    it('has every acknowledged filing, exactly once, with its content, its docket entry and its audit record', () => {
      const missing: string[] = [];
      outcomes.forEach((outcome, k) => {
        if (!outcome.acknowledged) return;
        const filing = filings[k];
        const doc = docs.get(outcome.id);
        if (!doc) {
          missing.push(filing.key);
          return;
        }
        expect(doc).toMatchObject({
          idempotency_key: filing.key,
          filed_by_id: filing.filer.id,
          dispute_id: filing.disputeId,
          sha256: filing.sha256,
          size_bytes: filing.content.length,
          content_sha256: filing.sha256,
          content_bytes: filing.content.length,
        });
        expect(docketOf.get(doc.id)).toBe(1);
        expect(auditOf.get(doc.id)).toEqual({ count: 1, sha256: filing.sha256 });
      });
      expect(missing).toEqual([]);
      // Exactly once: no key holds two documents (the acknowledged one and a second).
      const keys = [...docs.values()].map((d) => d.idempotency_key);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('has nothing half-written: every filing that committed is whole, every other left no trace', async () => {
      const byKey = new Map(filings.map((f) => [f.key, f] as const));
      for (const doc of docs.values()) {
        const filing = byKey.get(doc.idempotency_key);
        expect(filing).toBeDefined();
        expect(doc).toMatchObject({ sha256: filing!.sha256, content_sha256: filing!.sha256, content_bytes: filing!.content.length });
        expect(docketOf.get(doc.id)).toBe(1);
        expect(auditOf.get(doc.id)?.count).toBe(1);
      }
      // No docket entry and no audit record of a filing that is not there.
      expect([...docketOf.keys()].filter((id) => !docs.has(id))).toEqual([]);
      expect([...auditOf.keys()].filter((id) => !docs.has(id))).toEqual([]);
      // Each docket is numbered 1..n without a gap.
      const dockets = await db.query(
        'SELECT dispute_id, count(*)::int AS n, min(seq)::int AS first, max(seq)::int AS last FROM docket_entries GROUP BY dispute_id',
      );
      expect(dockets.rows.length).toBe(CODES.length);
      for (const d of dockets.rows) expect([d.first, d.last]).toEqual([1, d.n]);
    });

    it('verifies the audit chain, every record included', async () => {
      const [{ count }] = (await db.query('SELECT count(*)::int AS count FROM audit_log')).rows;
      const res = await t.gql(VERIFY, {}, secretariat);
      expect(res.errors).toBeUndefined();
      expect(res.data!.verifyAuditChain).toEqual({ valid: true, checked: count, reason: null, firstInvalid: null });
    });

    it('serves again: a new filing succeeds, and retried filings end with exactly one document per key', async () => {
      // The API process lived through the crash; its pool reconnects to the restarted server.
      const fresh: Filing = { ...filings[0], key: 'crash-after-restart', content: Buffer.from('after the restart') };
      fresh.sha256 = createHash('sha256').update(fresh.content).digest('hex');
      const ok = await file(fresh, () => false);
      expect(ok).toMatchObject({ acknowledged: true });
      // The filings that were in flight when the server died, retried with their keys, as their
      // clients would: one that committed unanswered comes back as it is, the others are filed now.
      const retried: { k: number; outcome: Outcome }[] = [];
      const unacknowledged = outcomes.flatMap((o, k) => (!o.acknowledged && o.sentBeforeKill ? [k] : []));
      expect(unacknowledged.length).toBeGreaterThan(0);
      await bounded(unacknowledged, CONCURRENCY, async (k) => {
        retried.push({ k, outcome: await file(filings[k], () => false) });
      });
      expect(retried).toHaveLength(unacknowledged.length);
      expect(retried.filter((r) => !r.outcome.acknowledged)).toEqual([]);
      for (const { k, outcome } of retried) {
        const before = [...docs.values()].find((d) => d.idempotency_key === filings[k].key);
        if (before && outcome.acknowledged) expect(outcome.id).toBe(before.id);
      }
      const keys = [...unacknowledged.map((k) => filings[k].key), fresh.key];
      const counts = await db.query(
        'SELECT count(*)::int AS docs, count(DISTINCT idempotency_key)::int AS keys FROM documents WHERE idempotency_key = ANY($1)',
        [keys],
      );
      expect(counts.rows[0]).toEqual({ docs: keys.length, keys: keys.length });
      figures.retried = unacknowledged.length;
      const res = await t.gql(VERIFY, {}, secretariat);
      expect(res.data!.verifyAuditChain.valid).toBe(true);
    }, 60_000);
  });
});
