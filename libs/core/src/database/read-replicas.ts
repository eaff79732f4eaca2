import type { Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { Pool, type PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { CoalescedRead } from '../public-cache/public-answers';
import { readPublicReadVersion } from './public-read-version';
import { replicaMayAnswer } from './replica-reads';

/** How long a replica that refused a connection is left alone before it is tried again. */
const DOWN_FOR_MS = 5_000;

export interface ReadReplicasOptions {
  /** `DATABASE_READ_URLS`: hot standbys of the primary, as the application's role. */
  urls: string[];
  /** Connections per replica and process. */
  poolSize: number;
  applicationName: string;
  logger: Logger;
}

/** Where an anonymous request's reads go: set once its version is known, the primary until then. */
interface ReadRoute {
  replica: Replica | null;
}

/** One replica: its pool, and the highest version of the public data it has been seen to hold. */
class Replica {
  /** Replay only moves forward: once seen at a version, every later read there sees it too. */
  replayed: bigint | null = null;
  downUntil = 0;
  readonly versionRead: CoalescedRead<bigint | null>;

  constructor(
    readonly index: number,
    readonly pool: Pool,
  ) {
    this.versionRead = new CoalescedRead(() => readPublicReadVersion((sql) => pool.query(sql).then((result) => result.rows)));
  }
}

/** What happened to an anonymous request's reads: a replica took them, or the primary (every replica behind or down); or a replica was found down. */
export type ReadReplicaEvent = 'replica' | 'primary' | 'down';

/** What TypeORM's PostgreSQL driver is asked for a connection with (its pool's callback, as a pair). */
type Connection = [PoolClient, (error?: Error | boolean) => void];

interface ReplicatedDriver {
  isReplicated: boolean;
  obtainMasterConnection(): Promise<Connection>;
  obtainSlaveConnection(): Promise<Connection>;
}

/**
 * The read replicas of `DATABASE_READ_URLS` (README, "Running on several machines"). Only the reads
 * of anonymous queries go there, and only to a replica that has replayed the version of the public
 * data the primary held when the request arrived: every committed change of public data advances
 * that version in its own transaction, so a replica that holds it holds every change a reader may
 * have seen acknowledged (read-your-writes, as the cache of public answers guarantees it). A
 * replica behind it, or unreachable, leaves the request on the primary, without an error for the
 * reader (a replica that fails in the middle of a statement does fail that request).
 *
 * Two kinds of reads go there: entity reads, and raw statements (`dataSource.query`, and so
 * `dataSource.manager.query`) that are plain SELECTs (replicaMayAnswer). In TypeORM only the
 * SELECTs of entity reads outside a transaction ask for a "slave" connection
 * (`defaultReplicationModeForReads`); a raw statement always asked for the primary, so `query` is
 * wrapped to ask for a "slave" one when the statement is such a read. Either gets a replica's only
 * inside an anonymous request's scope whose route names one.
 *
 * Everything else stays on the primary: signed-in requests (no scope: they read what the version
 * of the public data does not cover, such as a sign-in's sessions and uploads, written by commands
 * that leave it alone); every statement of a transaction, a command's or a snapshot read's
 * (CommandRunner.read) (TypeORM keeps a transaction on the connection that began it, and a
 * command's reads decide its writes); writes, row locks, NOTIFY and LISTEN, advisory locks (each
 * means something on the primary only: replica-reads.ts says why for each); the version itself.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private readonly scopes = new AsyncLocalStorage<ReadRoute>();
  private next = 0;
  /** The highest version of the primary seen: one lower means the database was restored, and what was known of the replicas is forgotten. */
  private primarySeen: bigint | null = null;
  /** For the tests and the operator: connections taken on a replica, requests left on the primary because no replica held the version, replicas found down. */
  readonly counts = { replicaConnections: 0, behind: 0, down: 0 };
  private observer: ((event: ReadReplicaEvent) => void) | null = null;
  /** The primary's version of the public data, for `anonymous` (set by `install`). */
  private primaryVersion: CoalescedRead<bigint | null> | null = null;

  constructor(private readonly options: ReadReplicasOptions) {
    this.replicas = options.urls.map((url, index) => {
      const pool = new Pool({
        connectionString: url,
        max: options.poolSize,
        application_name: options.applicationName,
        // A replica that does not answer must not hold a reader for long: it falls back to the primary.
        connectionTimeoutMillis: 2_000,
      });
      // An idle connection to a replica that went away: the pool drops it, the next request finds out.
      pool.on('error', (error) => options.logger.warn(`Read replica ${index + 1}: ${error.message}`));
      return new Replica(index, pool);
    });
  }

  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /**
   * Makes the data source's entity reads and raw reads ask for a replica when the current scope's
   * route names one (TypeORM's own replication would send every entity read there, signed-in or
   * not, and connects to each replica at start, so a replica down would stop the API). Called
   * once, right after the data source is initialised; without replicas nothing changes.
   */
  install(dataSource: DataSource): void {
    if (!this.enabled) return;
    const driver = dataSource.driver as unknown as ReplicatedDriver;
    driver.isReplicated = true;
    dataSource.defaultReplicationModeForReads = () => (this.scopes.getStore()?.replica ? 'slave' : 'master');
    driver.obtainSlaveConnection = () => this.connect(driver);
    const query = dataSource.query.bind(dataSource) as DataSource['query'];
    // `manager.query` comes here too, with its query runner when it is a transaction's: that
    // statement stays on the transaction's connection. Without one, DataSource.query would take a
    // "master" runner of its own; a raw read of a routed scope takes a "slave" one instead, which
    // `connect` gives the scope's replica (or the primary, if the replica refuses the connection).
    dataSource.query = async <T = unknown>(sql: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> => {
      if (queryRunner || !this.scopes.getStore()?.replica || !replicaMayAnswer(sql)) return query<T>(sql, parameters, queryRunner);
      const runner = dataSource.createQueryRunner('slave');
      try {
        return await query<T>(sql, parameters, runner);
      } finally {
        await runner.release();
      }
    };
    // Read with the wrapped `query`: the statement names public_read_version, so it is always the primary's.
    this.primaryVersion = new CoalescedRead(() => readPublicReadVersion((sql) => dataSource.query(sql)));
  }

  /** Runs an anonymous request's work in a scope whose reads may go to a replica once `route` names one. */
  scope<T>(work: () => T): T {
    return this.enabled ? this.scopes.run({ replica: null }, work) : work();
  }

  /**
   * Runs the work of a public endpoint outside GraphQL and the public pages (a feed, the public
   * calendar) as an anonymous request's: its reads go to a replica that holds the version of the
   * public data the primary holds now, else to the primary. A request with any Authorization
   * header reads on the primary, as on /graphql (the API reads no other credential; an address
   * whose secret is its credential, a user's calendar, does not call this).
   */
  async anonymous<T>(request: { headers: { authorization?: string } }, work: () => Promise<T>): Promise<T> {
    const primaryVersion = this.primaryVersion;
    if (!primaryVersion || request.headers.authorization !== undefined) return work();
    return this.scopes.run({ replica: null }, async () => {
      // Read after the request arrived, before any of its reads: what it may have seen acknowledged.
      await this.route(await primaryVersion.fresh());
      return work();
    });
  }

  /**
   * For the scope's remaining reads: a replica that holds `version` (the primary's, read after the
   * request arrived), else the primary. Null (no version row) keeps the primary.
   */
  async route(version: bigint | null): Promise<void> {
    const route = this.scopes.getStore();
    if (!route) return;
    route.replica = version === null ? null : await this.caughtUp(version);
    this.observer?.(route.replica ? 'replica' : 'primary');
  }

  /** Told of each routing and each replica found down: the metrics (README, "Operations"). */
  observe(observer: (event: ReadReplicaEvent) => void): void {
    this.observer = observer;
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }

  private async caughtUp(version: bigint): Promise<Replica | null> {
    if (this.primarySeen !== null && version < this.primarySeen) {
      for (const replica of this.replicas) replica.replayed = null;
    }
    if (this.primarySeen === null || version > this.primarySeen) this.primarySeen = version;
    const start = this.next;
    this.next = (this.next + 1) % this.replicas.length;
    for (let i = 0; i < this.replicas.length; i += 1) {
      const replica = this.replicas[(start + i) % this.replicas.length];
      if (replica.downUntil > performance.now()) continue;
      if (replica.replayed !== null && replica.replayed >= version) return replica;
      try {
        const replayed = await replica.versionRead.fresh();
        if (replayed !== null && (replica.replayed === null || replayed > replica.replayed)) replica.replayed = replayed;
      } catch (error) {
        this.markDown(replica, error as Error);
        continue;
      }
      if (replica.replayed !== null && replica.replayed >= version) return replica;
    }
    this.counts.behind += 1;
    return null;
  }

  private async connect(driver: ReplicatedDriver): Promise<Connection> {
    const route = this.scopes.getStore();
    const replica = route?.replica;
    if (!route || !replica) return driver.obtainMasterConnection();
    try {
      const client = await replica.pool.connect();
      this.counts.replicaConnections += 1;
      return [client, (error) => client.release(error)];
    } catch (error) {
      this.markDown(replica, error as Error);
      // The rest of the request too: one wait for a replica that does not answer is enough.
      route.replica = null;
      return driver.obtainMasterConnection();
    }
  }

  private markDown(replica: Replica, error: Error): void {
    this.counts.down += 1;
    this.observer?.('down');
    replica.downUntil = performance.now() + DOWN_FOR_MS;
    replica.replayed = null;
    this.options.logger.warn(
      `Read replica ${replica.index + 1} is unreachable (${error.message}); anonymous reads go to the primary for ${DOWN_FOR_MS / 1000} s`,
    );
  }
}
