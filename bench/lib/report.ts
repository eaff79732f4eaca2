import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CountBenchResult } from '../count.bench';
import type { DatasetSummary } from '../dataset';
import type { LoadResult } from '../load-client';
import type { Machine } from './machine';
import type { ProfileResult } from './profile';
import type { BuildOutcome, NpmStartRun, StartupRun } from './startup';
import { UPLOAD_RATIO_TARGET, UPLOAD_RSS_TARGET_MIB, type UploadFigures, uploadSummary } from './upload-figures';

// Issue 16's targets for the secretariat's docket list: API / raw ≥ 0.6 (stretch 0.7), and a p99
// of at most 50 ms at a third of the raw maximum.
export const RATIO_TARGET = 0.6;
export const DOCKET_FIXED_SHARE = 1 / 3;
export const P99_TARGET_MS = 50;
/** Issue 17: the median time to render a public page on the bench data set (bench/site-pages.ts). */
export const PAGE_MEDIAN_TARGET_MS = 50;

export interface StatementSize {
  first: number;
  /** Statements of the request itself (the budget charge is counted apart). */
  statements: number | null;
  /** Statements charging the address's budget for expensive queries (rate_limits): 0 or 1. */
  budget: number;
  rows: number | null;
  refused: string | null;
}

export interface StatementCount {
  operation: string;
  sizes: StatementSize[];
  /** The counts of the accepted sizes are all equal. */
  equal: boolean;
}

export interface DocketFigures {
  variants: string[];
  connections: number;
  roundSeconds: number;
  rounds: { round: number; api: LoadResult; raw: LoadResult }[];
  apiRps: number;
  rawRps: number;
  ratio: number;
  single: { api: { p50: number; p99: number }; raw: { p50: number; p99: number }; n: number };
  fixed: { rate: number; seconds: number; api: LoadResult; raw: LoadResult };
  /** The API alone at lower fixed rates (a share of the raw maximum): where its p99 target holds. */
  lowerRates: { share: number; rate: number; api: LoadResult }[];
  bodyBytes: { api: number[]; raw: number[] };
  profile: ProfileResult | null;
}

/** Issue 13's figures: bench/mail-throughput.ts and bench/live-latency.ts, run as children of `npm run bench`. */
export interface EServiceFigures {
  mail: { notices: number; users: number; runs: number[]; median: number } | { error: string };
  live:
    | {
        events: number;
        load: number;
        readsPerSecond: number;
        fromStart: { median: number; p99: number; max: number };
        fromCommit: { median: number; p99: number; max: number };
      }
    | { error: string };
}

/** Issue 16 items 6 and 7: bench/sweep.bench.ts (the sweep and the statistics on 10 000 and 100 000 disputes). */
export const SWEEP_INTERVAL_MS = 60_000;
export const STATISTICS_MEDIAN_TARGET_MS = 20;
export type ScaleFigures = { sizes: import('../sweep.bench').SweepFigures[] } | { error: string };

/** Issue 16 item 4: bench/uploads.ts (a document's bytes through the API against the machine's speed). */
export type UploadsFigures = UploadFigures | { error: string };

export interface PageFigure {
  name: string;
  path: string;
  requests: number;
  /** Milliseconds from the request to the last byte. */
  median: number;
  p95: number;
  bytes: number;
  /** Median of the page's data alone (`?format=json`: the same GraphQL query, no HTML). */
  dataMedian: number;
  /**
   * Median of the page computed afresh: the version of the public data advanced before each
   * request, as any command does, so the cache of public answers misses (bench:pages only).
   */
  missMedian?: number;
}

export type PageFigures = { pages: PageFigure[]; requests: number } | { error: string };

export interface Results {
  date: string;
  machine: Machine;
  postgres: string;
  postgresWhere: string;
  apiMode: string;
  seconds: number;
  /** os.loadavg() (1, 5, 15 minutes) at the start and just before the load tests. */
  loadAverage: { start: number[]; beforeLoad: number[] };
  /** Share of the CPU time the hypervisor took during the docket list's load tests (null: unknown). */
  stolenDuringLoad: number | null;
  dataset: DatasetSummary;
  count: CountBenchResult;
  statements: StatementCount[];
  docket: DocketFigures;
  startup:
    | { build: BuildOutcome; empty: StartupRun[]; loaded: StartupRun[]; npmStart?: { cold: NpmStartRun[]; warm: NpmStartRun[] } }
    | { error: string };
  eservice?: EServiceFigures;
  pages?: PageFigures;
  scale?: ScaleFigures;
  uploads?: UploadsFigures;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function targetsMet(r: Results): { ratio: boolean; p99: boolean } {
  return { ratio: r.docket.ratio >= RATIO_TARGET, p99: r.docket.fixed.api.latency.p99 <= P99_TARGET_MS };
}

/** The figures of a run, as Markdown (printed by `npm run bench` and kept in bench/RESULTS.md). */
export function renderFigures(r: Results): string {
  const d = r.docket;
  const met = targetsMet(r);
  const yes = (ok: boolean) => (ok ? '**met**' : '**not met**');
  const parts: string[] = [];
  parts.push(`Run of ${r.date} (${f0(r.seconds)} s in all).`);
  parts.push(
    table(
      ['machine', ''],
      [
        ['CPU', r.machine.cpu],
        ['cores', r.machine.cores],
        ['memory', `${r.machine.memoryGiB} GiB`],
        ['OS', r.machine.os],
        ['Node.js', r.machine.node],
        ['PostgreSQL', `${r.postgres} (${r.postgresWhere})`],
        ['API under test', r.apiMode],
        [
          'load average (1/5/15 min)',
          `${r.loadAverage.start.map(f2).join(' / ')} at the start, ${r.loadAverage.beforeLoad.map(f2).join(' / ')} before the load tests (other work on the machine shows here)`,
        ],
        [
          'CPU time stolen by the hypervisor',
          r.stolenDuringLoad === null
            ? 'unknown (no /proc/stat)'
            : `${(r.stolenDuringLoad * 100).toFixed(1)} % of the machine's CPU time during the load tests (a virtual machine's neighbours; compare runs with this in mind)`,
        ],
      ],
    ),
  );

  parts.push('### Targets');
  parts.push(
    table(
      ['target', 'figure', 'result'],
      [
        [`docket list: API / raw requests per second ≥ ${RATIO_TARGET}`, f2(d.ratio), yes(met.ratio)],
        [
          `docket list: API p99 ≤ ${P99_TARGET_MS} ms at a third of the raw maximum (${d.fixed.rate} req/s)`,
          `${f1(d.fixed.api.latency.p99)} ms`,
          yes(met.p99),
        ],
        [
          'SQL statements per request independent of the page size',
          r.statements.every((s) => s.equal) ? 'equal' : 'differ',
          yes(r.statements.every((s) => s.equal)),
        ],
        ...(r.pages && 'pages' in r.pages
          ? r.pages.pages.map((p) => [
              `public page ${p.name} (\`${p.path}\`): median ≤ ${PAGE_MEDIAN_TARGET_MS} ms`,
              `${f1(p.median)} ms`,
              yes(p.median <= PAGE_MEDIAN_TARGET_MS),
            ])
          : []),
      ],
    ),
  );

  const ds = r.dataset;
  parts.push('### Data set');
  parts.push(
    `Generated by bench/dataset/ as of ${ds.asOf} and loaded in ${f1(ds.seconds.total)} s ` +
      `(simulation through the procedure engine ${f1(ds.seconds.simulate)} s, bulk insert ${f1(ds.seconds.insert)} s, VACUUM ANALYZE ${f1(ds.seconds.analyze)} s).`,
  );
  parts.push(
    table(
      ['table', 'rows'],
      Object.entries(ds.counts).map(([t, n]) => [t, n]),
    ),
  );
  parts.push(
    `Disputes per stage: ${Object.entries(ds.stages)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}.`,
  );

  parts.push('### Docket list against the practical limit');
  parts.push(
    `The secretariat's docket list (20 disputes with parties, stage and next deadline), cycling ${d.variants.join('; ')}, ` +
      `as a signed-in secretariat user. "raw" is fastify + pg running the very statements the API ran (captured from it) and ` +
      `serialising the same JSON (checked deep-equal, and every statement and parameter equal, before measuring). ` +
      `Full load: autocannon, ${d.connections} connections, ${d.rounds.length} interleaved rounds of ${d.roundSeconds} s per side. ` +
      `Fixed rates: an open loop (runPaced in bench/load-client.ts) sending request i at start + i / rate, each answer timed ` +
      `from when its request was due (autocannon's rate option sends each second's quota in a burst). Every response body checked.`,
  );
  parts.push(
    table(
      ['round', 'API req/s', 'raw req/s', 'API p50 / p99 ms', 'raw p50 / p99 ms'],
      d.rounds.map((x) => [
        x.round,
        f0(x.api.rps),
        f0(x.raw.rps),
        `${f1(x.api.latency.p50)} / ${f1(x.api.latency.p99)}`,
        `${f1(x.raw.latency.p50)} / ${f1(x.raw.latency.p99)}`,
      ]),
    ),
  );
  parts.push(
    table(
      ['', 'API', 'raw', 'API / raw'],
      [
        ['requests per second (all rounds)', f0(d.apiRps), f0(d.rawRps), f2(d.ratio)],
        [
          `one request at a time, p50 / p99 ms (${d.single.n} each)`,
          `${f2(d.single.api.p50)} / ${f2(d.single.api.p99)}`,
          `${f2(d.single.raw.p50)} / ${f2(d.single.raw.p99)}`,
          f2(d.single.raw.p50 / d.single.api.p50),
        ],
        [
          `fixed rate ${d.fixed.rate} req/s (open loop) for ${d.fixed.seconds} s: p50 / p99 ms`,
          `${f1(d.fixed.api.latency.p50)} / ${f1(d.fixed.api.latency.p99)}`,
          `${f1(d.fixed.raw.latency.p50)} / ${f1(d.fixed.raw.latency.p99)}`,
          '',
        ],
        ['fixed rate: achieved req/s', f0(d.fixed.api.rps), f0(d.fixed.raw.rps), ''],
        ['response body bytes per variant', d.bodyBytes.api.join(', '), d.bodyBytes.raw.join(', '), ''],
      ],
    ),
  );
  if (d.lowerRates.length) {
    parts.push(`The API alone at other fixed rates (${d.fixed.seconds} s each): how far its p99 target holds.`);
    parts.push(
      table(
        ['share of the raw maximum', 'rate req/s', 'achieved req/s', 'API p50 / p99 ms', `p99 ≤ ${P99_TARGET_MS} ms`],
        [...d.lowerRates, { share: DOCKET_FIXED_SHARE, rate: d.fixed.rate, api: d.fixed.api }]
          .sort((a, b) => a.share - b.share)
          .map((x) => [
            `${(x.share * 100).toFixed(1).replace(/\.0$/, '')} %`,
            x.rate,
            f0(x.api.rps),
            `${f1(x.api.latency.p50)} / ${f1(x.api.latency.p99)}`,
            x.api.latency.p99 <= P99_TARGET_MS ? 'yes' : 'no',
          ]),
      ),
    );
  }
  if (d.profile) {
    parts.push(
      `Where the API process's CPU time goes under full load (a CPU profile of ${d.roundSeconds} s, ` +
        `${f0(d.profile.busyPercent)}% of the samples busy). Time inside each layer, callees included (layers overlap):`,
    );
    parts.push(
      table(
        ['layer', 'share of busy CPU'],
        d.profile.layers.map((s) => [s.where, `${f1(s.percent)}%`]),
      ),
    );
    parts.push('Self time by package (a built-in counts for its caller):');
    parts.push(
      table(
        ['code', 'share of busy CPU'],
        d.profile.shares.slice(0, 10).map((s) => [s.where, `${f1(s.percent)}%`]),
      ),
    );
  }

  parts.push('### SQL statements per request');
  parts.push(
    table(
      ['operation', ...r.statements[0].sizes.map((s) => `first: ${s.first}`), 'equal'],
      r.statements.map((s) => [
        s.operation,
        ...s.sizes.map((x) =>
          x.refused
            ? `refused (${x.refused})`
            : `${x.statements} statements${x.budget ? ` + ${x.budget} budget charge` : ''}, ${x.rows} rows`,
        ),
        s.equal ? 'yes' : 'NO',
      ]),
    ),
  );
  parts.push(
    "A request whose cost passes 1 000 units is charged once against its address's budget for expensive " +
      'queries (one statement on `rate_limits`, whatever the size; README, API limits), shown apart. ' +
      '`first: 1000` is over the page limit (100) and the cost limit, and is refused before any statement runs.',
  );

  parts.push('### Count (STV)');
  parts.push(`${r.count.ballots} ballots, ${r.count.candidates} candidates, ${r.count.seats} seats (bench/count.bench.ts).`);
  parts.push(
    table(
      ['rules', 'run', 'ms', 'stages', 'heap MB', 'RSS MB', 'peak RSS MB', 'elected'],
      r.count.rows.map((x) => [x.rules, x.run, x.ms, x.stages, x.heapUsedMB, x.rssMB, x.peakRssMB, x.elected]),
    ),
  );

  parts.push('### Start-up');
  if ('error' in r.startup) {
    parts.push(`Not measured: ${r.startup.error}`);
  } else {
    const s = r.startup;
    parts.push(
      `Seconds from launching \`node dist/apps/api/src/main.js\` (NODE_ENV=development, DATABASE_URL set) to the first 200 from /health/ready. ` +
        (s.build.built ? `dist was rebuilt first (\`node scripts/build.js\`, SWC, ${f1(s.build.seconds)} s).` : 'dist was up to date.') +
        (s.build.warning ? ` Note: ${s.build.warning}.` : ''),
    );
    parts.push(
      table(
        ['database', 'runs (s)', 'median (s)', 'what start-up did'],
        [
          [
            'empty (a new database)',
            s.empty.map((x) => f2(x.seconds)).join(', '),
            f2(median(s.empty.map((x) => x.seconds))),
            `${s.empty.every((x) => x.migrationsApplied) ? 'applied every migration' : 'migrations?'}; ${s.empty.every((x) => x.demoLoaded) ? 'loaded the demo data (development)' : 'no demo data'}`,
          ],
          [
            'loaded (the data set above)',
            s.loaded.map((x) => f2(x.seconds)).join(', '),
            f2(median(s.loaded.map((x) => x.seconds))),
            `${s.loaded.some((x) => x.migrationsApplied) ? 'applied migrations' : 'nothing to migrate'}; ${s.loaded.some((x) => x.demoLoaded) ? 'loaded demo data' : 'no demo data (not empty)'}`,
          ],
        ],
      ),
    );
    if (s.npmStart && s.npmStart.cold.length + s.npmStart.warm.length > 0) {
      const runs = s.npmStart;
      const builds = (xs: NpmStartRun[]) =>
        xs.every((x) => x.built)
          ? `built dist/ (${xs.map((x) => f1(x.buildSeconds ?? 0)).join(', ')} s)`
          : xs.some((x) => x.built)
            ? 'built dist/ in some runs'
            : 'no build (dist/ up to date)';
      parts.push(
        'The real `npm start` (no DATABASE_URL: the embedded PostgreSQL in a temporary data folder; NODE_ENV=development, the worker beside it), ' +
          'seconds from launching `npm start` to its "GraphQL API ready" line: everything a newcomer waits for, the build or the check that dist/ is up to date included.',
      );
      parts.push(
        table(
          ['npm start', 'runs (s)', 'median (s)', 'what it did'],
          [
            [
              'cold start incl. build (no dist/, a new data folder)',
              runs.cold.map((x) => f2(x.seconds)).join(', '),
              runs.cold.length ? f2(median(runs.cold.map((x) => x.seconds))) : '-',
              `${builds(runs.cold)}; initdb; ${runs.cold.every((x) => x.migrationsApplied) ? 'every migration' : 'migrations?'}; ${runs.cold.every((x) => x.demoLoaded) ? 'the demo data' : 'no demo data?'}`,
            ],
            [
              'warm start incl. the up-to-date check (nothing changed)',
              runs.warm.map((x) => f2(x.seconds)).join(', '),
              runs.warm.length ? f2(median(runs.warm.map((x) => x.seconds))) : '-',
              `${builds(runs.warm)}; the existing cluster; ${runs.warm.some((x) => x.migrationsApplied) ? 'applied migrations' : 'nothing to migrate'}; ${runs.warm.some((x) => x.demoLoaded) ? 'loaded demo data' : 'no demo data (already there)'}`,
            ],
          ],
        ),
      );
    }
  }
  if (r.pages) parts.push(renderSitePages(r.pages));
  if (r.eservice) parts.push(renderEService(r.eservice));
  if (r.scale) parts.push(renderScale(r.scale));
  if (r.uploads) parts.push(renderUploads(r.uploads));
  return parts.join('\n\n');
}

/** The e-service section (issue 13): notices served a second, and the live docket's delay under load. */
export function renderEService(e: EServiceFigures): string {
  const rows: (string | number)[][] = [];
  if ('error' in e.mail) rows.push(['notices served a second by one worker (local SMTP server)', `not measured: ${e.mail.error}`, '']);
  else
    rows.push([
      'notices served a second by one worker (local SMTP server)',
      `median ${e.mail.median.toFixed(0)} (runs: ${e.mail.runs.map((x) => x.toFixed(0)).join(', ')})`,
      `${e.mail.notices} notices to ${e.mail.users} users a run (bench/mail-throughput.ts)`,
    ]);
  if ('error' in e.live) rows.push(['commit to a subscriber’s event', `not measured: ${e.live.error}`, '']);
  else {
    const l = e.live;
    const load = `${l.events} events, ${l.load} docket-list loops (${l.readsPerSecond.toFixed(0)} reads/s meanwhile; bench/live-latency.ts)`;
    rows.push([
      'commit acknowledged to a subscriber’s event (ms)',
      `median ${l.fromCommit.median.toFixed(2)}, p99 ${l.fromCommit.p99.toFixed(2)}`,
      load,
    ]);
    rows.push([
      'command’s start to a subscriber’s event (ms)',
      `median ${l.fromStart.median.toFixed(2)}, p99 ${l.fromStart.p99.toFixed(2)}`,
      load,
    ]);
  }
  return ['### E-service', table(['figure', 'value', 'how'], rows)].join('\n\n');
}

/** A document's bytes through the API against the machine's speed, with the targets (issue 16 item 4). */
export function renderUploads(figures: UploadsFigures): string {
  const head = `### Document uploads and downloads (API / loopback HTTP ≥ ${UPLOAD_RATIO_TARGET}; RSS growth < ${UPLOAD_RSS_TARGET_MIB} MiB)`;
  if ('error' in figures) return `${head}\n\nnot measured: ${figures.error}`;
  return [
    head,
    uploadSummary(figures)
      .map((line) => `    ${line}`)
      .join('\n'),
    'bench/uploads.ts in a child process with its own PostgreSQL: the API from dist in its own process (NODE_ENV=production, WEB_CONCURRENCY=1), a file generated on disk sent to POST /uploads, filed, downloaded and hashed by a node HTTP client; the baseline is `cat` of the file and the same client against a trivial node server on loopback; RSS is the API process’s VmRSS sampled every 100 ms.',
  ].join('\n\n');
}

/** The sweep and the statistics per data set, with their targets (issue 16 items 6 and 7). */
export function renderScale(figures: ScaleFigures): string {
  const head = `### The sweep and the statistics at scale (sweep within its interval, ${SWEEP_INTERVAL_MS / 1000} s; statistics median ≤ ${STATISTICS_MEDIAN_TARGET_MS} ms)`;
  if ('error' in figures) return `${head}\n\nnot measured: ${figures.error}`;
  const met = (ok: boolean) => (ok ? 'met' : '**NOT met**');
  const rows: (string | number)[][] = [];
  for (const f of figures.sizes) {
    const n = f.disputes.toLocaleString('en');
    const idle = [...f.idleMs].sort((a, b) => a - b);
    rows.push([
      n,
      'sweep at the data set’s day (ms)',
      `${f.first.ms.toFixed(0)}: ${f.first.disputes} disputes acted on, ${f.runningLimits} running limits`,
      met(f.first.ms <= SWEEP_INTERVAL_MS),
    ]);
    rows.push([
      n,
      'sweep with nothing due (ms)',
      `median ${idle[Math.floor(idle.length / 2)].toFixed(1)} (${f.idleMs.map((x) => x.toFixed(1)).join(', ')})`,
      met(idle[idle.length - 1] <= SWEEP_INTERVAL_MS),
    ]);
    rows.push([
      n,
      `sweep of a ${f.backlog.days}-day backlog (s)`,
      `${(f.backlog.ms / 1000).toFixed(1)}: ${f.backlog.disputes} disputes, ${f.backlog.expired} limits, ${f.backlog.automatic} automatic steps, ${f.backlog.left} left`,
      'a catch-up, not a minute’s work',
    ]);
    if (f.statistics) {
      const s = f.statistics;
      rows.push([n, `statistics, direct over ${s.stays} stays (ms)`, `median ${s.directMedianMs.toFixed(1)}`, 'before issue 16']);
      rows.push([n, 'statistics, first answer of a process (ms)', s.rebuildMs.toFixed(1), 'once per process']);
      if (s.changedMs !== undefined) {
        rows.push([n, 'statistics, first answer after a change (ms)', s.changedMs.toFixed(1), 'once per change']);
      }
      rows.push([
        n,
        'statistics (ms)',
        `median ${s.medianMs.toFixed(2)}, p90 ${s.p90Ms.toFixed(2)}`,
        met(s.medianMs <= STATISTICS_MEDIAN_TARGET_MS),
      ]);
    }
  }
  return [
    head,
    table(['disputes', 'figure', 'value', 'target'], rows),
    'bench/sweep.bench.ts in a child process with its own PostgreSQL: ProcedureSweeper.sweep as the worker runs it each minute, and StatisticsService.statistics without the GraphQL layer and without any response cache.',
  ].join('\n\n');
}

/** The figures as a Markdown table, with the target. */
export function renderSitePages(figures: PageFigures): string {
  const head = `### Public pages (median ≤ ${PAGE_MEDIAN_TARGET_MS} ms)`;
  if ('error' in figures) return `${head}\n\nnot measured: ${figures.error}`;
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const misses = figures.pages.some((p) => p.missMedian !== undefined);
  return [
    head,
    '',
    `${figures.requests} requests a page, one at a time, anonymous, each page whole (no 304); from the request to the last byte (bench/site-pages.ts).` +
      (misses
        ? ' "After a change": the version of the public data advanced before each request, so the page is computed afresh (a miss of the cache).'
        : ''),
    '',
    line([
      'page',
      'path',
      'median (ms)',
      'p95 (ms)',
      'its data alone, median (ms)',
      ...(misses ? ['after a change, median (ms)'] : []),
      'size (KiB)',
      'target',
    ]),
    line(['---', '---', '---', '---', '---', ...(misses ? ['---'] : []), '---', '---']),
    ...figures.pages.map((p) =>
      line([
        p.name,
        `\`${p.path}\``,
        p.median.toFixed(1),
        p.p95.toFixed(1),
        p.dataMedian.toFixed(1),
        ...(misses ? [p.missMedian?.toFixed(1) ?? '–'] : []),
        (p.bytes / 1024).toFixed(0),
        p.median <= PAGE_MEDIAN_TARGET_MS ? 'met' : '**NOT met**',
      ]),
    ),
  ].join('\n');
}

const START = '<!-- figures:start (written by npm run bench; edit outside these markers) -->';
const END = '<!-- figures:end -->';

/** Replaces the figures between the markers of RESULTS.md, keeping the text around them. */
export function writeResults(path: string, figures: string): void {
  const block = `${START}\n\n${figures}\n\n${END}`;
  if (!existsSync(path)) {
    writeFileSync(path, `# Benchmark results\n\n${block}\n`);
    return;
  }
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  writeFileSync(
    path,
    from >= 0 && to > from ? `${text.slice(0, from)}${block}${text.slice(to + END.length)}` : `${text.trimEnd()}\n\n${block}\n`,
  );
}
