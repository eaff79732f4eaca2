import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FindingEntity } from '../reports/report.entity';

export const APPELLATE_OUTCOMES = ['UPHELD', 'MODIFIED', 'REVERSED'] as const;
export type AppellateOutcome = (typeof APPELLATE_OUTCOMES)[number];

/** The standing appellate roster (DSU 17.1: seven persons, three serve on any one case). */
@Entity('appellate_members')
export class AppellateMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** ISO 3166-1 alpha-3. */
  @Column('char', { length: 3 })
  nationality: string;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('timestamptz', { name: 'added_at' })
  addedAt: Date;
}

/**
 * A notice of appeal (DSU 16.4, 17.4): the first of a proceeding draws the division by lot from a
 * published seed; another party's notice (a cross-appeal) is heard by the same division.
 */
@Entity('appeals')
@Index('uq_appeals_appellant', ['disputeId', 'proceeding', 'filedByMemberId'], { unique: true })
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  /** 0 the appeal of the panel report, n the appeal of the n-th compliance report (DSU 21.5). */
  @Column('integer', { default: 0 })
  proceeding: number;

  /** Another party's appeal within the window (Working Procedures, rule 23). */
  @Column('boolean', { name: 'cross_appeal', default: false })
  crossAppeal: boolean;

  @Column('uuid', { name: 'filed_by_member_id' })
  filedByMemberId: string;

  @Column('timestamptz', { name: 'filed_at' })
  filedAt: Date;

  @Column('uuid', { name: 'finding_ids', array: true })
  findingIds: string[];

  /** Published with the draw: anyone recomputes it (SHA-256(seed + ':' + memberId), lowest first). */
  @Column('text')
  seed: string;

  /** The division, in draw order. */
  @Column('uuid', { name: 'division_ids', array: true })
  divisionIds: string[];

  @Column('text', { name: 'delay_reason', nullable: true })
  delayReason: string | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_appeals_dispute' })
  dispute?: unknown;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filed_by_member_id', foreignKeyConstraintName: 'fk_appeals_filed_by_member' })
  filedBy?: unknown;

  // finding_ids and division_ids are arrays: no foreign key can check them.
}

/** What the appellate report decided on an appealed finding (DSU 17.13). */
@Entity('appellate_outcomes')
@Index('uq_appellate_outcomes_finding', ['appealId', 'findingId'], { unique: true })
export class AppellateOutcomeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'appeal_id' })
  appealId: string;

  @Column('uuid', { name: 'finding_id' })
  findingId: string;

  @Column('text')
  outcome: AppellateOutcome;

  @Column('text')
  reasoning: string;

  @ManyToOne(() => AppealEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appeal_id', foreignKeyConstraintName: 'fk_appellate_outcomes_appeal' })
  appeal?: AppealEntity;

  @ManyToOne(() => FindingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'fk_appellate_outcomes_finding' })
  finding?: FindingEntity;
}
