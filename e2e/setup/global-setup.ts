import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { THROWAWAY_POSTGRES_FLAGS, quoteIdent, startEmbeddedPostgres } from '../../libs/core/src/database/embedded-postgres';
import {
  ENV_ADMIN_URL,
  ENV_TEMPLATE_DB,
  freePort,
  freshDataDir,
  withDatabase,
} from './test-database';

/**
 * Once per run: a real PostgreSQL (embedded in a fresh temporary folder, unless DATABASE_URL
 * names a server), and a template database with every migration applied. Each test file then
 * clones the template into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  const templateDb = `dsb_template_${process.pid}`;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const dataDir = freshDataDir();
    const db = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
      persistent: false,
      postgresFlags: THROWAWAY_POSTGRES_FLAGS,
    });
    adminUrl = db.adminUrl;
    (globalThis as Record<string, unknown>).__E2E_DB__ = { stop: db.stop, dataDir };
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(templateDb)}`);
    await admin.query(`CREATE DATABASE ${quoteIdent(templateDb)}`);
  } finally {
    await admin.end();
  }
  // Migrate in a child process: loading the application's modules here, in jest's own realm,
  // would leave decorator metadata that clashes with the test files' copies when tests run in band.
  const root = join(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/migrate.ts'],
    { cwd: root, env: { ...process.env, DATABASE_URL: withDatabase(adminUrl, templateDb) }, stdio: 'pipe' },
  );
  process.env[ENV_ADMIN_URL] = adminUrl;
  process.env[ENV_TEMPLATE_DB] = templateDb;
}
