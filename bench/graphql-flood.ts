// `node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/graphql-flood.ts`:
// the figures of the GraphQL hardening of the security issue (items 11 to 15). It prints figures and
// asserts nothing:
//
//   1. each attack of the issue, sent once to the real API (createApiApp, NODE_ENV=production, on
//      127.0.0.1), with the answer's status, codes and time: a negative `first` cancelling the cost
//      of another list, a million `__typename`, 8 MB of unused variables, a forged cursor, a typo
//      in an enum value and an input field (does the answer suggest a name?), the headers naming
//      the server, where the API listens without HOST;
//   2. the latency of a small request (one member) alone, then while FLOOD_CLIENTS clients send
//      huge requests (a million `__typename` each) back to back for FLOOD_SECONDS.
//
// Its own PostgreSQL (embedded, in a temporary folder) or the server of DATABASE_URL, a fresh
// database, the migrations, three members. Everything is stopped and removed at the end.
// Options: --quick (short rounds).
import { productionSecrets } from './lib/production-env';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as core from '@app/core';
import { runMigrations } from '@app/migrations';
import { createApiApp } from '../apps/api/src/bootstrap';
import { startBenchServer } from './lib/database';
import { quantile } from './lib/quantile';

const QUICK = process.argv.includes('--quick');
const FLOOD_CLIENTS = 4;
const FLOOD_SECONDS = QUICK ? 3 : 10;
const SMALL_EVERY_MS = 50;
const SMALL_TIMEOUT_MS = 60_000;

// The flooding clients (plain JavaScript, run with node -e): each sends a million `__typename`
// back to back until the time is up, then the process prints how the requests were answered.
const FLOOD_CLIENT = `
const body = JSON.stringify({ query: '{ ' + '__typename '.repeat(1000000) + '}' });
const ends = Date.now() + Number(process.env.FLOOD_SECONDS) * 1000;
const codes = {};
let sent = 0;
async function client() {
  while (Date.now() < ends) {
    let code;
    try {
      const res = await fetch(process.env.FLOOD_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(120000) });
      const answer = await res.json().catch(() => null);
      const ext = (answer && answer.errors && answer.errors[0] && answer.errors[0].extensions) || {};
      code = ext.domainCode || ext.code || String(res.status);
    } catch (error) {
      code = error.name;
    }
    codes[code] = (codes[code] || 0) + 1;
    sent += 1;
  }
}
Promise.all(Array.from({ length: Number(process.env.FLOOD_CLIENTS) }, client)).then(() => process.stdout.write(JSON.stringify({ sent, codes })));
`;

const log = (message: string) => process.stderr.write(`${message}\n`);
const out = (text: string) => process.stdout.write(`${text}\n`);

interface Answer {
  status: number;
  ms: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
}

async function post(url: string, body: string | Buffer, timeoutMs = SMALL_TIMEOUT_MS): Promise<Answer> {
  const started = process.hrtime.bigint();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let parsed: Answer['body'] = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: reported as such
  }
  return { status: res.status, ms, headers: res.headers, body: parsed };
}

const gqlBody = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

function describe(answer: Answer): string {
  const error = answer.body?.errors?.[0];
  if (!error) return `HTTP ${answer.status}, data, no error`;
  const ext = error.extensions ?? {};
  const codes = [ext.code, ext.domainCode].filter(Boolean).join(' / ');
  return `HTTP ${answer.status}, ${codes || 'no code'}: ${error.message.slice(0, 110)}`;
}

async function main(): Promise<void> {
  const server = await startBenchServer();
  const cleanups: (() => Promise<void>)[] = [() => server.stop()];
  try {
    const databaseUrl = await server.createDatabase('dsb_flood');
    await runMigrations(databaseUrl);
    const jwtSecret = randomBytes(48).toString('base64url');
    const config = core.loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      JWT_SECRET: jwtSecret,
      ...productionSecrets(),
      DATABASE_URL: databaseUrl,
      PORT: '0',
    });
    const app = await createApiApp({ config, databaseUrl, jwtSecret, logger: false });
    cleanups.unshift(() => app.close());
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/graphql`;
    const { DataSource } = await import('typeorm');
    const db = app.get(DataSource);
    for (const [code, name] of [
      ['KAZ', 'Kazakhstan'],
      ['KGZ', 'Kyrgyzstan'],
      ['UZB', 'Uzbekistan'],
    ]) {
      await db.query(`INSERT INTO members (code, name, joined_on, version) VALUES ($1, $2, '2020-01-01', 1)`, [code, name]);
    }
    log(`PostgreSQL ${server.version}; API (NODE_ENV=production) on ${url}`);

    // 1. The probes.
    out('## Probes\n');
    out('| item | attack | answer | ms |');
    out('| --- | --- | --- | ---: |');
    const row = (item: string, attack: string, answer: Answer | string, ms?: number) =>
      out(
        `| ${item} | ${attack} | ${typeof answer === 'string' ? answer : describe(answer)} | ${(ms ?? (answer as Answer).ms ?? 0).toFixed(0)} |`,
      );

    const cancelling =
      '{ a: disputes(first: -1) { nodes { docket(first: 100) { nodes { id kind text } } } } b: disputes(first: 100) { nodes { docket(first: 100) { nodes { id } } } } }';
    row('11', 'negative `first` (-1) cancelling a list costing 20 000', await post(url, gqlBody(cancelling)));
    const million = Buffer.from(gqlBody(`{ ${'__typename '.repeat(1_000_000)}}`));
    row('12', `a million \`__typename\` (${(million.length / 1e6).toFixed(1)} MB)`, await post(url, million));
    const tokens = gqlBody(`{ ${'a '.repeat(40_000)}}`);
    row('12', '40 000 tokens in 80 kB', await post(url, tokens));
    const nested = Array.from({ length: 6 }, (_, i) => `fragment F${i + 1} on Query { ${`...F${i} `.repeat(10)}}`).join(' ');
    row(
      '12',
      'a million selections through fragments (1 kB)',
      await post(url, gqlBody(`{ ...F6 } fragment F0 on Query { __typename } ${nested}`)),
    );
    const unused: Record<string, string> = {};
    for (let i = 0; i < 600_000; i += 1) unused[`v${i}`] = 'x';
    const unusedBody = Buffer.from(JSON.stringify({ query: '{ __typename }', variables: unused }));
    row('12', `unused variables (${(unusedBody.length / 1e6).toFixed(1)} MB, 600 000 values)`, await post(url, unusedBody));
    const forged = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
    row(
      '13',
      'forged cursor `["x","y"]` on members',
      await post(url, gqlBody('query($a: String) { members(first: 5, after: $a) { nodes { code } } }', { a: forged })),
    );
    const enumTypo = await post(url, gqlBody('query($s: MemberStatus) { members(status: $s) { nodes { code } } }', { s: 'ACTIV' }));
    const suggests = (a: Answer) => (/Did you mean/.test(JSON.stringify(a.body)) ? 'suggests a name' : 'no suggestion');
    row('14', 'enum value typo in a variable', `${suggests(enumTypo)}; ${describe(enumTypo)}`, enumTypo.ms);
    const inputTypo = await post(url, gqlBody('{ members(frist: 5) { nodes { code } } }'));
    row('14', 'argument typo', `${suggests(inputTypo)}; ${describe(inputTypo)}`, inputTypo.ms);
    const plain = await post(url, gqlBody('{ __typename }'));
    row(
      '14',
      'headers naming the software',
      `x-powered-by: ${plain.headers.get('x-powered-by') ?? 'none'}; server: ${plain.headers.get('server') ?? 'none'}`,
      plain.ms,
    );
    const listenHost = (core as { listenHost?: (c: core.AppConfig) => string }).listenHost;
    const dev = core.loadConfig({ NODE_ENV: 'development', DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret });
    let prod: string;
    try {
      prod = listenHost ? listenHost(config) : 'every interface (no HOST setting)';
    } catch (error) {
      prod = `refuses to start: ${(error as Error).message.slice(0, 60)}…`;
    }
    row(
      '15',
      'where the API listens without HOST',
      `development: ${listenHost ? listenHost(dev) : 'every interface (no HOST setting)'}; production: ${prod}`,
      0,
    );

    // 2. A small request alone, then during the flood.
    const small = gqlBody('{ members(first: 1) { nodes { code } } }');
    const alone: number[] = [];
    for (let i = 0; i < (QUICK ? 50 : 200); i += 1) alone.push((await post(url, small)).ms);
    log(`Flooding: ${FLOOD_CLIENTS} clients sending ${(million.length / 1e6).toFixed(1)} MB requests back to back for ${FLOOD_SECONDS} s`);
    // The flood comes from another process: sending 11 MB bodies from this one would take the
    // API's event loop too, and charge the API for its clients' work.
    const flood = spawn(process.execPath, ['-e', FLOOD_CLIENT], {
      env: { ...process.env, FLOOD_URL: url, FLOOD_CLIENTS: String(FLOOD_CLIENTS), FLOOD_SECONDS: String(FLOOD_SECONDS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.unshift(async () => {
      if (flood.exitCode === null) flood.kill('SIGKILL');
    });
    let floodReport = '';
    flood.stdout!.on('data', (chunk) => (floodReport += String(chunk)));
    const floodDone = new Promise((resolve) => flood.once('exit', resolve));
    const floodEnds = Date.now() + FLOOD_SECONDS * 1000;
    const during: number[] = [];
    let smallFailed = 0;
    await new Promise((r) => setTimeout(r, 200)); // the flood under way
    while (Date.now() < floodEnds) {
      try {
        const answer = await post(url, small);
        if (answer.body?.errors) smallFailed += 1;
        during.push(answer.ms);
      } catch {
        smallFailed += 1;
      }
      await new Promise((r) => setTimeout(r, SMALL_EVERY_MS));
    }
    await floodDone;
    const { sent: floodSent, codes: floodCodes } = JSON.parse(floodReport) as { sent: number; codes: Record<string, number> };

    out('\n## A small request (one member) during a flood of huge requests\n');
    out('| | requests | p50 ms | p99 ms | max ms |');
    out('| --- | ---: | ---: | ---: | ---: |');
    const stats = (label: string, xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      out(
        `| ${label} | ${xs.length} | ${quantile(sorted, 0.5).toFixed(1)} | ${quantile(sorted, 0.99).toFixed(1)} | ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} |`,
      );
    };
    stats('alone', alone);
    stats(`during the flood (${FLOOD_CLIENTS} clients, ${FLOOD_SECONDS} s)`, during);
    out(
      `\nhuge requests answered during the flood: ${floodSent} (${Object.entries(floodCodes)
        .map(([c, n]) => `${c}: ${n}`)
        .join(', ')}); small requests failed: ${smallFailed}`,
    );
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => log(`cleanup: ${(error as Error).message}`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log((error as Error)?.stack ?? String(error));
    process.exit(1);
  },
);
