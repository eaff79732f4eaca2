import { ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CrashServerMessage, CrashServerRequest } from './crash-postgres-server';

const ROOT = join(__dirname, '..', '..');
const SERVER_SCRIPT = join(__dirname, 'crash-postgres-server.ts');

/**
 * A PostgreSQL server of one test's own, which the test may kill: started with the project's
 * embedded-postgres helper in a child process (crash-postgres-server.ts), on a data folder that
 * outlives the server, so that a restart on the same folder goes through crash recovery.
 */
export interface KillablePostgres {
  /** URL of `database`, and of the maintenance database. */
  readonly url: string;
  readonly adminUrl: string;
  /** Process ids of the postmaster and of every process it forked, as they are now. */
  serverPids(): number[];
  /**
   * Kills the whole server at once with SIGKILL, as a crash would: the postmaster (its pid from
   * `postmaster.pid`) and every backend and auxiliary process (WAL writer, checkpointer, …).
   * Killing the postmaster alone is gentler: its backends run on until they notice, and may still
   * commit and flush. Resolves with their pids when none of them is left.
   */
  kill(): Promise<number[]>;
  /** Starts the server again on the same data folder; resolves once recovery is over. */
  restart(): Promise<void>;
  /** Stops the server cleanly if it runs; kills whatever is left if that does not work. */
  stop(): Promise<void>;
  /** What PostgreSQL logged, every start included. */
  log(): string;
}

export async function startKillablePostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  flags: string[];
}): Promise<KillablePostgres> {
  const logFile = join(options.dataDir, 'postgres.log');
  const request: CrashServerRequest = { ...options, logFile };
  const clusterDir = join(options.dataDir, 'pg');
  let child: ChildProcess | null = null;
  let urls: { url: string; adminUrl: string } = { url: '', adminUrl: '' };

  const launch = async () => {
    const proc = fork(SERVER_SCRIPT, [JSON.stringify(request)], {
      cwd: ROOT,
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child = proc;
    let stderr = '';
    proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    urls = await new Promise<{ url: string; adminUrl: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start in 60 s\n${stderr}`)), 60_000);
      proc.once('message', (message: CrashServerMessage) => {
        clearTimeout(timer);
        if ('error' in message) reject(new Error(`PostgreSQL did not start: ${message.error}\n${stderr}`));
        else resolve(message);
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The server process exited (${code ?? signal}) before PostgreSQL was ready\n${stderr}`));
      });
    });
  };

  const postmasterPid = (): number | null => {
    const file = join(clusterDir, 'postmaster.pid');
    if (!existsSync(file)) return null;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    // A stale file (after the kill) may name a pid the system has since given to another process:
    // only a live postgres running on this cluster is ours.
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandLine(pid).includes(clusterDir) ? pid : null;
  };

  const serverPids = (): number[] => {
    const pid = postmasterPid();
    return pid === null ? [] : [pid, ...childrenOf(pid)];
  };

  const killChild = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };

  const killServer = async (): Promise<number[]> => {
    const postmaster = postmasterPid();
    if (postmaster === null) return [];
    // Freeze the postmaster first, so that it forks no backend between listing its children and
    // killing them; then SIGKILL it and all of them, back to back.
    process.kill(postmaster, 'SIGSTOP');
    const pids = [postmaster, ...childrenOf(postmaster)];
    for (const pid of pids) signal(pid, 'SIGKILL');
    await waitUntil(() => pids.every((pid) => !isAlive(pid)), 10_000, `server processes ${pids.join(', ')} still alive`);
    return pids;
  };

  // A start that fails leaves nothing running.
  const start = async () => {
    try {
      await launch();
    } catch (error) {
      await killServer();
      await killChild();
      throw error;
    }
  };

  await start();
  return {
    get url() {
      return urls.url;
    },
    get adminUrl() {
      return urls.adminUrl;
    },
    serverPids,
    async kill() {
      const pids = await killServer();
      // The helper process waits for a server that is gone: throw it away as well.
      await killChild();
      return pids;
    },
    async restart() {
      await killChild();
      await start();
    },
    async stop() {
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<boolean>((resolve) => {
          proc.once('exit', () => resolve(true));
          setTimeout(() => resolve(false), 20_000).unref();
        });
        proc.kill('SIGTERM');
        if (await exited) child = null;
      }
      // Whatever did not stop cleanly is killed, so no process outlives the test.
      await killServer();
      await killChild();
    },
    log() {
      return existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    },
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Alive: the process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The processes whose parent is `pid` (Linux: from /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
