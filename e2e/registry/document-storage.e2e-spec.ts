import { DocumentStorage, S3DocumentStorage } from '@app/registry';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver ships no types: the little of it used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<AddressInfo>; close(): Promise<void> };
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { generatedFile } from '../utils/generated-file';
import { documentStorageContract } from '../utils/storage-contract';
import { TestApp, startTestApp } from '../utils/test-app';

// One suite, every store: what a filing and a download rely on holds whichever keeps the bytes.
describe('document stores', () => {
  let t: TestApp;
  let s3: { run(): Promise<AddressInfo>; close(): Promise<void> };
  let s3Storage: S3DocumentStorage;
  let directory: string;
  beforeAll(async () => {
    t = await startTestApp();
    // A local S3-compatible server on a temporary folder, on a free port.
    directory = mkdtempSync(join(tmpdir(), 's3rver-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'documents' }] });
    const { port } = await s3.run();
    s3Storage = new S3DocumentStorage(
      {
        endpoint: `http://127.0.0.1:${port}`,
        bucket: 'documents',
        region: 'us-east-1',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      },
      t.app.get(DataSource),
    );
  });
  afterAll(async () => {
    await s3?.close();
    rmSync(directory, { recursive: true, force: true });
    await t.close();
  });

  documentStorageContract('PostgreSQL, in chunks', () => ({ storage: t.app.get(DocumentStorage), dataSource: t.app.get(DataSource) }));
  documentStorageContract('S3 (s3rver)', () => ({ storage: s3Storage, dataSource: t.app.get(DataSource) }));

  // The PostgreSQL store streams with binary COPY: what that must not change of the contract.
  describe('PostgreSQL, with COPY', () => {
    const MiB = 1024 * 1024;
    const storage = () => t.app.get(DocumentStorage);
    const chunksOf = async (keys: string[]) =>
      (await t.db.query(`SELECT count(*)::int AS n FROM document_chunks WHERE content_key = ANY($1::uuid[])`, [keys]))[0].n as number;
    // Connections of the pool in use, once the work of the moment is done (a leak keeps one for good).
    const inUse = async () => {
      const pool = (t.db.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
      for (let waited = 0; pool.totalCount - pool.idleCount > 0 && waited < 2000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return pool.totalCount - pool.idleCount;
    };

    it("keeps no chunk of a write refused mid-stream in the caller's transaction, and gives its connection back", async () => {
      const keys = Array.from({ length: 12 }, () => randomUUID());
      // More writes than the pool has connections: one kept busy by an aborted COPY would stall the rest.
      for (const key of keys) {
        await expect(
          t.db.transaction((em) => storage().write(key, generatedFile(5 * MiB + 3).stream(), { maxBytes: 3 * MiB, em })),
        ).rejects.toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
      }
      expect(await chunksOf(keys)).toBe(0);
      expect(await inUse()).toBe(0);
    });

    it('answers the refusal of the database itself (a key written twice), keeping the first content', async () => {
      const key = randomUUID();
      const file = generatedFile(2 * MiB + 5);
      await storage().write(key, file.stream(), { maxBytes: 10 * MiB });
      await expect(storage().write(key, generatedFile(3 * MiB).stream(), { maxBytes: 10 * MiB })).rejects.toThrow(/duplicate key/);
      const parts: Buffer[] = [];
      for await (const part of (await storage().read(key))!) parts.push(part as Buffer);
      expect(Buffer.concat(parts).equals(file.bytesAt(0, 2 * MiB + 4))).toBe(true);
      expect(await inUse()).toBe(0);
    });

    it('gives exact ranges across chunks and across the windows a read takes at once', async () => {
      const size = 9 * MiB + MiB / 2 + 7;
      const file = generatedFile(size);
      const key = randomUUID();
      await storage().write(key, file.stream(), { maxBytes: 16 * MiB });
      for (const [start, end] of [
        [0, size - 1],
        [MiB, 2 * MiB - 1],
        [4 * MiB - 1, 4 * MiB],
        [3 * MiB + 5, 8 * MiB + 7],
        [MiB / 2, size - 1],
        [size - 2, size - 1],
      ]) {
        const parts: Buffer[] = [];
        for await (const part of (await storage().read(key, { start, end }))!) parts.push(part as Buffer);
        expect({ start, end, equal: Buffer.concat(parts).equals(file.bytesAt(start, end)) }).toEqual({ start, end, equal: true });
      }
    });

    it('holds a few chunks and no connection for a reader that stops half-way, then gives it the rest', async () => {
      const size = 64 * MiB;
      const file = generatedFile(size);
      const key = randomUUID();
      const stored = await storage().write(key, file.stream(), { maxBytes: size });
      const content = (await storage().read(key))!;
      const hash = createHash('sha256');
      let read = 0;
      const take = (part: Buffer) => {
        hash.update(part);
        read += part.length;
      };
      // Read in paused mode: one piece, then nothing for a while.
      await once(content, 'readable');
      take(content.read() as Buffer);
      const before = process.memoryUsage().arrayBuffers;
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Stopped: what the store took ahead is a window of chunks (a whole file read ahead is 64 MiB).
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(12 * MiB);
      expect(content.readableLength).toBeLessThan(8 * MiB);
      expect(await inUse()).toBe(0);
      for await (const part of content as Readable) take(part as Buffer);
      expect({ read, sha256: hash.digest('hex') }).toEqual({ read: size, sha256: stored.sha256 });
    });
  });
});
