// `node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/request-path.ts [options]`:
// issue 16, item 1 — the CPU time the shipped API spends per request on the secretariat's docket
// list, in this tree and in others (baselines checked out elsewhere, e.g. `git archive <rev> | tar
// -x -C /tmp/base` with a `node_modules` link). Each tree is built as `npm start` builds it
// (scripts/build.js) and run as it ships (`node dist/apps/api/src/main.js`, NODE_ENV=production,
// one process, no worker) on the bench data set (10 000 disputes). Before measuring, all answer
// the four variants of bench/run.ts byte for byte alike. Then interleaved full-load rounds
// (autocannon, 10 connections, the order rotating), each process's CPU time (user + system, from
// /proc) divided by the requests it answered: a figure the machine's other load disturbs far less
// than requests per second. Prints the figures; asserts only that the
// answers are equal.
//
//   --trees A,B,…   the other trees, the first the reference (default: this tree again, an A/A
//                   run: the noise floor); this tree is measured last in the list
//   --rounds N      interleaved rounds (default 6), --seconds S each (default 5), --warm S (default 10)
//   --profile FILE  afterwards, a CPU profile of this tree under one more round (the application
//                   under ts-node in a child, bench/platform-server.ts), its raw profile saved to FILE
import { productionSecrets } from './lib/production-env';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { quantile } from './lib/quantile';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(arg('rounds') ?? 6);
const ROUND_SECONDS = Number(arg('seconds') ?? 5);
const WARM_SECONDS = Number(arg('warm') ?? 10);
const PROFILE_FILE = arg('profile');
const log = (message: string) => process.stderr.write(`${message}\n`);
const out = (text: string) => process.stdout.write(`${text}\n`);

interface Side {
  name: string;
  root: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
}

/** User + system CPU time of a process in ms, from /proc (the process need not cooperate). */
function cpuMs(pid: number, ticksPerSecond: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

async function main(): Promise<void> {
  const { freePort, startBenchServer } = await import('./lib/database');
  const { DOCKET_LIST } = await import('./lib/queries');
  const { signedInDataset } = await import('./lib/signed-in-dataset');
  const { ask, forkScript, stopAllChildren, ROOT } = await import('./lib/children');
  const roots = [...(arg('trees') ?? ROOT).split(',').map((dir) => resolve(dir)), ROOT];
  const ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  const cleanups: (() => Promise<void>)[] = [stopAllChildren];
  try {
    for (const root of new Set(roots)) {
      log(`building ${root}`);
      execFileSync(process.execPath, [join(root, 'scripts', 'build.js'), '--if-stale', '--quiet'], { cwd: root, stdio: 'inherit' });
    }
    const server = await startBenchServer();
    cleanups.push(() => server.stop());
    const { databaseUrl, appUrl, jwtSecret, token } = await signedInDataset(server, 'dsb_request_path');
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      JWT_SECRET: jwtSecret,
      ...productionSecrets(),
      DATABASE_URL: appUrl,
      DATABASE_OWNER_URL: databaseUrl,
      HOST: '127.0.0.1',
      START_WORKER: 'false',
      WEB_CONCURRENCY: '1',
    };
    const startSide = async (name: Side['name'], root: string): Promise<Side> => {
      const port = await freePort();
      const child = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'src', 'main.js')], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...env, PORT: String(port) },
      });
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      const stop = async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      };
      cleanups.push(stop);
      for (let waited = 0; ; waited += 50) {
        if (child.exitCode !== null) throw new Error(`${name}: main.js exited with code ${child.exitCode}`);
        if (waited > 120_000) throw new Error(`${name}: main.js not ready within 120 s`);
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ready) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      log(`${name} (${root}) listening on ${port}, pid ${child.pid}`);
      return { name, root, port, pid: child.pid as number, stop };
    };
    const sides: Side[] = [];
    for (const [i, root] of roots.entries())
      sides.push(await startSide(i === roots.length - 1 ? 'this' : String.fromCharCode(65 + i), root));
    const post = async (port: number, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    };
    // The four variants of bench/run.ts: page 1 and 2 of a stage filter and of a member filter.
    const variants: Record<string, unknown>[] = [];
    for (const filter of [{ stage: 'CONSULTATIONS_REQUESTED' }, { member: 'CHN' }]) {
      const first = await post(sides[0].port, { query: DOCKET_LIST, variables: { filter, first: 20 } });
      const data = JSON.parse(first.text);
      if (first.status !== 200 || data.errors) throw new Error(`docket list: ${first.text.slice(0, 400)}`);
      variants.push({ filter, first: 20 }, { filter, first: 20, after: data.data.disputes.pageInfo.endCursor });
    }
    const expected: string[] = [];
    for (const variables of variants) {
      const [a, ...others] = await Promise.all(sides.map((s) => post(s.port, { query: DOCKET_LIST, variables })));
      for (const b of others)
        if (a.status !== 200 || a.text !== b.text)
          throw new Error(`the trees answer differently:\n${a.text.slice(0, 400)}\n${b.text.slice(0, 400)}`);
      expected.push(a.text);
    }
    log('Same answers from both trees, byte for byte');

    const loader = forkScript('bench/load-client.ts');
    type LoadResult = import('./load-client').LoadResult;
    const load = async (port: number, seconds: number): Promise<LoadResult> => {
      const { result } = await ask<{ result: LoadResult }>(
        loader,
        {
          url: `http://127.0.0.1:${port}`,
          connections: 10,
          seconds,
          requests: variants.map((variables, i) => ({
            path: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: DOCKET_LIST, variables }),
            expected: expected[i],
          })),
        },
        (seconds + 60) * 1000,
      );
      if (result.wrong || result.errors || result.timeouts || result.non2xx) {
        throw new Error(`${result.wrong} wrong, ${result.errors} errors, first: ${result.firstWrong ?? '-'}`);
      }
      return result;
    };
    for (const side of sides) await load(side.port, WARM_SECONDS);
    const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');
    log(`load average before the rounds: ${loadAverage()}`);
    const names = sides.map((side) => side.name);
    const perRound: Record<string, number>[] = [];
    const sums = Object.fromEntries(names.map((n) => [n, { requests: 0, ms: 0, seconds: 0 }]));
    for (const side of sides) out(`${side.name}: ${side.root}`);
    const versus = names.slice(1).map((n) => `${n} / ${names[0]}`);
    out(
      `\n| round | ${names.map((n) => `${n} req/s`).join(' | ')} | ${names.map((n) => `${n} CPU ms / request`).join(' | ')} | ${versus.join(' | ')} |`,
    );
    out(`| --- |${' --- |'.repeat(names.length * 2 + versus.length)}`);
    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate which goes first, so that none always follows the same one's load.
      const order = sides.map((_, i) => sides[(i + round - 1) % sides.length]);
      const cpu: Record<string, number> = {};
      const rps: Record<string, number> = {};
      for (const side of order) {
        const before = cpuMs(side.pid, ticks);
        const result = await load(side.port, ROUND_SECONDS);
        const used = cpuMs(side.pid, ticks) - before;
        cpu[side.name] = used / result.requests;
        rps[side.name] = result.rps;
        sums[side.name].requests += result.requests;
        sums[side.name].ms += used;
        sums[side.name].seconds += result.seconds;
      }
      perRound.push(cpu);
      out(
        `| ${round} | ${names.map((n) => rps[n].toFixed(0)).join(' | ')} | ${names.map((n) => cpu[n].toFixed(2)).join(' | ')} | ` +
          `${names
            .slice(1)
            .map((n) => (cpu[n] / cpu[names[0]]).toFixed(3))
            .join(' | ')} |`,
      );
    }
    const perRequest = (name: string) => sums[name].ms / sums[name].requests;
    out('');
    for (const n of names) {
      const ratios = perRound.map((r) => r[n] / r[names[0]]).sort((a, b) => a - b);
      out(
        `${n}: CPU ${perRequest(n).toFixed(2)} ms a request over all rounds, ${(sums[n].requests / sums[n].seconds).toFixed(1)} req/s` +
          (n === names[0]
            ? ''
            : `; / ${names[0]} ${(perRequest(n) / perRequest(names[0])).toFixed(3)} (per round: median ${quantile(ratios, 0.5).toFixed(3)}, ` +
              `${ratios.filter((r) => r < 1).length} of ${ratios.length} rounds lower)`),
      );
    }
    out(`load average after the rounds (1 / 5 / 15 min): ${loadAverage()}`);

    if (PROFILE_FILE) {
      // The application of this tree under ts-node in a child (the profiler runs inside it and
      // saves the raw profile where BENCH_PROFILE_SAVE says; the child inherits this environment).
      process.env.BENCH_PROFILE_SAVE = resolve(PROFILE_FILE);
      const child = forkScript('bench/platform-server.ts');
      const { port } = await ask<{ port: number }>(child, { env: { ...env, PORT: '0' } }, 180_000);
      await load(port, WARM_SECONDS);
      type ProfileResult = import('./lib/profile').ProfileResult;
      const answered = new Promise<ProfileResult>((resolveResult) => {
        const onMessage = (m: { result?: ProfileResult }) => {
          if (!m.result) return;
          child.off('message', onMessage);
          resolveResult(m.result);
        };
        child.on('message', onMessage);
      });
      await ask(child, { profile: 'start' });
      await load(port, ROUND_SECONDS);
      child.send({ profile: 'stop' });
      const profile = await answered;
      out(`\n| layer (callees included) | share of busy CPU |\n| --- | --- |`);
      for (const l of profile.layers) out(`| ${l.where} | ${l.percent.toFixed(1)} % |`);
      out(`\n| self time by package | share of busy CPU |\n| --- | --- |`);
      for (const s of profile.shares.filter((x) => x.percent >= 0.5)) out(`| ${s.where} | ${s.percent.toFixed(1)} % |`);
      out(`\nbusy ${profile.busyPercent.toFixed(0)} % of the samples; raw profile in ${PROFILE_FILE}`);
    }
  } finally {
    for (const step of cleanups.reverse()) await step().catch((error: Error) => log(`clean-up: ${error.message}`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log(String((error as Error).stack ?? error));
    process.exit(1);
  },
);
