import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who sits on a dispute's panel: the one record of it (migration 1795770000000-OnePanelSeatsTable
 * merged the panels module's `panel_members` into it). A seat names the roster person, the
 * account acting for them, the election that seated them and their rank in its count, and why the
 * seat fell vacant. The panels module fills it when an election composes the panel or a seat falls
 * vacant; the registry reads it for the users who act as the panel (and its chair) in the
 * procedure and see what the panel sees.
 *
 * The person and the election are the panels module's: no foreign key points at them, since the
 * registry does not depend on that module (the lib boundaries in eslint.config.mjs).
 */
@Entity('panel_seats')
@Index('ix_panel_seats_user', ['userId', 'disputeId'])
@Index('ix_panel_seats_dispute', ['disputeId'])
@Index('ix_panel_seats_election', ['electionId', 'electedRank'])
@Index('uq_panel_seats_seated', ['disputeId', 'personId'], { unique: true, where: '"vacated_at" IS NULL' })
export class PanelSeatEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  /**
   * The account acting for the person: the one linked to them now (a link or re-link moves it,
   * `PanelSeatsService.followPerson`); null while the person has none.
   */
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  /** The roster person, as the panels module knows them. */
  @Column('uuid', { name: 'person_id' })
  personId: string;

  /** The panels module's election that seated the person. */
  @Column('uuid', { name: 'election_id' })
  electionId: string;

  /** The order of election in its count: the chair passes to the earliest elected of those seated. */
  @Column('integer', { name: 'elected_rank' })
  electedRank: number;

  @Column('boolean')
  chair: boolean;

  @Column('timestamptz', { name: 'seated_at' })
  seatedAt: Date;

  @Column('timestamptz', { name: 'vacated_at', nullable: true })
  vacatedAt: Date | null;

  /** Why the seat fell vacant (withdrawal, removal, an upheld challenge or disclosure); null while held. */
  @Column('text', { name: 'vacated_reason', nullable: true })
  vacatedReason: string | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_panel_seats_dispute' })
  dispute?: unknown;
}
