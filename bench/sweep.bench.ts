// npm run bench:sweep: the worker's sweep (ProcedureSweeper.sweep, as each minute's job runs it) on
// the bench data set (bench/dataset/), issue 16 item 6. It starts its own PostgreSQL in a temporary
// folder (or uses DATABASE_URL's server), migrates a database of its own, loads the data set of
// 10 000 disputes (with --sweep-100k, then one of 100 000 too), and times, on each:
//
//   - the sweep with nothing due: at the data set's day, once what ran out at its midnight is
//     recorded (the data set is swept to that day, but not past it), several runs;
//   - the sweep of a large backlog: the clock moved DAYS days on, so that every limit due in those
//     days has run out at once, as after a worker stopped for that long; one call, which must leave
//     nothing run out behind it.
//
// And the public `statistics` (issue 16 item 7), as StatisticsService answers it (without the
// GraphQL layer and without any response cache): the median of the direct computation over every
// stay (what each request cost before), the first answer after a change (the summary read again)
// and the median of the answers after it (the summary evaluated at the clock's now). Each answer
// of the summary is checked equal to the direct computation at the same instant.
//
// Beside them, what the sweep selected before issue 16 (every limit due that day or earlier and
// every suspended dispute, 500 at most, in no order): how many candidates that was.
//
// Options: --sweep-100k (also the 100 000 disputes: building that set takes minutes), --quick
// (fewer runs, a shorter backlog). With BENCH_RESULT_LINE set (npm run bench), the figures are
// printed on one `BENCH_RESULT` line too.
import { randomBytes } from 'node:crypto';
import { productionSecrets } from './lib/production-env';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const SIZES = args.has('--sweep-100k') ? [10_000, 100_000] : [10_000];
const IDLE_RUNS = QUICK ? 3 : 5;
const BACKLOG_DAYS = QUICK ? 7 : 30;
const STATISTICS_RUNS = QUICK ? 7 : 21;
const DAY_MS = 86_400_000;

const log = (line: string) => process.stdout.write(`${line}\n`);

/** The figures of one data set. */
export interface SweepFigures {
  disputes: number;
  runningLimits: number;
  /** What the sweep selected before issue 16, at the data set's day (without its limit of 500). */
  oldCandidates: number;
  /** The first sweep at the data set's day: what ran out at its midnight. */
  first: { ms: number; disputes: number };
  /** Sweeps with nothing due, in ms. */
  idleMs: number[];
  backlog: { days: number; limits: number; disputes: number; ms: number; expired: number; automatic: number; left: number };
  statistics: { stays: number; directMedianMs: number; rebuildMs: number; changedMs: number; medianMs: number; p90Ms: number };
}

async function main(): Promise<void> {
  const { NestFactory } = await import('@nestjs/core');
  const { loadConfig, ManualClock } = await import('@app/core');
  const { runMigrations } = await import('@app/migrations');
  const { runOutCutoff, RUN_OUT_AT_START_OF_DUE_DAY, toIsoDate } = await import('@app/procedure');
  const { ClosedDaysService, ProcedureSweeper, StatisticsService, directStatistics } = await import('@app/registry');
  const { quantile } = await import('./lib/quantile');
  const { isDeepStrictEqual } = await import('node:util');
  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const { startBenchServer } = await import('./lib/database');
  const { loadDataset } = await import('./dataset');
  const { DataSource } = await import('typeorm');

  const server = await startBenchServer();
  const results: SweepFigures[] = [];
  try {
    log(`PostgreSQL ${server.version}${server.embedded ? ' (embedded, temporary folder)' : ''}; data sets: ${SIZES.join(', ')} disputes`);
    for (const size of SIZES) {
      const name = `dsb_sweep_${size}`;
      const databaseUrl = await server.createDatabase(name);
      await runMigrations(databaseUrl);
      const scale = size / 10_000;
      // The docket and the documents grow with the disputes; the registry around them does not.
      const dataset = await loadDataset(databaseUrl, { disputes: size, docketEntries: 100_000 * scale, documents: 20_000 });
      log(`${size} disputes loaded in ${dataset.seconds.total.toFixed(1)} s; the data set's day: ${dataset.asOf}`);
      const asOf = new Date(`${dataset.asOf}T00:00:00Z`);
      const clock = new ManualClock(new Date(asOf.getTime() + 12 * 3_600_000));
      const jwtSecret = randomBytes(48).toString('base64url');
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        JWT_SECRET: jwtSecret,
        ...productionSecrets(),
        DATABASE_URL: databaseUrl,
      });
      const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, databaseUrl, jwtSecret, clock }), {
        logger: false,
      });
      try {
        const db = app.get(DataSource);
        const sweeper = app.get(ProcedureSweeper);
        const count = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0].n as number;
        const running = await count(`SELECT count(*)::int AS n FROM deadlines WHERE status = 'OPEN' AND paused_remaining_days IS NULL`);
        // The selection of the sweep before issue 16, without its LIMIT 500.
        const oldCandidates = await count(
          `SELECT count(*)::int AS n FROM (SELECT DISTINCT dispute_id FROM deadlines
             WHERE status = 'OPEN' AND paused_remaining_days IS NULL AND due_date <= $1
            UNION SELECT id FROM disputes WHERE stage = 'SUSPENDED') c`,
          [toIsoDate(clock.now())],
        );
        const runOut = (now: Date) =>
          count(
            `SELECT count(*)::int AS n FROM deadlines WHERE status = 'OPEN' AND paused_remaining_days IS NULL
               AND (CASE WHEN rule = ANY($2::text[]) THEN due_date ELSE due_date + 1 END) <= $1::date`,
            [runOutCutoff(now), RUN_OUT_AT_START_OF_DUE_DAY],
          );

        // The statistics, before the sweeps change anything.
        const statistics = app.get(StatisticsService);
        const closedDays = app.get(ClosedDaysService);
        const stays = await count('SELECT count(*)::int AS n FROM dispute_stage_periods');
        const direct = () => db.transaction('REPEATABLE READ', async (em) => directStatistics(em, clock.now(), await closedDays.all(em)));
        const time = async <T>(work: () => Promise<T>) => {
          const started = process.hrtime.bigint();
          const value = await work();
          return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
        };
        const directMs: number[] = [];
        for (let i = 0; i < STATISTICS_RUNS; i += 1) directMs.push((await time(direct)).ms);
        const rebuild = await time(() => statistics.statistics());
        // A change of one dispute (its urgency, which sets its limits: DSU 4.8, 12.8), made and
        // undone: the summary is read again after each, as after any stage change.
        const changedMs: number[] = [];
        for (let i = 0; i < 2; i += 1) {
          await db.query(`UPDATE disputes SET urgent = NOT urgent WHERE id = (SELECT dispute_id FROM dispute_stage_periods LIMIT 1)`);
          changedMs.push((await time(() => statistics.statistics())).ms);
        }
        const answerMs: number[] = [];
        for (let i = 0; i < STATISTICS_RUNS * 10; i += 1) {
          clock.advance(1_000);
          const answer = await time(() => statistics.statistics());
          answerMs.push(answer.ms);
          if (i % 20 === 0 && !isDeepStrictEqual(answer.value, await direct()))
            throw new Error('the statistics differ from the direct computation');
        }
        const sortedDirect = [...directMs].sort((a, b) => a - b);
        const sortedAnswers = [...answerMs].sort((a, b) => a - b);
        const statisticsFigures = {
          stays,
          directMedianMs: quantile(sortedDirect, 0.5),
          rebuildMs: rebuild.ms,
          changedMs: Math.max(...changedMs),
          medianMs: quantile(sortedAnswers, 0.5),
          p90Ms: quantile(sortedAnswers, 0.9),
        };
        log(
          `  statistics over ${stays} stays: direct ${statisticsFigures.directMedianMs.toFixed(1)} ms (median of ${STATISTICS_RUNS}); ` +
            `the process's first summary ${rebuild.ms.toFixed(1)} ms, read again after a change ${statisticsFigures.changedMs.toFixed(1)} ms, then ${statisticsFigures.medianMs.toFixed(2)} ms ` +
            `(median of ${answerMs.length}, p90 ${statisticsFigures.p90Ms.toFixed(2)} ms)`,
        );

        const timed = async () => {
          const started = process.hrtime.bigint();
          const result = await sweeper.sweep();
          return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
        };
        const first = await timed();
        log(
          `  the data set's day, first sweep: ${first.result.disputes} disputes acted on in ${first.ms.toFixed(1)} ms ` +
            `(${running} running limits; the sweep before issue 16 selected ${oldCandidates} candidates, 500 of them a minute)`,
        );
        const idleMs: number[] = [];
        for (let i = 0; i < IDLE_RUNS; i += 1) {
          clock.advance(60_000);
          const idle = await timed();
          if (idle.result.disputes) throw new Error(`a sweep with nothing due acted on ${idle.result.disputes} disputes`);
          idleMs.push(idle.ms);
        }
        log(`  nothing due: ${idleMs.map((ms) => ms.toFixed(1)).join(', ')} ms`);

        clock.set(new Date(asOf.getTime() + BACKLOG_DAYS * DAY_MS + 12 * 3_600_000));
        const limits = await runOut(clock.now());
        const disputes = await count(
          `SELECT count(DISTINCT dispute_id)::int AS n FROM deadlines WHERE status = 'OPEN' AND paused_remaining_days IS NULL
             AND (CASE WHEN rule = ANY($2::text[]) THEN due_date ELSE due_date + 1 END) <= $1::date`,
          [runOutCutoff(clock.now()), RUN_OUT_AT_START_OF_DUE_DAY],
        );
        const backlog = await timed();
        const left = await runOut(clock.now());
        if (left) throw new Error(`the backlog sweep left ${left} limits run out`);
        log(
          `  backlog of ${BACKLOG_DAYS} days: ${limits} limits run out in ${disputes} disputes; one sweep: ${backlog.result.disputes} disputes, ` +
            `${backlog.result.expired} limits recorded, ${backlog.result.automatic} automatic steps in ${(backlog.ms / 1000).toFixed(1)} s ` +
            `(${((backlog.result.disputes * 1000) / backlog.ms).toFixed(0)} disputes/s); ${left} left`,
        );
        results.push({
          disputes: size,
          runningLimits: running,
          oldCandidates,
          first: { ms: first.ms, disputes: first.result.disputes },
          idleMs,
          backlog: { days: BACKLOG_DAYS, limits, ms: backlog.ms, ...backlog.result, left },
          statistics: statisticsFigures,
        });
      } finally {
        await app.close();
        await server.dropDatabase(name);
      }
    }
    if (process.env.BENCH_RESULT_LINE) log(`BENCH_RESULT ${JSON.stringify({ sizes: results })}`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
