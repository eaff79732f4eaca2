import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A seat on a dispute's panel, as elected; vacated by withdrawal or removal (and replaced). */
@Entity('panel_members')
@Index('ix_panel_members_dispute', ['disputeId', 'seatedAt'])
@Index('uq_panel_members_seated', ['disputeId', 'personId'], { unique: true, where: '"vacated_at" IS NULL' })
export class PanelMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'election_id' })
  electionId: string;

  /** The order of election in its count: the chair is the earliest elected of those seated. */
  @Column('integer', { name: 'elected_rank' })
  electedRank: number;

  @Column('boolean')
  chair: boolean;

  @Column('timestamptz', { name: 'seated_at' })
  seatedAt: Date;

  @Column('timestamptz', { name: 'vacated_at', nullable: true })
  vacatedAt: Date | null;

  @Column('text', { name: 'vacated_reason', nullable: true })
  vacatedReason: string | null;

  @ManyToOne('RosterPersonEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_panel_members_person' })
  person?: unknown;

  @ManyToOne('ElectionEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'election_id', foreignKeyConstraintName: 'fk_panel_members_election' })
  election?: unknown;
}
