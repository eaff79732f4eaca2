import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { PgListener } from '../database/pg-listener';
import { PUBLIC_READ_VERSION_CHANNEL, readPublicReadVersion } from '../database/public-read-version';
import { DataSource } from 'typeorm';
import { CoalescedRead, PublicAnswers } from './public-answers';

/**
 * The cache of public answers of this process (README, "Public reads from a cache"): the bounded
 * answers, the version of the public data they are checked against, and the LISTEN that drops
 * stale answers as soon as another process's commit is announced. One per API process, shared by
 * the GraphQL path (apps/api: the middleware serves from it and the plugin fills it) and the public
 * pages (libs/site: SitePages keeps their data and their HTML in it).
 */
@Injectable()
export class PublicCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PublicCache');
  readonly answers: PublicAnswers;
  private readonly versionRead: CoalescedRead<bigint | null>;
  private listener: PgListener | null = null;
  /** Served from the cache, and database reads of the version: for the tests and the bench. */
  readonly counts = { hits: 0, misses: 0, stored: 0, notModified: 0, versionReads: 0 };

  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.answers = new PublicAnswers({ maxEntries: config.PUBLIC_CACHE_ENTRIES, maxBytes: config.PUBLIC_CACHE_BYTES });
    this.versionRead = new CoalescedRead(async () => {
      this.counts.versionReads += 1;
      return readPublicReadVersion((sql) => this.dataSource.query(sql));
    });
  }

  async onModuleInit(): Promise<void> {
    if (!this.answers.enabled) return;
    this.listener = new PgListener({
      url: (this.dataSource.options as { url?: string }).url,
      channel: PUBLIC_READ_VERSION_CHANNEL,
      applicationName: 'dispute-body-public-cache',
      label: 'The cache of public answers',
      logger: this.logger,
      onNotification: (payload) => {
        if (/^\d+$/.test(payload)) this.answers.advance(BigInt(payload));
      },
      // Notifications lost while the connection was down: the version read now drops what they would have.
      onListening: async () => {
        await this.currentVersion();
      },
    });
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  /**
   * The version of the public data as committed when this was called, or later: a read that
   * starts after the call, shared with the requests waiting at the same time. Every hit is
   * checked with it, so a commit that preceded the request is never hidden by a notification
   * still on its way (read-your-writes across processes). Null while the row is missing (until
   * the next command puts it back): nothing is served from the cache nor kept meanwhile.
   */
  async currentVersion(): Promise<bigint | null> {
    const version = await this.versionRead.fresh();
    if (version !== null) this.answers.advance(version);
    return version;
  }

  /** The day an answer is kept for (answers that count days from today change at midnight, UTC). */
  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}
