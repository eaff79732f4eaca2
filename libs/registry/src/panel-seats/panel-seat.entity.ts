import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who sits on a dispute's panel, as the registry needs to know it: the users who act as the
 * panel (and its chair) in the procedure and see what the panel sees. The panels module fills it
 * when an election composes the panel or a seat falls vacant.
 */
@Entity('panel_seats')
@Index('ix_panel_seats_user', ['userId', 'disputeId'])
@Index('ix_panel_seats_dispute', ['disputeId'])
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

  @Column('boolean')
  chair: boolean;

  @Column('timestamptz', { name: 'seated_at' })
  seatedAt: Date;

  @Column('timestamptz', { name: 'vacated_at', nullable: true })
  vacatedAt: Date | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_panel_seats_dispute' })
  dispute?: unknown;
}
