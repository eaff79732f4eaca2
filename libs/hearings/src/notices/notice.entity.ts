import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const NOTICE_KINDS = ['SCHEDULED', 'RESCHEDULED', 'CANCELLED'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** A notice to one participant, written in the command's transaction and delivered by the worker. */
@Entity('outbox_notices')
@Index('ix_outbox_notices_pending', ['createdAt'], { where: `"delivered_at" IS NULL` })
export class OutboxNoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'recipient_user_id' })
  recipientUserId: string;

  @Column('uuid', { name: 'hearing_id' })
  hearingId: string;

  @Column('text')
  kind: NoticeKind;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'fk_outbox_notices_user' })
  recipient?: unknown;

  @ManyToOne('HearingEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hearing_id', foreignKeyConstraintName: 'fk_outbox_notices_hearing' })
  hearing?: unknown;
}
