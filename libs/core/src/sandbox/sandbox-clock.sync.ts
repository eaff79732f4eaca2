import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { SandboxClock, type SandboxTime } from '../clock/sandbox-clock';
import { AppConfig } from '../config/app-config';
import { PgListener } from '../database/pg-listener';
import { SandboxClockEntity } from './sandbox-clock.entity';

/** The channel a move of the sandbox's clock is announced on, with the new row as its payload. */
export const SANDBOX_CLOCK_CHANNEL = 'sandbox_clock';

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
  private listener: PgListener | null = null;

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
    this.listener = new PgListener({
      url: (this.dataSource.options as { url?: string }).url,
      channel: SANDBOX_CLOCK_CHANNEL,
      applicationName: 'dispute-body-sandbox-clock',
      label: 'The sandbox clock',
      logger: this.logger,
      onNotification: (payload) => this.received(payload),
      // A move notified while the connection was down is made good by reading the row again.
      onListening: () => this.refresh(),
    });
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  /** Reads the row again and applies it: after a move in this process, and on (re)connection. */
  async refresh(): Promise<void> {
    const clock = this.sandboxClock;
    if (!clock) return;
    const row = await this.dataSource.getRepository(SandboxClockEntity).findOneBy({ id: 1 });
    clock.apply(row ? toSandboxTime(row) : null);
  }

  private received(payload: string): void {
    const clock = this.sandboxClock;
    if (!clock) return;
    try {
      clock.apply(toSandboxTime(JSON.parse(payload) as { instant: string; real_at: string; frozen: boolean }));
    } catch {
      this.logger.warn('A notification on the sandbox clock channel was not a clock row: reading the row instead');
      this.refresh().catch((error: Error) => this.logger.error(`Reading the sandbox clock failed: ${error.message}`));
    }
  }
}
