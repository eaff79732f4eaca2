import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Aggregator } from 'prom-client';
import type { DataSource } from 'typeorm';

/** Every metric of the application is named `dsb_…` (README, "Operations"). */
export const METRIC_PREFIX = 'dsb_';

/** What /metrics answers. */
export interface MetricsText {
  contentType: string;
  body: string;
}

/** One sample of a gauge read at scrape time: its labels and value. */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

/**
 * The process's Prometheus metrics, in a registry of its own (not prom-client's global one: the
 * tests start many applications in one process). Labels carry only bounded values: route groups,
 * methods, status codes, error codes, queue names; never a user, a dispute or a raw URL.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests served, by route group, method and status code',
    labelNames: ['group', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'Time from the arrival of an HTTP request to the end of its response, by route group',
    labelNames: ['group'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: `${METRIC_PREFIX}graphql_errors_total`,
    help: 'Errors in GraphQL answers, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  /** Read replicas (README, "Running on several machines"): anonymous queries by where they read, and replicas found down. */
  readonly readReplicaRoutes = new Counter({
    name: `${METRIC_PREFIX}read_replica_routes_total`,
    help: 'Anonymous queries routed with read replicas configured, by where they read: replica, or primary (every replica behind or down)',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly readReplicaFailures = new Counter({
    name: `${METRIC_PREFIX}read_replica_failures_total`,
    help: 'Times a read replica was found unreachable (and left alone for a few seconds)',
    registers: [this.registry],
  });

  readonly sweepDuration = new Histogram({
    name: `${METRIC_PREFIX}sweep_duration_seconds`,
    help: "Duration of the worker's rounds of timed work (elections, limits, reminders, mail, webhooks, checkpoint)",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  /**
   * `processMetrics`: prom-client's metrics of the process (event loop lag, heap, GC), collected
   * only where someone can read them (METRICS_TOKEN or METRICS_ALLOW_LOCAL set). Once started they
   * cannot be stopped (a GC observer and an event loop monitor, process-wide), so a process that
   * starts many applications (the test suite, in one process) would keep every one of them alive.
   */
  constructor(options: { dataSource?: DataSource; processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    const pool = options.dataSource ? () => poolOf(options.dataSource!) : null;
    if (pool) {
      this.addGauge('db_pool_connections', "The database pool's connections: total, idle, and requests waiting for one", ['state'], () => {
        const p = pool();
        if (!p) return [];
        return [
          { labels: { state: 'total' }, value: p.totalCount },
          { labels: { state: 'idle' }, value: p.idleCount },
          { labels: { state: 'waiting' }, value: p.waitingCount },
        ];
      });
    }
  }

  /**
   * A gauge read when scraped (a count in the database, the pool's state). A failed read does not
   * fail the whole page: a gauge with labels has no samples for that scrape, one without is NaN
   * (never a zero that would read as "nothing pending" while the database is down).
   */
  addGauge(
    name: string,
    help: string,
    labelNames: string[],
    read: () => GaugeSample[] | Promise<GaugeSample[]>,
    /**
     * How the primary of several API processes (WEB_CONCURRENCY) merges their samples: a sum by
     * default (a pool's connections add up); `first` for a figure of the deployment that every
     * process reads alike from the database, which a sum would count once per process.
     */
    aggregator: Aggregator = 'sum',
  ): void {
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      labelNames,
      aggregator,
      registers: [this.registry],
      async collect() {
        this.reset();
        let samples: GaugeSample[];
        try {
          samples = await read();
        } catch {
          if (labelNames.length === 0) this.set(NaN);
          return;
        }
        for (const sample of samples) {
          if (sample.labels) this.set(sample.labels, sample.value);
          else this.set(sample.value);
        }
      },
    });
  }

  /** A GraphQL error's `extensions.code`; anything not shaped like a code is counted as OTHER. */
  countGraphqlError(code: unknown): void {
    this.graphqlErrors.inc({ code: typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'OTHER' });
  }

  private source: (() => Promise<MetricsText>) | null = null;

  /**
   * Serves another text at /metrics: in an API process of several (WEB_CONCURRENCY), the sum of
   * every process's metrics that the primary aggregates (apps/api/src/cluster.ts), so that a
   * scrape of the shared port does not read whichever process the connection happened to reach.
   */
  serveFrom(source: () => Promise<MetricsText>): void {
    this.source = source;
  }

  /** The Prometheus text of every metric. */
  async text(): Promise<MetricsText> {
    if (this.source) return this.source();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** TypeORM's postgres driver keeps the node-postgres pool as `master`. */
function poolOf(dataSource: DataSource): PgPool | null {
  const master = (dataSource.driver as unknown as { master?: PgPool }).master;
  return master && typeof master.totalCount === 'number' ? master : null;
}

/**
 * The group of routes a path belongs to: the label of the HTTP metrics. A fixed list, so that no
 * path a client makes up (a dispute number, a document id, a probe for /wp-admin) becomes a label.
 */
export function routeGroup(path: string): string {
  const first = path.split('?')[0].split('/')[1] ?? '';
  // A Map, not an object: `/constructor` must not find Object's own properties.
  return ROUTE_GROUPS.get(first) ?? 'other';
}

const ROUTE_GROUPS = new Map<string, string>(
  Object.entries({
    graphql: 'graphql',
    health: 'health',
    metrics: 'metrics',
    documents: 'documents',
    feeds: 'feeds',
    calendar: 'calendar',
    altair: 'explorer',
    dev: 'dev',
    // The public pages (libs/site).
    '': 'site',
    assets: 'site',
    disputes: 'site',
    reports: 'site',
    roster: 'site',
    elections: 'site',
    statistics: 'site',
    members: 'site',
    'periodic-report': 'site',
    'periodic-report.pdf': 'site',
  }),
);
