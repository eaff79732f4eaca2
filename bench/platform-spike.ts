// `node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/platform-spike.ts [--quick]`:
// issue 16, item 1 — is the API faster on Fastify than on Express? The same application (every
// module, guard, pipe, Apollo plugin, the schema; bench/lib/fastify-api.ts says what differs) in two
// processes, one per platform, started alike (bench/platform-server.ts: ts-node, NODE_ENV=production,
// pool of 10), on the bench data set (10 000 disputes), measured with bench/run.ts's load
// generator: the secretariat's docket list (its four variants), interleaved full-load rounds
// (autocannon, 10 connections; every body checked against the Express answer), then one request at a
// time. Prints the figures; asserts only that both platforms give the same answers.
import { productionSecrets } from './lib/production-env';
import { isDeepStrictEqual } from 'node:util';
import { quantile } from './lib/quantile';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 2 : Number(process.env.SPIKE_ROUNDS ?? 6);
const ROUND_SECONDS = QUICK ? 2 : 5;
const WARM_SECONDS = QUICK ? 2 : 10;
const SINGLE = QUICK ? 60 : 300;
const log = (message: string) => process.stderr.write(`${message}\n`);
const out = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const { startBenchServer } = await import('./lib/database');
  const { DOCKET_LIST } = await import('./lib/queries');
  const { signedInDataset } = await import('./lib/signed-in-dataset');
  const { ask, forkScript, stopAllChildren } = await import('./lib/children');
  const cleanups: (() => Promise<void>)[] = [stopAllChildren];
  try {
    const server = await startBenchServer();
    cleanups.push(() => server.stop());
    const { appUrl, jwtSecret, token } = await signedInDataset(server, 'dsb_platform');
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      JWT_SECRET: jwtSecret,
      ...productionSecrets(),
      DATABASE_URL: appUrl,
      PORT: '0',
      START_WORKER: 'false',
    };
    const bases: Record<'express' | 'fastify', string> = { express: '', fastify: '' };
    const children: Partial<Record<'express' | 'fastify', import('node:child_process').ChildProcess>> = {};
    const cpuOf = async (platform: 'express' | 'fastify') => (await ask<{ micros: number }>(children[platform]!, { cpu: true })).micros;
    for (const platform of ['express', 'fastify'] as const) {
      const child = forkScript('bench/platform-server.ts');
      children[platform] = child;
      const { port } = await ask<{ port: number }>(child, { platform, env }, 180_000);
      bases[platform] = `http://127.0.0.1:${port}`;
      log(`${platform} listening on ${port}`);
    }
    const post = async (base: string, body: unknown) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    };
    // The four variants of bench/run.ts: page 1 and 2 of a stage filter and of a member filter.
    const variants: Record<string, unknown>[] = [];
    for (const filter of [{ stage: 'CONSULTATIONS_REQUESTED' }, { member: 'CHN' }]) {
      const first = await post(bases.express, { query: DOCKET_LIST, variables: { filter, first: 20 } });
      const data = JSON.parse(first.text);
      if (first.status !== 200 || data.errors) throw new Error(`docket list on Express: ${first.text.slice(0, 400)}`);
      variants.push({ filter, first: 20 }, { filter, first: 20, after: data.data.disputes.pageInfo.endCursor });
    }
    const expected: string[] = [];
    for (const variables of variants) {
      const e = await post(bases.express, { query: DOCKET_LIST, variables });
      const f = await post(bases.fastify, { query: DOCKET_LIST, variables });
      if (e.status !== 200 || f.status !== 200 || !isDeepStrictEqual(JSON.parse(e.text), JSON.parse(f.text))) {
        throw new Error(`Fastify's answer differs from Express's: ${f.status} ${f.text.slice(0, 400)}`);
      }
      if (e.text !== f.text) throw new Error("Fastify's answer is equal but not byte for byte");
      expected.push(e.text);
    }
    // Refusals answer alike too: no token, and a request beyond the bounds of a query.
    for (const [what, body, headers] of [
      ['no token, an operation for the signed-in', { query: '{ me { id } }' }, {}],
      ['beyond the bounds of a query', { query: `{ ${'__typename '.repeat(20000)}}` }, { authorization: `Bearer ${token}` }],
      ['a bad argument', { query: DOCKET_LIST, variables: { first: -1 } }, { authorization: `Bearer ${token}` }],
    ] as const) {
      const answers = await Promise.all(
        [bases.express, bases.fastify].map(async (base) => {
          const res = await fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(body),
          });
          const json = (await res.json()) as { errors?: { extensions?: { code?: string; domainCode?: string } }[] };
          return {
            status: res.status,
            codes: (json.errors ?? []).map(
              (e: { extensions?: { code?: string; domainCode?: string } }) => `${e.extensions?.code}/${e.extensions?.domainCode}`,
            ),
          };
        }),
      );
      log(`${what}: Express ${JSON.stringify(answers[0])}, Fastify ${JSON.stringify(answers[1])}`);
      if (!isDeepStrictEqual(answers[0], answers[1])) throw new Error(`${what}: the platforms answer differently`);
    }
    log('Same answers on both platforms (byte for byte), same refusals');

    const loader = forkScript('bench/load-client.ts');
    type LoadResult = import('./load-client').LoadResult;
    const load = async (platform: 'express' | 'fastify', seconds: number): Promise<LoadResult> => {
      const { result } = await ask<{ result: LoadResult }>(
        loader,
        {
          url: bases[platform],
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
        throw new Error(`${platform}: ${result.wrong} wrong, ${result.errors} errors, first: ${result.firstWrong ?? '-'}`);
      }
      return result;
    };
    await load('express', WARM_SECONDS);
    await load('fastify', WARM_SECONDS);
    const sums = { express: { requests: 0, seconds: 0, micros: 0 }, fastify: { requests: 0, seconds: 0, micros: 0 } };
    out(
      '| round | Express req/s | Fastify req/s | Express p50 / p99 ms | Fastify p50 / p99 ms | Express CPU ms / request | Fastify CPU ms / request |',
    );
    out('| --- | --- | --- | --- | --- | --- | --- |');
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which goes first, so neither always follows the other's load.
      const order = round % 2 ? (['express', 'fastify'] as const) : (['fastify', 'express'] as const);
      const results: Partial<Record<'express' | 'fastify', LoadResult>> = {};
      const cpu: Partial<Record<'express' | 'fastify', number>> = {};
      for (const platform of order) {
        const before = await cpuOf(platform);
        results[platform] = await load(platform, ROUND_SECONDS);
        const used = (await cpuOf(platform)) - before;
        cpu[platform] = used / 1000 / results[platform]!.requests;
        sums[platform].requests += results[platform]!.requests;
        sums[platform].seconds += results[platform]!.seconds;
        sums[platform].micros += used;
      }
      const e = results.express!;
      const f = results.fastify!;
      out(
        `| ${round} | ${e.rps.toFixed(0)} | ${f.rps.toFixed(0)} | ${e.latency.p50.toFixed(1)} / ${e.latency.p99.toFixed(1)} | ${f.latency.p50.toFixed(1)} / ${f.latency.p99.toFixed(1)} | ${cpu.express!.toFixed(2)} | ${cpu.fastify!.toFixed(2)} |`,
      );
    }
    const rate = (p: 'express' | 'fastify') => sums[p].requests / sums[p].seconds;
    const cpuPerRequest = (p: 'express' | 'fastify') => sums[p].micros / 1000 / sums[p].requests;
    const single = async (base: string) => {
      const times: number[] = [];
      for (let i = 0; i < SINGLE; i++) {
        const t0 = process.hrtime.bigint();
        await post(base, { query: DOCKET_LIST, variables: variants[i % variants.length] });
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      times.sort((a, b) => a - b);
      return `${quantile(times, 0.5).toFixed(2)} / ${quantile(times, 0.99).toFixed(2)}`;
    };
    // Where each process's CPU time goes under full load: a CPU profile over one more round each.
    const profiles: Partial<Record<'express' | 'fastify', import('./lib/profile').ProfileResult>> = {};
    for (const platform of ['express', 'fastify'] as const) {
      const child = children[platform]!;
      const answered = new Promise<import('./lib/profile').ProfileResult>((resolve) => {
        const onMessage = (m: { result?: import('./lib/profile').ProfileResult }) => {
          if (!m.result) return;
          child.off('message', onMessage);
          resolve(m.result);
        };
        child.on('message', onMessage);
      });
      await ask(child, { profile: 'start' });
      await load(platform, ROUND_SECONDS);
      child.send({ profile: 'stop' });
      profiles[platform] = await answered;
    }
    const singleExpress = await single(bases.express);
    const singleFastify = await single(bases.fastify);
    out(
      `\nall rounds: Express ${rate('express').toFixed(1)} req/s, Fastify ${rate('fastify').toFixed(1)} req/s, Fastify / Express ${(rate('fastify') / rate('express')).toFixed(3)}`,
    );
    out(
      `CPU time per request (all rounds): Express ${cpuPerRequest('express').toFixed(2)} ms, Fastify ${cpuPerRequest('fastify').toFixed(2)} ms, ` +
        `Fastify / Express ${(cpuPerRequest('fastify') / cpuPerRequest('express')).toFixed(3)}`,
    );
    for (const kind of ['layers', 'shares'] as const) {
      const names = [
        ...new Set([...profiles.express![kind], ...profiles.fastify![kind]].filter((x) => x.percent >= 0.5).map((x) => x.where)),
      ];
      const share = (p: 'express' | 'fastify', name: string) => profiles[p]![kind].find((x) => x.where === name)?.percent;
      out(`\n| ${kind === 'layers' ? 'layer (callees included)' : 'self time by package'} | Express % | Fastify % |\n| --- | --- | --- |`);
      for (const name of names)
        out(`| ${name} | ${share('express', name)?.toFixed(1) ?? '-'} | ${share('fastify', name)?.toFixed(1) ?? '-'} |`);
    }
    out(
      `\nbusy: Express ${profiles.express!.busyPercent.toFixed(0)} %, Fastify ${profiles.fastify!.busyPercent.toFixed(0)} % of the samples`,
    );
    out(`one request at a time (p50 / p99 ms, ${SINGLE} each): Express ${singleExpress}, Fastify ${singleFastify}`);
  } finally {
    for (const step of cleanups) await step().catch((error: Error) => log(`clean-up: ${error.message}`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log(String((error as Error).stack ?? error));
    process.exit(1);
  },
);
