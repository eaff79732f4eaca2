import { DocumentStorage, S3DocumentStorage } from '@app/registry';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver ships no types: the little of it used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<AddressInfo>; close(): Promise<void> };
import { DataSource } from 'typeorm';
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
});
