// Core's helpers by path, not @app/core: see eslint.config.mjs (the one exception to the libs'
// boundaries) for why this process must not load the lib's index.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { generateSigningKeyPem } from '../../libs/core/src/audit/audit-keys';
import { ensureApplicationRole, withCredentials } from '../../libs/core/src/database/database-roles';
import { THROWAWAY_POSTGRES_FLAGS, quoteIdent, startEmbeddedPostgres } from '../../libs/core/src/database/embedded-postgres';
import { ENV_ADMIN_URL, ENV_APP_PASSWORD, ENV_APP_ROLE, ENV_TEMPLATE_DB, freePort, freshDataDir, withDatabase } from './test-database';

/**
 * Once per run: a real PostgreSQL (embedded in a fresh temporary folder, unless DATABASE_URL
 * names a server), and a template database with every migration applied. Each test file then
 * clones the template into a database of its own.
 *
 * As in production, two roles: the migrations run as the server's admin (the owner), and the
 * application connects as a role of this run that owns nothing and may only read and append the
 * audit trail (its grants are cloned with the template). Tests that play the superuser use the
 * owner's connection (`TestApp.asOwner`). One audit signing key for the whole run
 * (AUDIT_SIGNING_KEY, unless set already), so every process of a test signs alike.
 */
export default async function globalSetup(): Promise<void> {
  const templateDb = `dsb_template_${process.pid}`;
  const appRole = `dsb_app_${process.pid}`;
  const appPassword = randomBytes(18).toString('hex');
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
  await ensureApplicationRole(adminUrl, appRole, appPassword);
  process.env.AUDIT_SIGNING_KEY ||= generateSigningKeyPem();
  // Migrate in a child process: loading the application's modules here, in jest's own realm,
  // would leave decorator metadata that clashes with the test files' copies when tests run in band.
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/migrate.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_OWNER_URL: withDatabase(adminUrl, templateDb),
      DATABASE_URL: withCredentials(withDatabase(adminUrl, templateDb), appRole, appPassword),
    },
    stdio: 'pipe',
  });
  process.env[ENV_ADMIN_URL] = adminUrl;
  process.env[ENV_TEMPLATE_DB] = templateDb;
  process.env[ENV_APP_ROLE] = appRole;
  process.env[ENV_APP_PASSWORD] = appPassword;
}
