import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { UserEntity, quoteIdent, withCredentials } from '@app/core';
import { ENV_ADMIN_URL, ENV_APP_PASSWORD, ENV_APP_ROLE, freshDataDir, removeDir, withDatabase } from '../setup/test-database';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const run = promisify(execFile);
// Each script starts its own node with ts-node (some seconds of CPU, several times that on a busy
// machine), and a test runs up to three of them.
const SCRIPTS_TIMEOUT = 300_000;
const ROOT = join(__dirname, '..', '..');

const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id sha256 downloadPath } }`;
const DISPUTE = `query($id: ID!) { dispute(id: $id) {
  title documents(first: 100) { nodes { id title sha256 sizeBytes classification downloadPath } }
  docket(first: 100) { nodes { id seq kind actorRole text } } } }`;
const VERIFY = '{ verifyAuditChain { valid checked reason } }';

/** `npm run backup` / `npm run restore` as an operator runs them, on the given database. */
async function script(name: 'backup' | 'restore', args: string[], db: { app: string; owner: string }) {
  try {
    const { stdout } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `scripts/${name}.ts`, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.app, DATABASE_OWNER_URL: db.owner },
      },
    );
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env[ENV_ADMIN_URL] });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A download's body as bytes, whatever its media type. */
function bytesOf(res: Response): Buffer {
  return Buffer.isBuffer(res.body) ? res.body : Buffer.from(res.text ?? '', 'utf8');
}

describe('backup and restore', () => {
  let t: TestApp;
  let restored: TestApp | null = null;
  const dir = freshDataDir();
  const backup = join(dir, 'backup');
  const emptyName = `t_restore_${randomBytes(4).toString('hex')}`;
  const target = () => {
    const owner = withDatabase(process.env[ENV_ADMIN_URL]!, emptyName);
    return { owner, app: withCredentials(owner, process.env[ENV_APP_ROLE]!, process.env[ENV_APP_PASSWORD]!) };
  };
  let complainant: UserEntity;
  let secretariat: UserEntity;
  let disputeId: string;
  const contents = new Map<string, Buffer>();
  let before: Record<string, any>;
  let auditBefore: { valid: boolean; checked: number };

  beforeAll(async () => {
    t = await startTestApp();
    const chn = await createMember(t.db, { code: 'CHN', name: 'China' });
    await createMember(t.db, { code: 'PAK', name: 'Pakistan' });
    complainant = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: chn.id });
    secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    const reader = await createUser(t.db, { role: 'PANELIST' });
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Steel safeguard", measures: ["Quota"],
        legalBasis: ["GATT Art. XIX"], summary: "Quotas on steel." }) { id } }`,
      {},
      t.tokenFor(complainant),
    );
    expect(filed.errors).toBeUndefined();
    disputeId = filed.data!.requestConsultations.id;
    // Filings of every classification, with contents that a lossy copy would change: multi-byte
    // text, every byte value, a larger random body.
    const files: [string, string, Buffer][] = [
      ['PUBLIC', 'text/plain', Buffer.from('Demande de consultations — 磋商请求 — طلب مشاورات\n', 'utf8')],
      ['RESTRICTED', 'application/octet-stream', Buffer.from(Array.from({ length: 256 }, (_, i) => i))],
      ['CONFIDENTIAL', 'application/octet-stream', randomBytes(300_000)],
    ];
    for (const [classification, mediaType, content] of files) {
      const res = await t.gql(
        FILE,
        {
          input: {
            disputeId,
            kind: 'NOTIFICATION',
            classification,
            title: `Filing ${classification}`,
            fileName: `${classification.toLowerCase()}.bin`,
            mediaType,
            content: content.toString('base64'),
            ...(classification === 'CONFIDENTIAL' ? { readerIds: [reader.id] } : {}),
          },
        },
        t.tokenFor(complainant),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.fileDocument.sha256).toBe(sha256(content));
      contents.set(res.data!.fileDocument.id, content);
    }
    before = (await t.gql(DISPUTE, { id: disputeId }, t.tokenFor(complainant))).data!.dispute;
    expect(before.documents.nodes).toHaveLength(3);
    expect(before.docket.nodes.length).toBeGreaterThanOrEqual(4);
    auditBefore = (await t.gql(VERIFY, {}, t.tokenFor(secretariat))).data!.verifyAuditChain;
    expect(auditBefore).toMatchObject({ valid: true });
    expect(auditBefore.checked).toBeGreaterThanOrEqual(4);
  }, SCRIPTS_TIMEOUT);

  afterAll(async () => {
    await restored?.close();
    await t?.close();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(emptyName)} WITH (FORCE)`));
    removeDir(dir);
  });

  it(
    'backs up into a folder with a manifest naming each file by its sha256',
    async () => {
      const result = await script('backup', ['--out', backup], { app: t.databaseUrl, owner: t.ownerUrl });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Backed up \d+ tables .*3 documents/);
      const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'));
      expect(manifest.format).toBe('dispute-body-backup/1');
      expect(manifest.migrations.length).toBeGreaterThan(10);
      expect(manifest.documents).toEqual({ storage: 'postgresql', documents: 3, versions: 0 });
      expect(manifest.tables.find((table: { name: string }) => table.name === 'document_chunks').rows).toBe(3);
      for (const file of manifest.files) expect(sha256(readFileSync(join(backup, file.name)))).toBe(file.sha256);
      // Not into a folder that holds something already.
      const again = await script('backup', ['--out', backup], { app: t.databaseUrl, owner: t.ownerUrl });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/not empty/);
    },
    SCRIPTS_TIMEOUT,
  );

  it(
    'refuses a backup whose files do not match the manifest, and touches nothing',
    async () => {
      await admin((client) => client.query(`CREATE DATABASE ${quoteIdent(emptyName)}`));
      const tampered = join(dir, 'tampered');
      cpSync(backup, tampered, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(tampered, 'manifest.json'), 'utf8'));
      const file = join(tampered, manifest.tables.find((table: { name: string }) => table.name === 'docket_entries').file);
      const bytes = readFileSync(file);
      bytes[bytes.length - 10] ^= 0xff;
      writeFileSync(file, bytes);
      const result = await script('restore', ['--from', tampered], target());
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/docket_entries\.jsonl\.gz is not the one the manifest names/);
      const tables = await admin(async () => {
        const db = new Client({ connectionString: target().owner });
        await db.connect();
        try {
          return (await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n;
        } finally {
          await db.end();
        }
      });
      expect(tables).toBe(0);
    },
    SCRIPTS_TIMEOUT,
  );

  it(
    'restores into an empty database: every filing with the same bytes, every docket entry, a valid audit chain',
    async () => {
      const result = await script('restore', ['--from', backup], target());
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      restored = await startTestApp({ databaseUrl: target().app });
      const after = (await restored.gql(DISPUTE, { id: disputeId }, restored.tokenFor(complainant))).data!.dispute;
      expect(after).toEqual(before);
      for (const [id, content] of contents) {
        const path = after.documents.nodes.find((node: { id: string }) => node.id === id).downloadPath;
        const res = await restored
          .http()
          .get(path)
          .set('authorization', `Bearer ${restored.tokenFor(complainant)}`)
          .buffer(true)
          .parse((response, callback) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => callback(null, Buffer.concat(chunks)));
          });
        expect(res.status).toBe(200);
        expect(sha256(bytesOf(res))).toBe(sha256(content));
      }
      const audit = (await restored.gql(VERIFY, {}, restored.tokenFor(secretariat))).data!.verifyAuditChain;
      expect(audit).toEqual({ valid: true, checked: auditBefore.checked, reason: null });
      // The restored registry goes on: a new filing is docketed and chained after the restored ones.
      const next = await restored.gql(
        FILE,
        {
          input: {
            disputeId,
            kind: 'NOTIFICATION',
            classification: 'PUBLIC',
            title: 'After the restore',
            fileName: 'after.txt',
            mediaType: 'text/plain',
            content: Buffer.from('after').toString('base64'),
          },
        },
        restored.tokenFor(complainant),
      );
      expect(next.errors).toBeUndefined();
      const chain = (await restored.gql(VERIFY, {}, restored.tokenFor(secretariat))).data!.verifyAuditChain;
      expect(chain.valid).toBe(true);
      expect(chain.checked).toBeGreaterThan(auditBefore.checked);
    },
    SCRIPTS_TIMEOUT,
  );

  it(
    'refuses to restore into a database that is not empty, unless --force',
    async () => {
      const refused = await script('restore', ['--from', backup], target());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/not empty/);
      // The filing made after the restore is still there.
      const docket = (await restored!.gql(DISPUTE, { id: disputeId }, restored!.tokenFor(complainant))).data!.dispute.docket.nodes;
      expect(docket.length).toBe(before.docket.nodes.length + 1);

      await restored!.close();
      restored = null;
      const forced = await script('restore', ['--from', backup, '--force'], target());
      expect(forced.stderr).toBe('');
      expect(forced.code).toBe(0);
      restored = await startTestApp({ databaseUrl: target().app });
      const after = (await restored.gql(DISPUTE, { id: disputeId }, restored.tokenFor(complainant))).data!.dispute;
      expect(after).toEqual(before);
      expect((await restored.gql(VERIFY, {}, restored.tokenFor(secretariat))).data!.verifyAuditChain).toEqual({
        valid: true,
        checked: auditBefore.checked,
        reason: null,
      });
    },
    SCRIPTS_TIMEOUT,
  );
});
