import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * The secret of a user's iCalendar feed address; only its SHA-256 is kept. The table keeps the name
 * it was created with (migrations/1795670000000-Hearings.ts).
 */
@Entity('calendar_feed_tokens')
@Index('uq_calendar_feed_tokens_hash', ['tokenHash'], { unique: true })
export class IcalFeedTokenEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('char', { name: 'token_hash', length: 64 })
  tokenHash: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_calendar_feed_tokens_user' })
  user?: unknown;
}
