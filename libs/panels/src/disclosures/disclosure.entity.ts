import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

// Rules of Conduct (WT/DSB/RC/1), Annex 2: the kinds of interest a person must disclose.
export const DISCLOSURE_KINDS = ['FINANCIAL', 'PROFESSIONAL', 'PUBLIC_STATEMENT', 'EMPLOYMENT', 'FAMILY'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export const DISCLOSURE_STATUSES = ['OPEN', 'CLEARED', 'UPHELD'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];

/**
 * An interest a roster person disclosed (Rules of Conduct III, VI: the duty to disclose
 * continues throughout). The secretariat clears it (no conflict) or upholds it (a conflict: the
 * person is not eligible in the dispute it touches).
 */
@Entity('disclosures')
@Index('ix_disclosures_person', ['personId', 'declaredAt'])
@Index('ix_disclosures_dispute', ['disputeId'])
export class DisclosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @ManyToOne('RosterPersonEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_disclosures_person' })
  person?: unknown;

  @Column('text')
  kind: DisclosureKind;

  @Column('text')
  text: string;

  /** The dispute the interest touches, if any. */
  @Column('uuid', { name: 'dispute_id', nullable: true })
  disputeId: string | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_disclosures_dispute' })
  dispute?: unknown;

  @Column('text', { default: 'OPEN' })
  status: DisclosureStatus;

  @Column('timestamptz', { name: 'declared_at' })
  declaredAt: Date;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason: string | null;
}
