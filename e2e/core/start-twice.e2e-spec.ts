import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@app/core';

const ROOT = resolve(__dirname, '..', '..');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Run {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

/** A compiled script of dist/ (as `npm start` and `npm run db` run them), in its own process group. */
function run(script: string, env: Record<string, string>): Run {
  const child = spawn(process.execPath, [join(ROOT, 'dist', script)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** The exit code, or a failure when the process runs on (the bug: a start that went on). */
async function exitWithin(r: Run, seconds: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      killGroup(r.child);
      fail(new Error(`still running after ${seconds} s:\n${r.output().stdout}\n${r.output().stderr}`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([r.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm run db` on the folder, until it prints its URL. */
async function startDevDb(env: Record<string, string>): Promise<Run & { url: string }> {
  const db = run(join('scripts', 'dev-db.js'), env);
  const started = Date.now();
  for (;;) {
    const found = /^DATABASE_URL=(\S+)$/m.exec(db.output().stdout);
    if (found) return { ...db, url: found[1] };
    if (db.child.exitCode !== null) throw new Error(`npm run db exited ${db.child.exitCode}: ${db.output().stderr}`);
    if (Date.now() - started > 90_000) {
      killGroup(db.child);
      throw new Error(`npm run db did not start in 90 s: ${db.output().stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A second `npm start` (or `npm run db`) on the data folder that another one holds (README, "The
// two commands"): one line naming that process and exit code 1, where it used to crash with
// "Cannot read properties of undefined (reading 'stack')".
describe('a second start on the same embedded database', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let first: (Run & { url: string }) | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'start-twice-'));
    // The postgres system user enters the folder when the tests run as root.
    chmodSync(dataDir, 0o755);
    env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: '0', MAIL_CATCHER_PORT: '0', START_WORKER: 'false' };
    // dist/ as `npm start` builds it, when it is stale.
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-stale', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`scripts/build.js failed: ${build.stderr}`);
    first = await startDevDb(env);
  }, 150_000);
  afterAll(async () => {
    if (first) {
      first.child.kill('SIGTERM');
      await exitWithin(first, 30).catch(() => undefined);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const serverPid = () => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const inUse = (command: string) =>
    new RegExp(
      `^The database in ${escape(join(dataDir, 'pg'))} is in use by process ${first!.child.pid} \\(.*${escape(command)}.*\\), ` +
        `through its PostgreSQL process ${serverPid()}: stop that one first, or give this one another DATA_DIR \\(and EMBEDDED_PG_PORT\\)$`,
    );

  it('npm start (main.js) stops at once with one line naming the holder, exit code 1', async () => {
    const second = run(join('apps', 'api', 'src', 'main.js'), env);
    expect(await exitWithin(second, 60)).toBe(1);
    const { stdout, stderr } = second.output();
    expect(stderr.split('\n')).toEqual([expect.stringMatching(inUse('dev-db.js')), '']);
    expect(stdout).not.toMatch(/GraphQL API ready|TypeError/);
    // The holder is untouched.
    expect(alive(first!.child.pid!)).toBe(true);
  }, 90_000);

  it('npm run db stops the same way', async () => {
    const second = run(join('scripts', 'dev-db.js'), env);
    expect(await exitWithin(second, 60)).toBe(1);
    expect(second.output().stderr.split('\n')).toEqual([expect.stringMatching(inUse('dev-db.js')), '']);
    expect(second.output().stdout).toBe('');
  }, 90_000);

  it('the pid file of a killed server does not block the next start', async () => {
    const killed = serverPid();
    killGroup(first!.child);
    await first!.exited;
    first = null;
    for (let i = 0; i < 100 && alive(killed); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(killed)).toBe(false);
    // SIGKILL leaves postmaster.pid behind, naming a process that is gone.
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    first = await startDevDb(env);
    expect(serverPid()).not.toBe(killed);
    const client = new Client({ connectionString: first.url });
    await client.connect();
    try {
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  }, 150_000);
});
