import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { TimetableStepKind } from './appendix3';

export const TIMETABLE_STEP_STATUSES = ['OPEN', 'MET', 'MISSED', 'EXTENDED', 'LAPSED', 'SUPERSEDED'] as const;
/** The status of the step's deadline row in the registry (the engine's deadline statuses). */
export type TimetableStepStatus = (typeof TIMETABLE_STEP_STATUSES)[number];

/**
 * A dated step of the timetable the panel adopted (DSU 12.3, Appendix 3 ¶12). Its deadline, and
 * so its status, is the registry's row of rule `TIMETABLE_<kind>`: in the cross-case deadline
 * list, paused by a suspension, flagged MISSED by the worker's sweep.
 */
@Entity('timetable_steps')
@Index('uq_timetable_steps_kind', ['disputeId', 'kind'], { unique: true })
@Index('ix_timetable_steps_due', ['dueDate'])
export class TimetableStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('text')
  kind: TimetableStepKind;

  @Column('integer')
  position: number;

  @Column('date', { name: 'due_date' })
  dueDate: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_timetable_steps_dispute' })
  dispute?: unknown;
}
