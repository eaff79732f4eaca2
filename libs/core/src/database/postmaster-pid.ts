import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The PostgreSQL server that holds a data folder, as its `postmaster.pid` tells. */
export interface ClusterHolder {
  /** The server's process id (the first line of postmaster.pid). */
  pid: number;
  /** The process that started it (`npm start`, `npm run db`), when this machine tells (Linux /proc). */
  parentPid: number | null;
  parentCommand: string | null;
}

/**
 * Thrown before starting the embedded PostgreSQL on a data folder that a live server already holds
 * (a second `npm start` on the same `.data`): one line that says which process has it.
 */
export class DatabaseInUseError extends Error {
  constructor(
    readonly clusterDir: string,
    readonly holder: ClusterHolder,
  ) {
    const by = holder.parentPid
      ? `${holder.parentPid}${holder.parentCommand ? ` (${holder.parentCommand})` : ''}, through its PostgreSQL process ${holder.pid}`
      : `${holder.pid} (PostgreSQL)`;
    super(
      `The database in ${clusterDir} is in use by process ${by}: stop that one first, or give this one another DATA_DIR (and EMBEDDED_PG_PORT)`,
    );
    this.name = 'DatabaseInUseError';
  }
}

export interface ProcessProbe {
  /** Whether a process of this id runs (signal 0: ESRCH no, EPERM yes but someone else's). */
  alive(pid: number): boolean;
  /** The command line of a process, or null where the system does not tell (no /proc). */
  command(pid: number): string | null;
  parent(pid: number): number | null;
}

/**
 * The live server holding `clusterDir`, or null when none does: no postmaster.pid, or a stale one
 * left by a server that was killed (PostgreSQL itself then removes it and starts: the PostgreSQL
 * documentation on postmaster.pid, and e2e/hardening/crash-postgres.ts restarts after a SIGKILL).
 * A pid that a later process reused is stale too: where /proc tells the command, a process that is
 * not a postgres server does not count.
 */
export function clusterHolder(clusterDir: string, probe: ProcessProbe = systemProbe): ClusterHolder | null {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  if (!probe.alive(pid)) return null;
  const command = probe.command(pid);
  if (command !== null && !/postgres/.test(command)) return null;
  const parentPid = probe.parent(pid);
  const parentCommand = parentPid ? probe.command(parentPid) : null;
  return {
    pid,
    parentPid: parentPid && parentPid > 1 ? parentPid : null,
    parentCommand: parentPid && parentPid > 1 ? parentCommand : null,
  };
}

export const systemProbe: ProcessProbe = {
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  command(pid) {
    try {
      const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      return text.length > 120 ? `${text.slice(0, 117)}...` : text;
    } catch {
      return null;
    }
  },
  parent(pid) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ...", and comm may hold spaces or parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
      return Number.isInteger(ppid) ? ppid : null;
    } catch {
      return null;
    }
  },
};
