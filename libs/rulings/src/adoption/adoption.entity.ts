import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { registerUniqueConstraint } from '@app/core';

export const ADOPTION_ROUNDS = ['PANEL', 'APPELLATE'] as const;
/** Which report is before the body: the panel report, or the appellate report with it. */
export type AdoptionRound = (typeof ADOPTION_ROUNDS)[number];
export const MEETING_OUTCOMES = ['ADOPTED', 'NOT_ADOPTED'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

registerUniqueConstraint('pk_adoption_objections', {
  field: 'disputeId',
  message: 'Your member has already objected to the adoption of this report',
});

/** A member's objection to adoption (DSU 16.2, 16.4): one per member and report. Objections are public acts. */
@Entity('adoption_objections')
export class AdoptionObjectionEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id', primaryKeyConstraintName: 'pk_adoption_objections' })
  disputeId: string;

  /** 0 the original reports, n the n-th compliance proceeding's (DSU 21.5). */
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_adoption_objections' })
  proceeding: number;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_adoption_objections' })
  round: AdoptionRound;

  @PrimaryColumn('uuid', { name: 'member_id', primaryKeyConstraintName: 'pk_adoption_objections' })
  memberId: string;

  @Column('timestamptz', { name: 'objected_at' })
  objectedAt: Date;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_adoption_objections_dispute' })
  dispute?: unknown;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_adoption_objections_member' })
  member?: unknown;
}

/** A meeting of the body with the report on its agenda, and what it decided (negative consensus). */
@Entity('adoption_meetings')
@Index('ix_adoption_meetings_dispute', ['disputeId', 'heldAt'])
export class AdoptionMeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('integer', { default: 0 })
  proceeding: number;

  @Column('text')
  round: AdoptionRound;

  /** The body's meeting (its notice and attendance are the registry's). */
  @Column('uuid', { name: 'meeting_id', nullable: true })
  meetingId: string | null;

  @Column('timestamptz', { name: 'held_at' })
  heldAt: Date;

  /** Member codes, sorted. */
  @Column('text', { name: 'present_members', array: true })
  presentMembers: string[];

  @Column('text', { name: 'objecting_members', array: true })
  objectingMembers: string[];

  @Column('text')
  outcome: MeetingOutcome;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_adoption_meetings_dispute' })
  dispute?: unknown;

  @ManyToOne('BodyMeetingEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_adoption_meetings_meeting' })
  meeting?: unknown;
}
