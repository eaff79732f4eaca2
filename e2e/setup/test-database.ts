import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the global setup hands to the test files, through environment variables. */
export const ENV_ADMIN_URL = 'E2E_ADMIN_URL';
export const ENV_TEMPLATE_DB = 'E2E_TEMPLATE_DB';

/** A fresh temporary folder that the `postgres` system user can enter (not under /root). */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'dsb-test-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export { freePort, withDatabase } from '../../libs/core/src/database/embedded-postgres';
