import { Clock } from './clock';

/** Where the sandbox's time stands, as the row of `sandbox_clock` says. */
export interface SandboxTime {
  /** The sandbox instant when it was set. */
  readonly instant: Date;
  /** The real instant (of the base clock) when it was set. */
  readonly realAt: Date;
  /** Whether time stands still at `instant` (while advanceClock catches up). */
  readonly frozen: boolean;
}

/**
 * The clock of a training sandbox (README, "Training sandbox"): the base clock (real time) moved
 * forward to where the secretariat advanced it. It stays synchronous, as domain code reads it: the
 * time it adds is cached in memory and replaced when the row in PostgreSQL changes (read at
 * start-up, then on each NOTIFY; SandboxClockSync does both). It never goes back within a
 * process, even while a move reaches it: a command that read one instant never sees an earlier one
 * afterwards.
 */
export class SandboxClock extends Clock {
  private time: SandboxTime | null = null;
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly base: Clock) {
    super();
  }

  now(): Date {
    const real = this.base.now().getTime();
    const time = this.time;
    let instant = real;
    if (time) instant = time.frozen ? time.instant.getTime() : time.instant.getTime() + (real - time.realAt.getTime());
    // Never back: a late notification, or a base clock that stepped back, leaves time where it was.
    if (instant < this.last) instant = this.last;
    this.last = instant;
    return new Date(instant);
  }

  /** The real time of the base clock: what a move records as `realAt`. */
  realNow(): Date {
    return this.base.now();
  }

  /** Takes the time the database holds (null: the sandbox has not moved from real time). */
  apply(time: SandboxTime | null): void {
    this.time = time;
  }

  /** The time last applied, for the banner. */
  current(): SandboxTime | null {
    return this.time;
  }
}
