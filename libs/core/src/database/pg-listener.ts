import type { Logger } from '@nestjs/common';
import { Client } from 'pg';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

export interface PgListenerOptions {
  /** The database URL of the application's role (the one TypeORM was given). */
  url: string | undefined;
  channel: string;
  /** `application_name` of the connection, to tell it apart in pg_stat_activity. */
  applicationName: string;
  /** What the logs call it: "The live docket's connection dropped …". */
  label: string;
  logger: Logger;
  /** Each notification's payload on the channel. */
  onNotification(payload: string): void;
  /** After each LISTEN (the first and every reconnection): to read what a lost notification said. */
  onListening?(reconnected: boolean): Promise<void> | void;
}

/**
 * A LISTEN on a connection of its own: a LISTEN belongs to one session, and a connection of
 * TypeORM's pool is lent to other queries between statements. If the connection drops (the server
 * restarts, a network cut), it is logged and reopened with a doubling delay up to 30 s;
 * notifications sent meanwhile are lost (NOTIFY keeps nothing for an absent session), which
 * `onListening` may make good. Used by the live docket and the sandbox's clock.
 */
export class PgListener {
  private client: Client | null = null;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private connected: Promise<void> | null = null;

  constructor(private readonly options: PgListenerOptions) {}

  /** Connects and listens; rejects if the first connection fails (the caller decides what that means). */
  start(): Promise<void> {
    this.connected = this.open();
    return this.connected;
  }

  /** Resolves once listening (after a reconnection too). */
  ready(): Promise<void> {
    return this.connected ?? Promise.reject(new Error(`${this.options.label} is not listening`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async open(): Promise<void> {
    const { url, channel, applicationName } = this.options;
    const client = new Client({ connectionString: url, application_name: applicationName });
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload) this.options.onNotification(message.payload);
    });
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, null));
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    const reconnected = this.retryMs > FIRST_RETRY_MS;
    // Listening first, then catching up: what was committed in between is seen one way or the other.
    await this.options.onListening?.(reconnected);
    if (reconnected) this.options.logger.log(`${this.options.label}: listening again`);
    this.retryMs = FIRST_RETRY_MS;
  }

  private dropped(client: Client, error: Error | null): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.options.logger.warn(
      `${this.options.label}: the connection dropped (${error?.message ?? 'closed'}); reconnecting in ${this.retryMs} ms`,
    );
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
      this.start().catch((error: Error) => {
        const client = this.client;
        this.client = null;
        client?.end().catch(() => undefined);
        if (this.stopped) return;
        this.options.logger.warn(`${this.options.label}: could not reconnect (${error.message}); retrying in ${this.retryMs} ms`);
        this.scheduleReconnect();
      });
    }, delay);
    this.retryTimer.unref();
  }
}
