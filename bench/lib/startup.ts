import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export interface BuildOutcome {
  built: boolean;
  seconds: number;
  /** Set when the compiler reported errors (it still emits JavaScript). */
  warning: string | null;
}

/**
 * `nest build api` when dist/apps/api/src/main.js is missing or older than a source file of apps/,
 * libs/ or migrations/. tsc emits even with type errors (someone else's work in progress): the
 * run goes on with what was emitted, and the errors are reported.
 */
export async function ensureBuild(): Promise<BuildOutcome> {
  const sources = Math.max(...['apps', 'libs', 'migrations'].map((d) => newestSource(join(ROOT, d))));
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= sources) return { built: false, seconds: 0, warning: null };
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'api'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
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
  if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < started - 1000) {
    throw new Error(`nest build api failed (exit ${code}):\n${output.join('').slice(0, 4000)}`);
  }
  const errors = output.join('').match(/Found (\d+) error/);
  const files = [...new Set([...output.join('').matchAll(/^(\S+\.ts):\d+:\d+ - error/gm)].map((m) => m[1]))];
  const warning =
    code === 0 && !errors
      ? null
      : `nest build api reported ${errors ? errors[1] : 'some'} type error(s)${files.length ? ` in ${files.join(', ')}` : ''}; JavaScript was emitted and is what was started`;
  return { built: true, seconds, warning };
}

export interface StartupRun {
  seconds: number;
  demoLoaded: boolean;
  migrationsApplied: boolean;
}

/** An API started from dist, as `npm start` runs it (with the worker it forks). */
export interface BuiltApi {
  port: number;
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
  return { port, seconds: Number(process.hrtime.bigint() - started) / 1e9, output: () => output.join(''), stop };
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
