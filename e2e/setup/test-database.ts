import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the global setup hands to the test files, through environment variables. */
export const ENV_ADMIN_URL = 'E2E_ADMIN_URL';
export const ENV_TEMPLATE_DB = 'E2E_TEMPLATE_DB';
/** The application's role of this run and its password (the global setup makes it). */
export const ENV_APP_ROLE = 'E2E_APP_ROLE';
export const ENV_APP_PASSWORD = 'E2E_APP_PASSWORD';

/** A fresh temporary folder that the `postgres` system user can enter (not under /root). */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'dsb-test-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export { freePort, withDatabase } from '../../libs/core/src/database/embedded-postgres';
