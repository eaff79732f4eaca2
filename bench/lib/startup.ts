import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './children';
import { freePort } from './database';

const MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

// The processes this module started and that may still run: the build, a started API (its own
// process group, with the worker it forks).
const builds = new Set<ChildProcess>();
const apis = new Set<ChildProcess>();

/** Stops whatever this module still runs (the final clean-up, also after a failure or Ctrl-C). */
export async function stopStartupProcesses(): Promise<void> {
  for (const child of builds) child.kill('SIGTERM');
  for (const child of apis) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export interface BuildOutcome {
  built: boolean;
  seconds: number;
  /** Kept for the report's shape: the SWC build does not type-check (`npm test` does), so null. */
  warning: string | null;
}

/**
 * What `npm start` does first: `node scripts/build.js --if-stale` (SWC, only when the sources
 * changed since dist/ was built).
 */
export async function ensureBuild(): Promise<BuildOutcome> {
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-stale'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    builds.add(child);
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    child.on('exit', (exit) => {
      builds.delete(child);
      resolve(exit);
    });
  });
  const seconds = (Date.now() - started) / 1000;
  if (code !== 0 || !existsSync(MAIN)) throw new Error(`scripts/build.js failed (exit ${code}):\n${output.join('').slice(0, 4000)}`);
  return { built: /^Built dist\//m.test(output.join('')), seconds, warning: null };
}

/** One `npm start`, timed from launch to its "GraphQL API ready" line. */
export interface NpmStartRun {
  seconds: number;
  /** Whether its up-to-date check found dist/ stale and built it, and in how many seconds (what it printed). */
  built: boolean;
  buildSeconds: number | null;
  demoLoaded: boolean;
  migrationsApplied: boolean;
}

/**
 * The real `npm start`, as a newcomer runs it: no DATABASE_URL, so the embedded PostgreSQL with its
 * data in `dataDir` (a temporary folder of the bench; empty on the first run: initdb, every
 * migration, the demo data), on free ports, NODE_ENV=development, the worker beside it. `cold`
 * removes dist/ first, as in a fresh clone, so the time includes the whole build; otherwise dist/
 * is up to date and the time includes the check that says so. Stopped with SIGTERM (to its process
 * group: npm, the API, its worker and PostgreSQL) once ready; resolves when the cluster is down, so
 * that the next run can take the same folder.
 */
/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function measureNpmStart(dataDir: string, cold: boolean): Promise<NpmStartRun> {
  if (cold) rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'log',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    MAIL_CATCHER_PORT: '0',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  delete env.SMTP_URL;
  const output: string[] = [];
  const started = process.hrtime.bigint();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawn(npm, ['start'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  apis.add(child);
  // Seconds from launch to the ready line (an object: set from the output's callback).
  const ready: { seconds: number | null } = { seconds: null };
  const onData = (chunk: Buffer) => {
    output.push(String(chunk));
    if (ready.seconds === null && /GraphQL API ready/.test(output.join('')))
      ready.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      apis.delete(child);
      resolve(code);
    }),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  try {
    for (;;) {
      if (ready.seconds !== null) break;
      if (exitCode !== undefined) throw new Error(`npm start exited with code ${exitCode}:\n${output.join('').slice(-3000)}`);
      if (Number(process.hrtime.bigint() - started) / 1e9 > 180) throw new Error('npm start was not ready within 180 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 20_000);
    await exited;
    // npm exits before the processes it started (the API processes of WEB_CONCURRENCY, the worker,
    // PostgreSQL): the run is over when its whole process group is, so that nothing still writes
    // in the data folder when the next run takes it or the bench removes it.
    // Bounded: a zombie nobody reaps would count as alive forever.
    const until = Date.now() + 30_000;
    while (groupAlive(child.pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await clusterDown(join(dataDir, 'pg'));
    clearTimeout(timer);
  }
  if (ready.seconds === null) throw new Error('npm start: no ready line');
  const text = output.join('');
  const build = /Built dist\/ from \d+ sources with SWC in ([\d.]+) s/.exec(text);
  return {
    seconds: ready.seconds,
    built: build !== null,
    buildSeconds: build ? Number(build[1]) : null,
    demoLoaded: /Demo data loaded/.test(text),
    migrationsApplied: /Applied migrations/.test(text),
  };
}

/** Resolves when the server of this cluster is gone (its postmaster.pid removed or its process dead). */
async function clusterDown(clusterDir: string): Promise<void> {
  const file = join(clusterDir, 'postmaster.pid');
  for (let i = 0; i < 300; i++) {
    if (!existsSync(file)) return;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the PostgreSQL of ${clusterDir} did not stop within 30 s`);
}

export interface StartupRun {
  seconds: number;
  demoLoaded: boolean;
  migrationsApplied: boolean;
}

/** An API started from dist, as `npm start` runs it (with the worker it forks). */
export interface BuiltApi {
  port: number;
  /** The process of main.js (with WEB_CONCURRENCY=1, the API's own). */
  pid: number | undefined;
  /** Seconds from launch to the first 200 from /health/ready. */
  seconds: number;
  /** What it printed so far. */
  output: () => string;
  /** SIGTERM (it stops its worker and itself), SIGKILL to its group after 15 s; resolves on exit. */
  stop: () => Promise<void>;
}

/**
 * Launches `node dist/apps/api/src/main.js` against `databaseUrl` and waits for /health/ready to
 * answer 200.
 */
export async function startBuiltApi(databaseUrl: string, jwtSecret: string, env: Record<string, string>): Promise<BuiltApi> {
  const port = await freePort();
  const output: string[] = [];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    // Its own process group, so that a hung start-up can be killed with its worker.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // HOST: production requires it; the harness reaches the API on this machine only.
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: jwtSecret, ...env },
  });
  apis.add(child);
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      apis.delete(child);
      resolve(code);
    }),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const stop = async () => {
    if (exitCode !== undefined || !child.pid) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    for (;;) {
      if (exitCode !== undefined) throw new Error(`main.js exited with code ${exitCode}:\n${output.join('').slice(-3000)}`);
      if (Number(process.hrtime.bigint() - started) / 1e9 > 120) throw new Error('main.js was not ready within 120 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, pid: child.pid, seconds: Number(process.hrtime.bigint() - started) / 1e9, output: () => output.join(''), stop };
}

/**
 * Seconds from launching `node dist/apps/api/src/main.js` against `databaseUrl` to the first 200
 * from /health/ready; then SIGTERM (the process stops its worker and itself) and wait.
 */
export async function measureStartup(databaseUrl: string, jwtSecret: string): Promise<StartupRun> {
  const api = await startBuiltApi(databaseUrl, jwtSecret, { NODE_ENV: 'development', LOG_LEVEL: 'log' });
  try {
    const text = api.output();
    return { seconds: api.seconds, demoLoaded: /Demo data loaded/.test(text), migrationsApplied: /Applied migrations/.test(text) };
  } finally {
    await api.stop();
  }
}
