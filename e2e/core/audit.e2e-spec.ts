import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const CREATE_MEMBER = `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`;
const VERIFY = '{ verifyAuditChain { valid checked reason firstInvalid { seq id operation } } }';

// Fifty assigned ISO 3166-1 alpha-3 codes.
const CODES = (
  'AFG ALB DZA AND AGO ARG ARM AUS AUT AZE BHR BGD BLR BEL BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI KHM ' +
  'CMR CAN CPV CAF TCD CHL COL COM COG CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU SLV GNQ ERI EST SWZ'
).split(' ');

describe('audit trail', () => {
  let t: TestApp;
  let secretariat: string;

  beforeAll(async () => {
    t = await startTestApp();
    secretariat = t.tokenFor(await createUser(t.db, { role: 'SECRETARIAT' }));
  });
  afterAll(() => t.close());

  it('keeps one unbroken chain under 50 concurrent mutations', async () => {
    const results = await Promise.all(
      CODES.map((code) => t.gql(CREATE_MEMBER, { input: { code, name: `Member ${code}`, joinedOn: '2025-01-01' } }, secretariat)),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const rows: { seq: string; prev_hash: string; hash: string }[] = await t.db.query(
      'SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq',
    );
    expect(rows).toHaveLength(50);
    // One chain: every record points at the one before it, so no two records share a parent.
    rows.forEach((row, i) => expect(row.prev_hash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1].hash));
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(50);
    const verify = await t.gql(VERIFY, {}, secretariat);
    expect(verify.data!.verifyAuditChain).toEqual({ valid: true, checked: 50, reason: null, firstInvalid: null });
  });

  it('records nothing for a failed mutation', async () => {
    const [{ count: before }] = await t.db.query('SELECT count(*)::int AS count FROM audit_log');
    const res = await t.gql(CREATE_MEMBER, { input: { code: 'AFG', name: 'Again', joinedOn: '2025-01-01' } }, secretariat);
    expect(res.errors![0].extensions.code).toBe('CONFLICT');
    const [{ count: after }] = await t.db.query('SELECT count(*)::int AS count FROM audit_log');
    expect(after).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table: to the application’s role, and by trigger to its owner', async () => {
    // The application's role holds no such right, nor any to switch a trigger off.
    await expect(t.db.query("UPDATE audit_log SET operation = 'x' WHERE seq = 1")).rejects.toThrow(/permission denied/);
    await expect(t.db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/permission denied/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    await expect(t.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')).rejects.toThrow(/must be owner/);
    // The owner holds them, and the triggers refuse.
    await t.asOwner(async (owner) => {
      await expect(owner.query("UPDATE audit_log SET operation = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
      await expect(owner.query('TRUNCATE audit_checkpoints')).rejects.toThrow(/append-only: TRUNCATE refused/);
    });
  });

  it('names exactly the record that was edited behind its back', async () => {
    const [target] = await t.db.query('SELECT seq, id FROM audit_log ORDER BY seq OFFSET 20 LIMIT 1');
    // An attacker with owner rights: switch the guard off, rewrite history, switch it on.
    await t.asOwner(async (owner) => {
      await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await owner.query(`UPDATE audit_log SET details = '{"code":"FORGED"}' WHERE seq = $1`, [target.seq]);
      await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    const res = await t.gql(VERIFY, {}, secretariat);
    expect(res.data!.verifyAuditChain).toEqual({
      valid: false,
      checked: 21,
      reason: 'HASH_MISMATCH',
      firstInvalid: { seq: String(target.seq), id: target.id, operation: 'createMember' },
    });
  });

  it('is for the secretariat only', async () => {
    const member = await createMember(t.db, { code: 'KEN', name: 'Kenya' });
    const delegate = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    const panelist = await createUser(t.db, { role: 'PANELIST' });
    for (const token of [t.tokenFor(delegate), t.tokenFor(panelist)]) {
      expect((await t.gql(VERIFY, {}, token)).errors![0].extensions.code).toBe('FORBIDDEN');
    }
    expect((await t.gql(VERIFY)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
