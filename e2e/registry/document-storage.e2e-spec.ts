import { DocumentStorage } from '@app/registry';
import { DataSource } from 'typeorm';
import { documentStorageContract } from '../utils/storage-contract';
import { TestApp, startTestApp } from '../utils/test-app';

// One suite, every store: what a filing and a download rely on holds whichever keeps the bytes.
describe('document stores', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  documentStorageContract('PostgreSQL, in chunks', () => ({ storage: t.app.get(DocumentStorage), dataSource: t.app.get(DataSource) }));
});
