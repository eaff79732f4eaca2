import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'pg';
import {
  AuditCheckpoints,
  GENESIS_HASH,
  PublishedCheckpoint,
  auditTrailPowers,
  hashAuditRecord,
  parsePublicKey,
  verifyAgainstCheckpoints,
} from '@app/core';
import { createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// The audit trail anchored outside the database (README, "The audit trail: threat model"): each
// way of rewriting it that a plain hash chain cannot see is found against a signed checkpoint
// kept elsewhere, or refused by the database.

const CREATE_MEMBER = `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`;
const CHECKPOINT_FIELDS = 'id seq hash madeAt reason meetingId keyId signature signedText';
const CHECKPOINTS = `{ auditCheckpoints(first: 50) { nodes { ${CHECKPOINT_FIELDS} } } }`;
const PUBLIC_KEY = '{ auditPublicKey { algorithm keyId pem } }';
const VERIFY = `{ verifyAuditChain { valid checked reason firstInvalid { seq } checkpointsChecked checkpointProblem failedCheckpoint { seq } headSeq headHash } }`;
const DAY = 86_400_000;
const CODES = ['AFG', 'ALB', 'DZA', 'AND', 'AGO', 'ARG', 'ARM', 'AUS', 'AUT', 'AZE', 'BHR', 'BGD', 'BLR', 'BEL'];
const run = promisify(execFile);

describe('audit trail anchored by signed checkpoints', () => {
  let t: TestApp;
  let secretariatUser: Parameters<TestApp['tokenFor']>[0];
  // A fresh token each time: the tests move the clock by days, past a token's life.
  const sec = () => t.tokenFor(secretariatUser);
  let published: PublishedCheckpoint[];
  let pem: string;
  let dir: string;

  const addMembers = async (codes: string[]) => {
    for (const code of codes) {
      const res = await t.gql(CREATE_MEMBER, { input: { code, name: `Member ${code}`, joinedOn: '2025-01-01' } }, sec());
      expect(res.errors).toBeUndefined();
    }
  };
  // What anyone outside keeps: the public query's answer, with no token.
  const publish = async (): Promise<PublishedCheckpoint[]> => {
    const res = await t.gql(CHECKPOINTS);
    expect(res.errors).toBeUndefined();
    return res.data!.auditCheckpoints.nodes;
  };
  const check = (client: Pick<Client, 'query'>, checkpoints = published) =>
    verifyAgainstCheckpoints(async (sql, params) => (await client.query(sql, params)).rows, checkpoints, parsePublicKey(pem));
  /** Tampers as the owner inside a transaction, verifies what it left, and rolls it all back. */
  const tamperAndCheck = (tamper: (owner: Client) => Promise<void>) =>
    t.asOwner(async (owner) => {
      await owner.query('BEGIN');
      try {
        await tamper(owner);
        return await check(owner);
      } finally {
        await owner.query('ROLLBACK');
      }
    });
  /** The application's own connection (its role), as a pg-like client. */
  const app = () => ({ query: async (sql: string, params?: unknown[]) => ({ rows: await t.db.query(sql, params) }) }) as unknown as Client;
  const head = async (client: Pick<Client, 'query'>) =>
    (await client.query('SELECT seq::text AS seq, hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1')).rows[0] as {
      seq: string;
      hash: string;
    };
  const verifyCli = async (file: string) => {
    writeFileSync(join(dir, 'key.pem'), pem);
    try {
      const { stdout } = await run(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          '-r',
          'tsconfig-paths/register',
          'scripts/verify-audit.ts',
          file,
          '--public-key',
          join(dir, 'key.pem'),
        ],
        { cwd: join(__dirname, '..', '..'), env: { ...process.env, DATABASE_URL: t.databaseUrl, NODE_ENV: 'test' } },
      );
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: `${e.stdout}${e.stderr}` };
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-audit-'));
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    secretariatUser = await createUser(t.db, { role: 'SECRETARIAT' });
    // More than nine records: a head read by a seq sorted as text ('9' after '10') would show.
    await addMembers(CODES.slice(0, 11));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a daily checkpoint (the worker) and one at every meeting of the body, public with the key', async () => {
    const checkpoints = t.app.get(AuditCheckpoints);
    const top = await head(app());
    expect(await checkpoints.makeDailyIfDue()).toMatchObject({ reason: 'DAILY', seq: top.seq, hash: top.hash });
    // Once a day, however often the worker asks.
    expect(await checkpoints.makeDailyIfDue()).toBeNull();
    t.clock.advance(DAY);
    expect(await checkpoints.makeDailyIfDue()).toMatchObject({ reason: 'DAILY' });

    // A meeting: scheduled, then held; recording who attended anchors the trail.
    const heldOn = new Date(t.clock.now().getTime() + DAY).toISOString().slice(0, 10);
    const scheduled = await t.gql(`mutation($d: LocalDate!) { scheduleBodyMeeting(heldOn: $d) { id } }`, { d: heldOn }, sec());
    expect(scheduled.errors).toBeUndefined();
    const meetingId = scheduled.data!.scheduleBodyMeeting.id;
    t.clock.advance(DAY);
    const before = await head(app());
    const attended = await t.gql(
      `mutation($m: ID!) { recordMeetingAttendance(meetingId: $m, presentMembers: ["AFG", "ALB"]) { id } }`,
      { m: meetingId },
      sec(),
    );
    expect(attended.errors).toBeUndefined();
    // Published with the meeting, to anyone: it names the head before the attendance's own record.
    const meetings = await t.gql(
      `query($d: LocalDate!) { bodyMeetings(from: $d, to: $d) { id auditCheckpoint { ${CHECKPOINT_FIELDS} } } }`,
      { d: heldOn },
    );
    expect(meetings.errors).toBeUndefined();
    const atMeeting = meetings.data!.bodyMeetings[0].auditCheckpoint;
    expect(atMeeting).toMatchObject({ reason: 'MEETING', meetingId, seq: before.seq, hash: before.hash });

    published = await publish();
    expect(published.map((c) => c.reason)).toEqual(['MEETING', 'DAILY', 'DAILY']);
    const key = await t.gql(PUBLIC_KEY);
    expect(key.data!.auditPublicKey).toMatchObject({ algorithm: 'Ed25519', keyId: published[0].keyId });
    pem = key.data!.auditPublicKey.pem;
    expect(pem).toContain('BEGIN PUBLIC KEY');
    // The key never enters the database.
    const dump =
      JSON.stringify(await t.db.query(`SELECT * FROM audit_checkpoints`)) + JSON.stringify(await t.db.query('SELECT * FROM audit_log'));
    expect(dump).not.toContain('PRIVATE KEY');
  });

  it('verifies the untouched trail against the published checkpoints: the API, the library and npm run verify-audit', async () => {
    await addMembers(CODES.slice(11, 13));
    const api = (await t.gql(VERIFY, {}, sec())).data!.verifyAuditChain;
    expect(api).toMatchObject({ valid: true, reason: null, checkpointsChecked: 3, checkpointProblem: null });
    const report = await t.asOwner((owner) => check(owner));
    expect(report).toMatchObject({ valid: true, checkpointsChecked: 3, failedCheckpoint: null, firstInvalid: null });
    expect(report.head.seq).toBe(api.headSeq);
    const file = join(dir, 'checkpoints.json');
    writeFileSync(file, JSON.stringify({ data: { auditCheckpoints: { nodes: published } } }));
    const cli = await verifyCli(file);
    expect(cli.stdout).toContain('VALID');
    expect(cli.code).toBe(0);
  });

  it('finds a deleted tail: the last checkpoint is beyond the head', async () => {
    const last = published.reduce((a, b) => (BigInt(a.seq) > BigInt(b.seq) ? a : b));
    const report = await tamperAndCheck(async (owner) => {
      await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await owner.query('DELETE FROM audit_log WHERE seq >= $1', [last.seq]);
    });
    // What is left is a perfect chain: only the checkpoint shows that records are gone.
    expect(report).toMatchObject({
      firstInvalid: null,
      valid: false,
      checkpointProblem: 'CHECKPOINT_BEYOND_HEAD',
      failedCheckpoint: { seq: last.seq },
    });
  });

  it('finds a rewritten record with everything after it rehashed: signatures fail, a checkpoint no longer matches', async () => {
    const first = published.reduce((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? a : b));
    const victim = String(BigInt(first.seq) - 1n);
    const report = await tamperAndCheck(async (owner) => {
      await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await owner.query(`UPDATE audit_log SET details = '{"code":"FORGED"}' WHERE seq = $1`, [victim]);
      // Rehash from the victim on, as an attacker with the database but not the key can.
      const rows = (
        await owner.query(
          'SELECT seq::text AS seq, id, occurred_at, actor_id, actor_role, operation, target_type, target_id, details FROM audit_log a WHERE a.seq >= $1 ORDER BY a.seq',
          [victim],
        )
      ).rows;
      let prev =
        (await owner.query('SELECT hash FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT 1', [victim])).rows[0]?.hash ?? GENESIS_HASH;
      for (const r of rows) {
        const hash = hashAuditRecord({
          id: r.id,
          occurredAt: r.occurred_at.toISOString(),
          actorId: r.actor_id,
          actorRole: r.actor_role,
          operation: r.operation,
          targetType: r.target_type,
          targetId: r.target_id,
          details: r.details,
          prevHash: prev,
        });
        await owner.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE seq = $1', [r.seq, prev, hash]);
        prev = hash;
      }
    });
    expect(report).toMatchObject({
      valid: false,
      reason: 'BAD_SIGNATURE',
      firstInvalid: { seq: victim },
      checkpointProblem: 'CHECKPOINT_MISMATCH',
    });
    // Nor does dropping the signatures help: they are required once the trail is signed.
    const unsigned = await tamperAndCheck(async (owner) => {
      await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await owner.query('UPDATE audit_log SET signature = NULL WHERE seq >= $1', [victim]);
    });
    expect(unsigned).toMatchObject({ valid: false, reason: 'MISSING_SIGNATURE', firstInvalid: { seq: victim } });
  });

  it('finds a forged record appended by the application’s own role, after the last checkpoint', async () => {
    const forge = async (client: Pick<Client, 'query'>, signature: string | null) => {
      const top = await head(client);
      const fields = {
        id: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
        occurredAt: '2026-03-05T10:00:00.000Z',
        actorId: null,
        actorRole: null,
        operation: 'createMember',
        targetType: 'Member',
        targetId: null,
        details: { code: 'XXX' },
        prevHash: top.hash,
      };
      await client.query(
        `INSERT INTO audit_log (id, occurred_at, actor_id, actor_role, operation, target_type, target_id, details, prev_hash, hash, signature)
         VALUES ($1, $2, NULL, NULL, $3, $4, NULL, $5, $6, $7, $8)`,
        [
          fields.id,
          fields.occurredAt,
          fields.operation,
          fields.targetType,
          JSON.stringify(fields.details),
          fields.prevHash,
          hashAuditRecord(fields),
          signature,
        ],
      );
    };
    // The application's role may append (it must), so the forgery is inserted through its own
    // connection, in a transaction rolled back afterwards.
    const runner = t.db.createQueryRunner();
    await runner.connect();
    const client = { query: async (sql: string, params?: unknown[]) => ({ rows: await runner.query(sql, params) }) } as unknown as Client;
    try {
      for (const [signature, reason] of [
        [null, 'MISSING_SIGNATURE'],
        ['stolen', 'BAD_SIGNATURE'],
      ] as const) {
        await runner.startTransaction();
        try {
          const stolen = (await runner.query('SELECT signature FROM audit_log a ORDER BY a.seq DESC LIMIT 1'))[0].signature;
          await forge(client, signature === 'stolen' ? stolen : null);
          const report = await check(client);
          expect(report).toMatchObject({
            valid: false,
            reason,
            firstInvalid: { operation: 'createMember', details: { code: 'XXX' } },
            failedCheckpoint: null,
          });
        } finally {
          await runner.rollbackTransaction();
        }
      }
    } finally {
      await runner.release();
    }
  });

  it('refuses TRUNCATE by trigger even to the owner; an emptied table is found against the checkpoints', async () => {
    await t.asOwner(async (owner) => {
      await expect(owner.query('TRUNCATE audit_log')).rejects.toThrow(/audit_log is append-only: TRUNCATE refused/);
      await expect(owner.query('TRUNCATE audit_checkpoints')).rejects.toThrow(/append-only: TRUNCATE refused/);
      await expect(owner.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only: DELETE refused/);
      await expect(owner.query(`UPDATE audit_checkpoints SET hash = $1`, [GENESIS_HASH])).rejects.toThrow(/append-only: UPDATE refused/);
    });
    // Only with the triggers switched off, which the owner alone can do, and then it shows.
    const report = await tamperAndCheck(async (owner) => {
      await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate');
      await owner.query('TRUNCATE audit_log');
    });
    expect(report).toMatchObject({ valid: false, checked: 0, checkpointProblem: 'CHECKPOINT_BEYOND_HEAD' });
  });

  it('gives the application’s role no way to rewrite the trail: it owns nothing, and cannot truncate or disable a trigger', async () => {
    // The app's own pool: the role DATABASE_URL names.
    const q = (sql: string) => t.db.query(sql);
    const [{ role, superuser, owned, create }] = await q(
      `SELECT current_user AS role, r.rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c WHERE pg_has_role(current_user, c.relowner, 'MEMBER')) AS owned,
              has_schema_privilege('public', 'CREATE') AS create
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toBe(process.env.E2E_APP_ROLE);
    expect({ superuser, owned, create }).toEqual({ superuser: false, owned: 0, create: false });
    expect(await auditTrailPowers((sql, params) => t.db.query(sql, params))).toEqual({ role, powers: [] });
    for (const table of ['audit_log', 'audit_checkpoints']) {
      await expect(q(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
      await expect(q(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      await expect(q(`UPDATE ${table} SET hash = hash`)).rejects.toThrow(/permission denied/);
      await expect(q(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    }
    await expect(q(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate`)).rejects.toThrow(/must be owner/);
    await expect(q(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(q(`DROP TRIGGER audit_log_append_only ON audit_log`)).rejects.toThrow(/must be owner/);
    await expect(q(`CREATE TABLE intruder (x int)`)).rejects.toThrow(/permission denied/);
    await expect(q(`DELETE FROM migrations`)).rejects.toThrow(/permission denied/);
  });

  // Last: it commits its tampering.
  it('finds a tail deleted together with the stored checkpoints only against a copy kept outside: npm run verify-audit fails', async () => {
    const file = join(dir, 'kept.json');
    writeFileSync(file, JSON.stringify(published));
    const last = published.reduce((a, b) => (BigInt(a.seq) > BigInt(b.seq) ? a : b));
    await t.asOwner(async (owner) => {
      await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await owner.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only');
      await owner.query('DELETE FROM audit_log WHERE seq >= $1', [last.seq]);
      await owner.query('DELETE FROM audit_checkpoints');
      await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      await owner.query('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only');
    });
    // The database's own view has nothing left to hold the chain to.
    expect((await t.gql(VERIFY, {}, sec())).data!.verifyAuditChain).toMatchObject({ valid: true, checkpointsChecked: 0 });
    const cli = await verifyCli(file);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('CHECKPOINT_BEYOND_HEAD');
    expect(cli.stdout).toContain('INVALID');
  });
});
