import type { Stage } from '@app/procedure';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * How long a dispute spent in each stage: the raw material of the statistics the body publishes
 * on its own performance (time per stage against its limit).
 */
@Entity('dispute_stage_periods')
@Index('ix_dispute_stage_periods_stage', ['stage', 'enteredAt'])
@Index('ix_dispute_stage_periods_dispute', ['disputeId', 'enteredAt'])
// The periodic report reads the stays that ended within a period.
@Index('ix_dispute_stage_periods_left', ['leftAt'])
export class DisputeStagePeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('text')
  stage: Stage;

  @Column('timestamptz', { name: 'entered_at' })
  enteredAt: Date;

  @Column('timestamptz', { name: 'left_at', nullable: true })
  leftAt: Date | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_dispute_stage_periods_dispute' })
  dispute?: unknown;
}
