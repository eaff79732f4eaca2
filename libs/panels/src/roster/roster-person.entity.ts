import { MemberEntity, UserEntity, registerUniqueConstraint } from '@app/core';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, VersionColumn } from 'typeorm';

export const ROSTER_STATUSES = ['NOMINATED', 'APPROVED', 'REJECTED', 'REMOVED'] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

registerUniqueConstraint('uq_roster_persons_user', {
  field: 'userId',
  message: 'This user is already linked to another person on the roster',
});

/**
 * A person on the indicative list (DSU 8.4): members propose names, the secretariat (for the
 * body) approves them. Only approved persons are public and may be elected to a panel.
 */
@Entity('roster_persons')
@Unique('uq_roster_persons_user', ['userId'])
@Index('ix_roster_persons_status_name', ['status', 'name'])
export class RosterPersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** ISO 3166-1 alpha-3; may be a non-member's (DSU 8.3 compares it with the parties' codes). */
  @Column('char', { length: 3 })
  nationality: string;

  @Column('text', { array: true })
  expertise: string[];

  @Column('text', { array: true })
  languages: string[];

  @Column('boolean', { default: true })
  available: boolean;

  @Column('text', { default: 'NOMINATED' })
  status: RosterStatus;

  @Index('ix_roster_persons_nominated_by')
  @Column('uuid', { name: 'nominated_by_member_id' })
  nominatedByMemberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nominated_by_member_id', foreignKeyConstraintName: 'fk_roster_persons_member' })
  nominatedBy?: MemberEntity;

  /** The person's own PANELIST account, once the secretariat links it. */
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_roster_persons_user' })
  user?: UserEntity | null;

  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @VersionColumn()
  version: number;

  /**
   * When the member nominated the person. Commands set it from their clock; the database's
   * default serves only rows written outside a command (fixtures, imports).
   */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
