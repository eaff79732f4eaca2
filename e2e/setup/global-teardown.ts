import { Client } from 'pg';
import { quoteIdent } from '../../libs/core/src/database/embedded-postgres';
import { ENV_ADMIN_URL, ENV_APP_ROLE, ENV_TEMPLATE_DB, removeDir } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__E2E_DB__ as { stop: () => Promise<void>; dataDir: string } | undefined;
  if (embedded) {
    await embedded.stop();
    removeDir(embedded.dataDir);
    return;
  }
  const adminUrl = process.env[ENV_ADMIN_URL];
  const templateDb = process.env[ENV_TEMPLATE_DB];
  if (!adminUrl || !templateDb) return;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(templateDb)}`);
    // The run's application role, once no database holds grants to it (a database a failed test
    // left behind keeps it; the next run's role has another name).
    const role = process.env[ENV_APP_ROLE];
    if (role) await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).catch(() => undefined);
  } finally {
    await admin.end();
  }
}
