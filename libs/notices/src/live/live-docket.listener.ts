import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DocketService, type DocketEntryEntity } from '@app/registry';
import { Client, type Notification } from 'pg';
import { DataSource } from 'typeorm';
import { LiveDocketHub } from './live-docket.hub';
import { LIVE_DOCKET_CHANNEL, type LiveDocketNotification } from './live-docket.notifier';

/** Entries loaded in one statement; notifications beyond it wait for the next batch. */
export const LIVE_BATCH = 200;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

/**
 * Each API process LISTENs on LIVE_DOCKET_CHANNEL on a connection of its own: a LISTEN belongs to
 * one session, and a connection of TypeORM's pool is lent to other queries between statements,
 * so it is a dedicated `pg.Client` on the application's database URL. Notifications that arrive
 * together are loaded in one statement (DocketService.byIds, the registry's) and handed, in the
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
  private client: Client | null = null;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private pending: LiveDocketNotification[] = [];
  private draining: Promise<void> | null = null;
  private connected: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly docket: DocketService,
    private readonly hub: LiveDocketHub,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The first connection is awaited: the API serves subscriptions only once it listens, and a
    // database it cannot reach at start stops it as TypeORM's own connection would.
    await this.connect();
  }

  /** Resolves once the process listens (after a reconnection too): for tests and the benchmark. */
  ready(): Promise<void> {
    return this.connected ?? Promise.reject(new Error('The live docket listener is not started'));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.hub.closeAll();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
    await this.draining;
  }

  private connect(): Promise<void> {
    this.connected = this.open();
    return this.connected;
  }

  private async open(): Promise<void> {
    // The application's own database URL and role, as DatabaseModule gave it to TypeORM.
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: 'dispute-body-live-docket' });
    client.on('notification', (message) => this.received(message));
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, null));
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${LIVE_DOCKET_CHANNEL}`);
    if (this.retryMs > FIRST_RETRY_MS) this.logger.log('Listening on the docket again');
    this.retryMs = FIRST_RETRY_MS;
  }

  private dropped(client: Client, error: Error | null): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.logger.warn(`The live docket's connection dropped (${error?.message ?? 'closed'}); reconnecting in ${this.retryMs} ms`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    // One reconnection at a time: a failed attempt may be reported both by its error and its end.
    if (this.retryTimer || this.stopped) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.connect().catch((error: Error) => {
        const client = this.client;
        this.client = null;
        client?.end().catch(() => undefined);
        if (this.stopped) return;
        this.logger.warn(`The live docket could not reconnect (${error.message}); retrying in ${this.retryMs} ms`);
        this.scheduleReconnect();
      });
    }, delay);
    this.retryTimer.unref();
  }

  private received(message: Notification): void {
    if (message.channel !== LIVE_DOCKET_CHANNEL || !message.payload) return;
    try {
      const parsed = JSON.parse(message.payload) as LiveDocketNotification;
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
