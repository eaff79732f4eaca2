import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { DomainError } from '../errors';

export interface RateLimitRule {
  /** Hits allowed in one window. */
  limit: number;
  windowSeconds: number;
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
    const [row] = await this.dataSource.query(
      'SELECT hits FROM rate_limits WHERE key = $1 AND window_start > $2',
      [key, windowFloor],
    );
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
}
