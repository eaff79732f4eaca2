import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { SandboxClock, type SandboxTime } from '../clock/sandbox-clock';
import { AppConfig } from '../config/app-config';
import { SandboxClockEntity } from './sandbox-clock.entity';

/** The channel a move of the sandbox's clock is announced on, with the new row as its payload. */
export const SANDBOX_CLOCK_CHANNEL = 'sandbox_clock';
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

export function toSandboxTime(row: {
  instant: Date | string;
  realAt?: Date | string;
  real_at?: Date | string;
  frozen: boolean;
}): SandboxTime {
  return { instant: new Date(row.instant), realAt: new Date((row.realAt ?? row.real_at) as Date | string), frozen: row.frozen };
}

/**
 * Keeps this process's SandboxClock on the row of `sandbox_clock` (README, "Training sandbox"):
 * read once before the process serves or sweeps anything (onModuleInit), then on each NOTIFY of
 * SANDBOX_CLOCK_CHANNEL, on a dedicated connection (a LISTEN belongs to one session, as in the live
 * docket's listener). A notification lost while the connection was down is made good by reading the
 * row again on reconnection. Outside a sandbox it does nothing.
 */
@Injectable()
export class SandboxClockSync implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SandboxClock');
  private client: Client | null = null;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  private get sandboxClock(): SandboxClock | null {
    return this.config.SANDBOX && this.clock instanceof SandboxClock ? this.clock : null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.sandboxClock) return;
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  /** Reads the row again and applies it: after a move in this process, and on (re)connection. */
  async refresh(): Promise<void> {
    const clock = this.sandboxClock;
    if (!clock) return;
    const row = await this.dataSource.getRepository(SandboxClockEntity).findOneBy({ id: 1 });
    clock.apply(row ? toSandboxTime(row) : null);
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: 'dispute-body-sandbox-clock' });
    client.on('notification', (message) => this.received(message));
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, null));
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${SANDBOX_CLOCK_CHANNEL}`);
    // Listening first, then reading: a move committed in between is seen one way or the other.
    await this.refresh();
    this.retryMs = FIRST_RETRY_MS;
  }

  private received(message: Notification): void {
    const clock = this.sandboxClock;
    if (!clock || message.channel !== SANDBOX_CLOCK_CHANNEL || !message.payload) return;
    try {
      clock.apply(toSandboxTime(JSON.parse(message.payload) as { instant: string; real_at: string; frozen: boolean }));
    } catch {
      this.logger.warn('A notification on the sandbox clock channel was not a clock row: reading the row instead');
      this.refresh().catch((error: Error) => this.logger.error(`Reading the sandbox clock failed: ${error.message}`));
    }
  }

  private dropped(client: Client, error: Error | null): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.logger.warn(`The sandbox clock's connection dropped (${error?.message ?? 'closed'}); reconnecting in ${this.retryMs} ms`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.stopped) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.listen().catch((error: Error) => {
        const client = this.client;
        this.client = null;
        client?.end().catch(() => undefined);
        if (this.stopped) return;
        this.logger.warn(`The sandbox clock could not reconnect (${error.message}); retrying in ${this.retryMs} ms`);
        this.scheduleReconnect();
      });
    }, delay);
    this.retryTimer.unref();
  }
}
