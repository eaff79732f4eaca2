import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A fixed-window counter per key (an account, an address, an operation). Kept in PostgreSQL so
 * that a limit holds across every API process.
 */
@Entity('rate_limits')
export class RateLimitEntity {
  @PrimaryColumn('text')
  key: string;

  @Column('timestamptz', { name: 'window_start' })
  windowStart: Date;

  @Column('integer')
  hits: number;

  /** Under a backoff rule, when the next attempt may come (the key's window is then its last attempt). */
  @Column('timestamptz', { name: 'blocked_until', nullable: true })
  blockedUntil: Date | null;
}
