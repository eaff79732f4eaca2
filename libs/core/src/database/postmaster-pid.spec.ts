import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseInUseError, ProcessProbe, clusterHolder, systemProbe } from './postmaster-pid';

// postmaster.pid as PostgreSQL writes it: pid, data folder, start time, port, socket folder, ...
const pidFile = (pid: number | string) => `${pid}\n/data/pg\n1796528980\n54329\n/tmp\nlocalhost\n  5432001         0\nready   \n`;

function fakeProbe(processes: Record<number, { command: string | null; parent: number | null }>): ProcessProbe {
  return {
    alive: (pid) => pid in processes,
    command: (pid) => processes[pid]?.command ?? null,
    parent: (pid) => processes[pid]?.parent ?? null,
  };
}

describe('clusterHolder (who holds an embedded cluster, from its postmaster.pid)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'postmaster-pid-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const running = {
    4242: { command: '/x/bin/postgres -D /data/pg -p 54329', parent: 4200 },
    4200: { command: 'node dist/apps/api/src/main.js', parent: 1 },
  };

  it('names the live server and the process that started it', () => {
    writeFileSync(join(dir, 'postmaster.pid'), pidFile(4242));
    const holder = clusterHolder(dir, fakeProbe(running));
    expect(holder).toEqual({ pid: 4242, parentPid: 4200, parentCommand: 'node dist/apps/api/src/main.js' });
    expect(new DatabaseInUseError('/data/pg', holder!).message).toBe(
      'The database in /data/pg is in use by process 4200 (node dist/apps/api/src/main.js), through its PostgreSQL process 4242: ' +
        'stop that one first, or give this one another DATA_DIR (and EMBEDDED_PG_PORT)',
    );
  });

  it('names the server alone when its parent is init or unknown', () => {
    writeFileSync(join(dir, 'postmaster.pid'), pidFile(4242));
    const holder = clusterHolder(dir, fakeProbe({ 4242: { command: null, parent: 1 } }));
    expect(holder).toEqual({ pid: 4242, parentPid: null, parentCommand: null });
    expect(new DatabaseInUseError('/data/pg', holder!).message).toMatch(
      /^The database in \/data\/pg is in use by process 4242 \(PostgreSQL\): /,
    );
  });

  it('finds no holder without a postmaster.pid', () => {
    expect(clusterHolder(dir, fakeProbe(running))).toBeNull();
    expect(clusterHolder(join(dir, 'not-there'), fakeProbe(running))).toBeNull();
  });

  it('takes a pid file left by a killed server for stale (PostgreSQL removes it when it starts)', () => {
    writeFileSync(join(dir, 'postmaster.pid'), pidFile(4242));
    expect(clusterHolder(dir, fakeProbe({}))).toBeNull();
  });

  it('takes a pid that another program reused for stale', () => {
    writeFileSync(join(dir, 'postmaster.pid'), pidFile(4242));
    expect(clusterHolder(dir, fakeProbe({ 4242: { command: 'vim notes.txt', parent: 1 } }))).toBeNull();
  });

  it('ignores an unreadable pid and this very process', () => {
    writeFileSync(join(dir, 'postmaster.pid'), pidFile('garbage'));
    expect(clusterHolder(dir, fakeProbe(running))).toBeNull();
    writeFileSync(join(dir, 'postmaster.pid'), pidFile(process.pid));
    expect(clusterHolder(dir, fakeProbe({ [process.pid]: { command: 'postgres', parent: 1 } }))).toBeNull();
  });

  it('asks the system: this process is alive, a pid beyond the system limit is not', () => {
    expect(systemProbe.alive(process.pid)).toBe(true);
    expect(systemProbe.alive(2 ** 22 + 1)).toBe(false);
    if (process.platform === 'linux') {
      expect(systemProbe.command(process.pid)).toContain('node');
      expect(systemProbe.parent(process.pid)).toBe(process.ppid);
    }
  });
});
