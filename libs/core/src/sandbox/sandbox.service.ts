import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/policy';
import { Clock } from '../clock/clock';
import { SandboxClock, type SandboxTime } from '../clock/sandbox-clock';
import { AppConfig } from '../config/app-config';
import { CommandRunner } from '../database/command-runner';
import { badInput, conflict, forbidden } from '../errors';
import { SandboxCatchUp } from './sandbox-catch-up';
import { SANDBOX_CLOCK_CHANNEL, SandboxClockSync } from './sandbox-clock.sync';

/** What marks a sandbox: its time now and the line every banner shows. */
export interface SandboxState {
  instant: Date;
  banner: string;
}

// A session-level advisory lock: one advanceClock at a time across every API process.
const ADVANCE_LOCK = 0x5a4e_d8c0;

/** The line that marks a sandbox on `me`, the public `sandbox` field, the notices and the feeds. */
export function sandboxBanner(instant: Date): string {
  return `TRAINING SANDBOX: nothing here is a real case; the sandbox's clock reads ${instant.toISOString()}`;
}

/**
 * The training sandbox (README, "Training sandbox"): its banner, and advanceClock, which moves the
 * clock of every process forward.
 *
 * The catch-up runs here, in the API process that took the mutation, rather than being signalled
 * to the worker: the mutation returns once the world has caught up (a trainer moves the clock and
 * then shows the class what happened), a sandbox without a worker (START_WORKER=false, the tests)
 * catches up all the same, and an error of the catch-up reaches the trainer who asked for it. The
 * clock is frozen at each instant on the way while the worker's round runs at it, so every command
 * of that round reads that very instant, as the real clock would have had it; the worker's own
 * sweeps meanwhile read the same frozen instant (the row is shared) and, being idempotent under
 * each dispute's row lock, do the same work or none.
 */
@Injectable()
export class SandboxService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly sync: SandboxClockSync,
  ) {}

  private catchUp: SandboxCatchUp | null = null;

  /**
   * The worker's timed work, registered by the application that assembles the libs (apps/api) at
   * start-up: the core cannot name them (it imports no other lib).
   */
  useCatchUp(catchUp: SandboxCatchUp): void {
    this.catchUp = catchUp;
  }

  /** The banner of a sandbox, or null outside one. */
  state(): SandboxState | null {
    if (!this.config.SANDBOX) return null;
    const instant = this.clock.now();
    return { instant, banner: sandboxBanner(instant) };
  }

  /**
   * Moves the sandbox's clock forward to `to`, running the worker's timed work at each instant it
   * would have run on the way, in order. Secretariat only; never back.
   */
  async advance(actor: Actor | null, to: Date): Promise<SandboxState> {
    requireRole(actor, 'SECRETARIAT');
    const clock = this.clock;
    if (!this.config.SANDBOX || !(clock instanceof SandboxClock)) {
      throw forbidden('The clock moves only in a training sandbox (SANDBOX=true); this deployment keeps real time', 'SANDBOX_OFF');
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [ADVANCE_LOCK])) as { locked: boolean }[];
      if (!locked) throw conflict('Another advanceClock is still catching up: wait for it to return', 'SANDBOX_CLOCK_BUSY');
      try {
        // Another process may have moved it a moment ago: read the row before comparing.
        await this.sync.refresh();
        const from = clock.now();
        if (!(to.getTime() > from.getTime())) {
          throw badInput(
            'to',
            `to must be later than the sandbox's time now (${from.toISOString()}): the clock only moves forward`,
            'SANDBOX_CLOCK_NOT_FORWARD',
          );
        }
        const steps = [...new Set((await (this.catchUp?.instantsBetween(from, to) ?? [])).map((d) => d.getTime()))]
          .filter((t) => t > from.getTime() && t < to.getTime())
          .sort((a, b) => a - b);
        let reached = from;
        try {
          for (const step of steps) {
            reached = new Date(step);
            await this.write(actor, { instant: reached, realAt: clock.realNow(), frozen: true }, to);
            await this.catchUp?.runRound();
          }
          reached = to;
          await this.write(actor, { instant: to, realAt: clock.realNow(), frozen: true }, to);
          await this.catchUp?.runRound();
        } finally {
          // Time runs on from where the catch-up got to, even if a round failed on the way.
          await this.write(actor, { instant: reached, realAt: clock.realNow(), frozen: false }, to);
        }
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [ADVANCE_LOCK]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
    return this.state() as SandboxState;
  }

  /** One move of the clock: the row, its announcement at commit, and this process's clock at once. */
  private async write(actor: Actor | null, time: SandboxTime, target: Date): Promise<void> {
    await this.commands.run({ actor, operation: 'advanceClock' }, async (ctx) => {
      const [row] = (await ctx.em.query(
        `INSERT INTO sandbox_clock (id, instant, real_at, frozen) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET instant = EXCLUDED.instant, real_at = EXCLUDED.real_at, frozen = EXCLUDED.frozen
         RETURNING instant, real_at, frozen`,
        [time.instant, time.realAt, time.frozen],
      )) as { instant: Date; real_at: Date; frozen: boolean }[];
      const payload = JSON.stringify({ instant: row.instant.toISOString(), real_at: row.real_at.toISOString(), frozen: row.frozen });
      await ctx.em.query('SELECT pg_notify($1, $2)', [SANDBOX_CLOCK_CHANNEL, payload]);
      ctx.target('SandboxClock', '1', { instant: time.instant.toISOString(), frozen: time.frozen, to: target.toISOString() });
    });
    (this.clock as SandboxClock).apply(time);
  }
}
