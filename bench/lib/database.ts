import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { THROWAWAY_POSTGRES_FLAGS, freePort, quoteIdent, startEmbeddedPostgres, withDatabase } from '@app/core';

export { freePort, withDatabase };

export interface BenchServer {
  /** The maintenance database, for creating and dropping the bench databases. */
  adminUrl: string;
  embedded: boolean;
  dataDir: string | null;
  version: string;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

async function admin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The PostgreSQL of a benchmark run: the server in DATABASE_URL if set, else an embedded one in a
 * fresh temporary folder (removed by `stop`), like the e2e global setup.
 */
export async function startBenchServer(env: NodeJS.ProcessEnv = process.env): Promise<BenchServer> {
  let adminUrl: string;
  let dataDir: string | null = null;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (env.DATABASE_URL) {
    adminUrl = withDatabase(env.DATABASE_URL, 'postgres');
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'dsb-bench-'));
    try {
      const db = await startEmbeddedPostgres({
        dataDir,
        port: await freePort(),
        database: 'postgres',
        persistent: false,
        // A throw-away cluster, as in the e2e setup: durability buys nothing here. Reads (what the
        // benchmark measures) do not depend on these settings; the data set loads faster.
        postgresFlags: THROWAWAY_POSTGRES_FLAGS,
      });
      adminUrl = db.adminUrl;
      stopEmbedded = db.stop;
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }
  const version = await admin(adminUrl, async (c) => (await c.query('SHOW server_version')).rows[0].server_version as string);
  const created = new Set<string>();
  const dir = dataDir;
  return {
    adminUrl,
    embedded: stopEmbedded !== null,
    dataDir,
    version,
    async createDatabase(name) {
      await admin(adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${quoteIdent(name)}`);
      });
      created.add(name);
      return withDatabase(adminUrl, name);
    },
    async dropDatabase(name) {
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
      created.delete(name);
    },
    async stop() {
      for (const name of [...created]) {
        await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).catch(() => undefined);
      }
      if (stopEmbedded) await stopEmbedded().catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
