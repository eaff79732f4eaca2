// A flood of sign-ins against a test instance: `npm run bench:login` (about 30 seconds; nothing to
// set up). It starts its own PostgreSQL in a temporary folder (or uses DATABASE_URL's server),
// migrates a database of its own, starts the real API in this process (createApiApp,
// NODE_ENV=production) and fires, all at once from one address:
//   1. 30 wrong-password sign-ins for one account;
//   2. 30 wrong-password sign-ins for 30 accounts;
//   3. 30 wrong-password sign-ins for one account from 30 addresses (through a proxy the API
//      trusts, TRUSTED_PROXIES=loopback, naming each client in X-Forwarded-For).
// For each it prints how many password checks (argon2id, 19 MiB) ran and how the answers went,
// and the latency of a small request (a public page of members) sent one after another while the
// flood lasts, against the same request at rest. Options: --attempts N (30), --runs N (3).
import { productionSecrets } from './lib/production-env';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { quantile } from './lib/quantile';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ATTEMPTS = arg('attempts', 30);
const RUNS = arg('runs', 3);
const SMALL = '{ members(first: 1) { nodes { code } } }';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';

const log = (message: string) => process.stderr.write(`${message}\n`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

interface Answer {
  status: number;
  code: string;
  ms: number;
}

async function post(url: string, body: unknown, forwardedFor?: string): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, code: json.errors?.[0]?.extensions?.code ?? 'OK', ms: performance.now() - started };
}

/** Sends the small request one after another until `until` settles; their latencies. */
async function probe(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const answer = await post(url, { query: SMALL });
    if (answer.code !== 'OK') throw new Error(`the small request failed: ${answer.code}`);
    latencies.push(answer.ms);
  }
  return latencies;
}

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `p50 ${ms(quantile(sorted, 0.5))}, p95 ${ms(quantile(sorted, 0.95))}, max ${ms(sorted[sorted.length - 1] ?? 0)} (${sorted.length} requests)`;
}

async function main(): Promise<void> {
  const { loadConfig, passwordChecksRun, hashPassword, UserEntity } = await import('@app/core');
  const { runMigrations } = await import('@app/migrations');
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const { freePort, startBenchServer } = await import('./lib/database');
  const { DataSource } = await import('typeorm');

  const server = await startBenchServer();
  try {
    const databaseUrl = await server.createDatabase('dsb_login_flood');
    await runMigrations(databaseUrl);
    const jwtSecret = randomBytes(48).toString('base64url');
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      JWT_SECRET: jwtSecret,
      ...productionSecrets(),
      DATABASE_URL: databaseUrl,
      TRUSTED_PROXIES: 'loopback',
    });
    const app = await createApiApp({ config, databaseUrl, jwtSecret, logger: false });
    try {
      const port = await freePort();
      await app.listen(port, '127.0.0.1');
      const url = `http://127.0.0.1:${port}/graphql`;
      const users = app.get(DataSource).getRepository(UserEntity);
      const passwordHash = await hashPassword('the right password, never sent');
      const accounts = async (prefix: string, n: number) => {
        const made = await users.save(
          Array.from({ length: n }, (_, i) =>
            users.create({
              email: `${prefix}${i}@flood.bench`,
              displayName: `${prefix} ${i}`,
              passwordHash,
              role: 'PANELIST',
              memberId: null,
              active: true,
            }),
          ),
        );
        return made.map((u) => u.email);
      };

      log(
        `PostgreSQL ${server.version}${server.embedded ? ' (embedded, temporary folder)' : ''}; ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}); ${ATTEMPTS} attempts a flood, ${RUNS} runs each`,
      );
      // Warm up: the dummy hash, the pools, the GraphQL pipeline.
      await post(url, { query: LOGIN, variables: { e: 'warm@flood.bench', p: 'x'.repeat(12) } }, '192.0.2.250');
      for (let i = 0; i < 20; i += 1) await post(url, { query: SMALL });
      const rest: number[] = [];
      for (let i = 0; i < 200; i += 1) rest.push((await post(url, { query: SMALL })).ms);
      process.stdout.write(`small request at rest: ${summary(rest)}\n\n`);

      const floods: { name: string; send: (run: number) => Promise<Answer[]> }[] = [
        {
          name: `one account, one address`,
          send: async (run) => {
            const [email] = await accounts(`one${run}-`, 1);
            return Promise.all(
              Array.from({ length: ATTEMPTS }, () =>
                post(url, { query: LOGIN, variables: { e: email, p: 'a wrong password' } }, `198.51.100.${run + 1}`),
              ),
            );
          },
        },
        {
          name: `${ATTEMPTS} accounts, one address`,
          send: async (run) => {
            const emails = await accounts(`many${run}-`, ATTEMPTS);
            return Promise.all(
              emails.map((e) => post(url, { query: LOGIN, variables: { e, p: 'a wrong password' } }, `198.51.100.${run + 101}`)),
            );
          },
        },
        {
          name: `one account, ${ATTEMPTS} addresses`,
          send: async (run) => {
            const [email] = await accounts(`spread${run}-`, 1);
            return Promise.all(
              Array.from({ length: ATTEMPTS }, (_, i) =>
                post(url, { query: LOGIN, variables: { e: email, p: 'a wrong password' } }, `10.${run}.0.${i + 1}`),
              ),
            );
          },
        },
      ];
      for (const flood of floods) {
        process.stdout.write(`${ATTEMPTS} parallel wrong-password sign-ins, ${flood.name}:\n`);
        for (let run = 0; run < RUNS; run += 1) {
          const before = passwordChecksRun();
          const started = performance.now();
          const answers = flood.send(run);
          const latencies = await probe(url, answers);
          const settled = await answers;
          const took = performance.now() - started;
          const checks = passwordChecksRun() - before;
          const codes = new Map<string, number>();
          for (const a of settled) codes.set(a.code, (codes.get(a.code) ?? 0) + 1);
          const slowest = Math.max(...settled.map((a) => a.ms));
          process.stdout.write(
            `  run ${run + 1}: ${checks} password checks; answers ${[...codes].map(([c, n]) => `${n} ${c}`).join(', ')}; flood over in ${ms(took)} (slowest sign-in ${ms(slowest)})\n` +
              `         small request meanwhile: ${summary(latencies)}\n`,
          );
        }
      }
    } finally {
      await app.close();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
