import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PgListener } from '@app/core';
import { DocketService, type DocketEntryEntity } from '@app/registry';
import { DataSource } from 'typeorm';
import { LiveDocketHub } from './live-docket.hub';
import { LIVE_DOCKET_CHANNEL, type LiveDocketNotification } from './live-docket.notifier';

/** Entries loaded in one statement; notifications beyond it wait for the next batch. */
export const LIVE_BATCH = 200;

/**
 * Each API process LISTENs on LIVE_DOCKET_CHANNEL on a connection of its own (PgListener, from
 * @app/core), on the application's database URL. Notifications that arrive together are loaded in one statement (DocketService.byIds, the registry's) and handed, in the
 * order they came, to this process's subscribers (LiveDocketHub).
 *
 * If the connection drops (the server restarts, a network cut), it is logged and reopened with a
 * doubling delay up to 30 s. Entries committed while it was down are not replayed: NOTIFY keeps
 * nothing for a session that is not there. A client that must not miss one re-reads the docket
 * (`dispute.docket`) after its own reconnection, as the README says (Live docket).
 */
@Injectable()
export class LiveDocketListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LiveDocket');
  private stopped = false;
  private pending: LiveDocketNotification[] = [];
  private draining: Promise<void> | null = null;
  private readonly listener: PgListener;

  constructor(
    private readonly dataSource: DataSource,
    private readonly docket: DocketService,
    private readonly hub: LiveDocketHub,
  ) {
    this.listener = new PgListener({
      // The application's own database URL and role, as DatabaseModule gave it to TypeORM.
      url: (this.dataSource.options as { url?: string }).url,
      channel: LIVE_DOCKET_CHANNEL,
      applicationName: 'dispute-body-live-docket',
      label: 'The live docket',
      logger: this.logger,
      onNotification: (payload) => this.received(payload),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // The first connection is awaited: the API serves subscriptions only once it listens, and a
    // database it cannot reach at start stops it as TypeORM's own connection would.
    await this.listener.start();
  }

  /** Resolves once the process listens (after a reconnection too): for tests and the benchmark. */
  ready(): Promise<void> {
    return this.listener.ready();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.hub.closeAll();
    await this.listener.stop();
    await this.draining;
  }

  private received(payload: string): void {
    try {
      const parsed = JSON.parse(payload) as LiveDocketNotification;
      if (typeof parsed.id === 'string' && typeof parsed.disputeId === 'string') this.pending.push(parsed);
    } catch {
      this.logger.warn('A notification on the docket channel was not JSON: ignored');
      return;
    }
    // Notifications that arrive together are loaded together: one drain at a time, in order.
    this.draining ??= this.drain().finally(() => (this.draining = null));
  }

  private async drain(): Promise<void> {
    // Let the notifications of the same read from the socket gather first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length && !this.stopped) {
      const batch = this.pending.splice(0, LIVE_BATCH);
      try {
        const rows = await this.docket.byIds(batch.map((n) => n.id));
        const byId = new Map(rows.map((row) => [row.id, row]));
        const entries = batch.map((n) => byId.get(n.id)).filter((e): e is DocketEntryEntity => e !== undefined);
        this.hub.publish(entries);
      } catch (error) {
        this.logger.error(`The live docket could not load ${batch.length} entries: ${(error as Error).message}`);
      }
    }
  }
}
