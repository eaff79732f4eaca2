// `npm run bench:live`: the delay from a docket entry's commit to a live subscriber's event.
//
// Its own PostgreSQL (embedded in a temporary folder, or the server of DATABASE_URL: see
// bench/lib/database.ts), the migrations and the demo data; the real API (createApiApp, with
// NODE_ENV=test since production refuses its superuser connection) listening on a free port in
// this process; one graphql-ws subscriber (`docketEntryAdded`, anonymous, every dispute) over a
// real WebSocket.
//
// Each of N events is one command (CommandRunner.run with DocketService.append, the path every
// step takes) committed in this process. Two delays are printed, median and p99:
//   - from the command's start: the transaction, the commit, the NOTIFY, the listener's load of
//     the entry and the subscription's execution (documents through the policy): an upper bound;
//   - from the commit's acknowledgement (run() resolved): what a subscriber waits after the
//     step's author is answered. Either may include the other side's event-loop delay.
// Events are taken one after another (each waits for its event), with LOAD concurrent loops of
// the docket list over HTTP (`disputes(first: 20)` with their parties: the API's hottest read,
// bench/run.ts) running throughout, so that the API's pool and event loop are busy.
// This load is simpler than bench/run.ts's fixed-rate client: a closed loop of LOAD requests.
//
// Options: --events N (default 200), --load N (default 8; 0 for none).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { quantile } from './lib/quantile';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 200);
const LOAD = arg('load', 8);
const log = (message: string) => process.stderr.write(`${message}\n`);

const DOCKET_LIST = `{ disputes(first: 20) { nodes { id docketNumber title stage parties { member { code } kind } } } }`;

async function main(): Promise<void> {
  const { runMigrations } = await import('@app/migrations');
  const { CommandRunner, loadConfig } = await import('@app/core');
  const { DisputesService, DocketService, verbatim } = await import('@app/registry');
  const { LiveDocketHub } = await import('@app/notices');
  const { DataSource } = await import('typeorm');
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const { loadDemoDataIfEmpty } = await import('../apps/api/src/demo/demo-data');
  const { startBenchServer } = await import('./lib/database');
  const { productionSecrets } = await import('./lib/production-env');

  log('Starting PostgreSQL');
  const server = await startBenchServer();
  const stops: (() => Promise<unknown>)[] = [() => server.stop()];
  try {
    const databaseUrl = await server.createDatabase('dsb_live_bench');
    await runMigrations(databaseUrl);
    const jwtSecret = randomBytes(48).toString('base64url');
    const config = loadConfig({
      // Not production: the bench connects as the server's superuser, which production refuses
      // (libs/core/src/audit/audit.service.ts); nothing measured here depends on the mode.
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      JWT_SECRET: jwtSecret,
      ...productionSecrets(),
      DATABASE_URL: databaseUrl,
    });
    const app = await createApiApp({ config, databaseUrl, jwtSecret, logger: false });
    stops.unshift(() => app.close());
    const db = app.get(DataSource);
    await loadDemoDataIfEmpty(db, app.get(CommandRunner), app.get(DisputesService), config.BODY_MEETING_NOTICE_DAYS);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const [{ id: disputeId }] = await db.query('SELECT id FROM disputes ORDER BY number LIMIT 1');

    const received = new Map<string, number>();
    let wake: (() => void) | null = null;
    const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    stops.unshift(async () => client.dispose());
    client.subscribe<{ docketEntryAdded: { id: string } }>(
      { query: 'subscription { docketEntryAdded { id seq kind documents { id } } }' },
      {
        next: (result) => {
          if (result.data) received.set(result.data.docketEntryAdded.id, performance.now());
          wake?.();
        },
        error: (error) => log(`subscription error: ${JSON.stringify(error)}`),
        complete: () => undefined,
      },
    );
    while (app.get(LiveDocketHub).size < 1) await new Promise((r) => setTimeout(r, 10));

    let loading = true;
    let reads = 0;
    const loops = Array.from({ length: LOAD }, async () => {
      while (loading) {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: DOCKET_LIST }),
        });
        if (!res.ok) throw new Error(`docket list: HTTP ${res.status}`);
        await res.arrayBuffer();
        reads += 1;
      }
    });

    const commands = app.get(CommandRunner);
    const docket = app.get(DocketService);
    const fromStart: number[] = [];
    const fromCommit: number[] = [];
    const started = performance.now();
    for (let i = 0; i < EVENTS; i += 1) {
      const t0 = performance.now();
      const entry = await commands.run({ actor: null, operation: 'benchLiveDocket' }, async (ctx) => {
        await ctx.em.query('SELECT id FROM disputes WHERE id = $1 FOR UPDATE', [disputeId]);
        return docket.append(ctx, { disputeId, actorRole: 'SYSTEM', kind: 'benchLiveDocket', ...verbatim(`Benchmark event ${i}`) });
      });
      const t1 = performance.now();
      while (!received.has(entry.id)) await new Promise<void>((resolve) => (wake = resolve));
      const t2 = received.get(entry.id)!;
      fromStart.push(t2 - t0);
      fromCommit.push(t2 - t1);
    }
    const seconds = (performance.now() - started) / 1000;
    loading = false;
    await Promise.all(loops);

    // For `npm run bench`, which runs this script as a child and reads its figures from this line.
    if (process.env.BENCH_RESULT_LINE) {
      const figures = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] };
      };
      process.stdout.write(
        `BENCH_RESULT ${JSON.stringify({ events: EVENTS, load: LOAD, readsPerSecond: reads / seconds, fromStart: figures(fromStart), fromCommit: figures(fromCommit) })}\n`,
      );
    }
    const ms = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `median ${quantile(sorted, 0.5).toFixed(2)} ms, p99 ${quantile(sorted, 0.99).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
    };
    process.stdout.write(
      [
        `Live docket latency, ${EVENTS} events, ${LOAD} concurrent docket-list loops (${(reads / seconds).toFixed(0)} reads/s during the run)`,
        `  from the command's start to the subscriber's event: ${ms(fromStart)}`,
        `  from the commit's acknowledgement to the event:    ${ms(fromCommit)}`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const stop of stops) await stop().catch((error: Error) => log(`stop: ${error.message}`));
  }
}

main().catch((error) => {
  log((error as Error).stack ?? String(error));
  process.exit(1);
});
