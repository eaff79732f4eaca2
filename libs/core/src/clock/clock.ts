/**
 * The only source of "now" in domain code. Deadlines, docket times and audit records read it,
 * so tests (and a replay) can move time.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that tests set and advance by hand. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-05T09:00:00Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 24 * 60 * 60 * 1000);
  }
}

/**
 * The time of sign-in sessions: access and refresh tokens' lifetimes and second-factor codes. It
 * is the domain's Clock everywhere but in a training sandbox, where it stays real time while the
 * secretariat moves the case clock forward (README, "Training sandbox"): an authenticator app's
 * codes follow real time, and a class must not be signed out each time the clock moves.
 */
export abstract class SessionClock {
  abstract now(): Date;
}
