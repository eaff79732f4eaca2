import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { registerUniqueConstraint } from '@app/core';

export const CHALLENGE_STATUSES = ['PENDING', 'UPHELD', 'DISMISSED'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

registerUniqueConstraint('uq_challenges_pending', {
  field: 'personId',
  message: 'Your member already has a pending challenge against this candidate in this dispute',
});

/**
 * A party's challenge of a candidate for cause (DSU 8.6: nominations are opposed only for
 * compelling reasons), decided by the secretariat with reasons.
 */
@Entity('challenges')
@Index('ix_challenges_dispute', ['disputeId', 'personId'])
// One pending challenge per (dispute, person, member); decided ones stay as the record.
@Index('uq_challenges_pending', ['disputeId', 'personId', 'byMemberId'], { unique: true, where: `"status" = 'PENDING'` })
export class ChallengeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_challenges_dispute' })
  dispute?: unknown;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @ManyToOne('RosterPersonEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_challenges_person' })
  person?: unknown;

  @Column('uuid', { name: 'by_member_id' })
  byMemberId: string;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'by_member_id', foreignKeyConstraintName: 'fk_challenges_member' })
  byMember?: unknown;

  @Column('text')
  grounds: string;

  @Column('text', { default: 'PENDING' })
  status: ChallengeStatus;

  @Column('timestamptz', { name: 'filed_at' })
  filedAt: Date;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  reasons: string | null;
}
