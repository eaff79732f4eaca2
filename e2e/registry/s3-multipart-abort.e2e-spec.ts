import { S3DocumentStorage } from '@app/registry';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
// s3rver ships no types: the little of it used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<AddressInfo>; close(): Promise<void> };
import { DataSource } from 'typeorm';
import { TestApp, startTestApp } from '../utils/test-app';

/*
 * A write to the S3 store that fails half-way through a multipart upload (the client cut off, the
 * file too large) aborts that multipart upload (lib-storage's leavePartsOnError: false), so that
 * its parts are not left in the bucket, billed and invisible. s3rver does not implement
 * AbortMultipartUpload (it answers 405): a proxy in front of it records what the store sends and
 * answers the abort as S3 does. A crash of the process itself aborts nothing: that is the bucket's
 * lifecycle rule (README, "Documents of any size").
 */

const MiB = 1024 * 1024;

describe('S3 store: a failed multipart write is aborted', () => {
  let t: TestApp;
  let s3: { run(): Promise<AddressInfo>; close(): Promise<void> };
  let proxy: Server;
  let directory: string;
  let storage: S3DocumentStorage;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    directory = mkdtempSync(join(tmpdir(), 's3rver-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'documents' }] });
    const { port: s3Port } = await s3.run();
    proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.method === 'DELETE' && /[?&]uploadId=/.test(req.url ?? '')) {
        req.resume();
        res.statusCode = 204;
        res.end();
        return;
      }
      const upstream = httpRequest(
        { host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => res.destroy(error));
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    storage = new S3DocumentStorage(
      {
        endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
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
    await new Promise((resolve) => proxy?.close(resolve));
    await s3?.close();
    rmSync(directory, { recursive: true, force: true });
    await t.close();
  });

  it('sends AbortMultipartUpload for the upload it began, and keeps no object, when the content fails after parts were sent', async () => {
    const key = randomUUID();
    // 20 MiB (two whole parts of 8 MiB sent), then the client goes away.
    async function* cutOff(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 20; i++) yield Buffer.alloc(MiB, i);
      throw new Error('the client went away');
    }
    await expect(storage.write(key, Readable.from(cutOff()), { maxBytes: 100 * MiB })).rejects.toThrow('the client went away');
    const mine = seen.filter((line) => line.includes(`/documents/documents/${key}`));
    const began = mine.find((line) => line.startsWith('POST ') && /[?&]uploads/.test(line));
    const parts = mine.filter((line) => line.startsWith('PUT ') && /[?&]partNumber=/.test(line));
    const aborted = mine.filter((line) => line.startsWith('DELETE ') && /[?&]uploadId=/.test(line));
    expect({ began: !!began, parts: parts.length >= 2, aborted: aborted.length }).toEqual({ began: true, parts: true, aborted: 1 });
    // Never completed: no object under the key.
    expect(mine.some((line) => line.startsWith('POST ') && /[?&]uploadId=/.test(line))).toBe(false);
    expect(await storage.read(key)).toBeNull();
  }, 60_000);

  it('sends none for a write that succeeds', async () => {
    const key = randomUUID();
    async function* whole(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 9; i++) yield Buffer.alloc(MiB, i);
    }
    await expect(storage.write(key, Readable.from(whole()), { maxBytes: 100 * MiB })).resolves.toMatchObject({ sizeBytes: 9 * MiB });
    const mine = seen.filter((line) => line.includes(`/documents/documents/${key}`));
    expect(mine.filter((line) => line.startsWith('DELETE '))).toEqual([]);
    await storage.remove(key);
  }, 60_000);
});
