import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { DomainError } from '../errors';

export interface RateLimitRule {
  /** Hits allowed in one window. */
  limit: number;
  windowSeconds: number;
}

/**
 * Exponential backoff: the first `freeAttempts` attempts go through at once; after the n-th
 * failure beyond them the next attempt waits `firstDelaySeconds` × 2^(n − freeAttempts), at most
 * `maxDelaySeconds`. The count is forgotten `forgetAfterSeconds` after the last attempt.
 */
export interface BackoffRule {
  freeAttempts: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  forgetAfterSeconds: number;
}

/** One key to take an attempt from, under its rule; `what` names it in a refusal. */
export interface Claim {
  key: string;
  rule: RateLimitRule | BackoffRule;
  what: string;
}

/**
 * Attempts taken, in advance, from every key of a claim. Kept, they count as failures; an attempt
 * that turns out not to be one gives them back with {@link RateLimiter.release}.
 */
export interface Reservation {
  readonly taken: readonly { key: string; backoff: boolean; windowStart: Date }[];
}

const isBackoff = (rule: RateLimitRule | BackoffRule): rule is BackoffRule => 'freeAttempts' in rule;

/** The wait after the n-th counted attempt under a backoff rule, in seconds (0: none). */
export function backoffDelaySeconds(rule: BackoffRule, attempts: number): number {
  if (attempts < rule.freeAttempts) return 0;
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** (attempts - rule.freeAttempts));
}

@Injectable()
export class RateLimiter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Counts `amount` hits (one by default) against the key; returns the hits in the window. */
  async hit(key: string, rule: RateLimitRule, amount = 1): Promise<number> {
    const now = this.clock.now();
    const windowFloor = new Date(now.getTime() - rule.windowSeconds * 1000);
    // One atomic upsert: concurrent hits from several processes never lose a count.
    const [row] = await this.dataSource.query(
      `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, $4)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.window_start <= $3 THEN $4 ELSE rate_limits.hits + $4 END,
         window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END
       RETURNING hits`,
      [key, now, windowFloor, amount],
    );
    return Number(row.hits);
  }

  /** Hits counted in the current window, without counting one. */
  async current(key: string, rule: RateLimitRule): Promise<number> {
    const windowFloor = new Date(this.clock.now().getTime() - rule.windowSeconds * 1000);
    const [row] = await this.dataSource.query('SELECT hits FROM rate_limits WHERE key = $1 AND window_start > $2', [key, windowFloor]);
    return row ? Number(row.hits) : 0;
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limits WHERE key = $1', [key]);
  }

  /** Throws RATE_LIMITED when any of the keys has used up its window. */
  async assertUnder(keys: string[], rule: RateLimitRule, what: string): Promise<void> {
    for (const key of keys) {
      if ((await this.current(key, rule)) >= rule.limit) {
        throw new DomainError(
          'RATE_LIMITED',
          'TOO_MANY_ATTEMPTS',
          `Too many ${what}; try again in ${Math.ceil(rule.windowSeconds / 60)} minutes`,
          { retryAfterSeconds: rule.windowSeconds },
        );
      }
    }
  }

  /**
   * Takes one attempt from every key of the claims, all or none, before the work they guard runs
   * (a password check, say): so however many requests arrive at once, in however many processes,
   * no more of them run the work than the limits allow. Throws RATE_LIMITED, naming the first key
   * with no attempt left and when one comes back, and takes nothing.
   *
   * Each key is one upsert whose condition PostgreSQL evaluates under the row's lock, on the latest
   * version of the row; the keys are taken in one order in one transaction, so two claims sharing
   * keys never deadlock and a refused claim leaves no key counted.
   */
  async reserve(claims: Claim[]): Promise<Reservation> {
    const now = this.clock.now();
    const ordered = [...claims].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const taken = await this.dataSource.transaction(async (em) => {
      const rows: { key: string; backoff: boolean; windowStart: Date }[] = [];
      for (const claim of ordered) {
        const windowStart = await this.take(em, claim, now);
        if (!windowStart) throw await this.refusal(em, claim, now);
        rows.push({ key: claim.key, backoff: isBackoff(claim.rule), windowStart });
      }
      return rows;
    });
    return { taken };
  }

  /**
   * Gives back the attempts of a reservation that was no failure: a backoff key starts again from
   * nothing (the right person got in); a window gets its attempt back if it is still the same
   * window.
   */
  async release(reservation: Reservation): Promise<void> {
    for (const { key, backoff, windowStart } of reservation.taken) {
      if (backoff) {
        await this.dataSource.query('DELETE FROM rate_limits WHERE key = $1', [key]);
      } else {
        await this.dataSource.query('UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND window_start = $2 AND hits > 0', [
          key,
          windowStart,
        ]);
      }
    }
  }

  /** One attempt from one key; the start of its window (its last attempt for a backoff), or null. */
  private async take(em: EntityManager, claim: Claim, now: Date): Promise<Date | null> {
    const { rule } = claim;
    if (isBackoff(rule)) {
      // window_start is the last attempt; blocked_until is when the next one may come, set by
      // this attempt in advance: it holds back the requests racing it as well as later ones.
      const forgetFloor = new Date(now.getTime() - rule.forgetAfterSeconds * 1000);
      const attempts = 'CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END';
      const blockedAfter = (n: string) =>
        `CASE WHEN ${n} >= $4::int THEN $2::timestamptz + make_interval(secs => LEAST($6::float8, $5::float8 * power(2, ${n} - $4::int))) END`;
      const rows = await em.query(
        `INSERT INTO rate_limits (key, window_start, hits, blocked_until) VALUES ($1, $2, 1, ${blockedAfter('1')})
         ON CONFLICT (key) DO UPDATE SET
           hits = ${attempts},
           window_start = $2,
           blocked_until = ${blockedAfter(attempts)}
         WHERE rate_limits.window_start <= $3 OR rate_limits.blocked_until IS NULL OR rate_limits.blocked_until <= $2
         RETURNING window_start`,
        [claim.key, now, forgetFloor, rule.freeAttempts, rule.firstDelaySeconds, rule.maxDelaySeconds],
      );
      return rows.length ? (rows[0].window_start as Date) : null;
    }
    const windowFloor = new Date(now.getTime() - rule.windowSeconds * 1000);
    const rows = await em.query(
      `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
         window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END
       WHERE rate_limits.window_start <= $3 OR rate_limits.hits < $4
       RETURNING window_start`,
      [claim.key, now, windowFloor, rule.limit],
    );
    return rows.length ? (rows[0].window_start as Date) : null;
  }

  private async refusal(em: EntityManager, claim: Claim, now: Date): Promise<DomainError> {
    const [row] = await em.query('SELECT window_start, blocked_until FROM rate_limits WHERE key = $1', [claim.key]);
    const rule = claim.rule;
    const until = isBackoff(rule)
      ? ((row?.blocked_until as Date | null) ?? now)
      : new Date(((row?.window_start as Date | undefined) ?? now).getTime() + rule.windowSeconds * 1000);
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
    return new DomainError('RATE_LIMITED', 'TOO_MANY_ATTEMPTS', `Too many ${claim.what}; try again in ${wait}`, {
      retryAfterSeconds: seconds,
    });
  }
}
