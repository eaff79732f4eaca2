import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Replaces the database name of a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
