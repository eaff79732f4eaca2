import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '@app/core';
import type { DisputeEntity } from './dispute.entity';

export const PARTY_KINDS = ['COMPLAINANT', 'RESPONDENT', 'THIRD_PARTY'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** A member's place in a dispute: complainant, respondent or third party (one place each). */
@Entity('dispute_parties')
@Index('ix_dispute_parties_member', ['memberId', 'kind'])
export class DisputePartyEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id' })
  disputeId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text')
  kind: PartyKind;

  @Column('timestamptz', { name: 'joined_at' })
  joinedAt: Date;

  @ManyToOne('DisputeEntity', 'parties', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_dispute_parties_dispute' })
  dispute?: DisputeEntity;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_dispute_parties_member' })
  member?: MemberEntity;
}
