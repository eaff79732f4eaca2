import type { DeadlineRuleCode, DeadlineStatus } from '@app/procedure';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A time limit of one dispute, as a row, so that everything due this week across every case is
 * one indexed query. Opened, met, missed, extended or waived by the procedure engine; except the
 * rows of one subject (`subjectId`), which the module that opened them settles, by id.
 */
@Entity('deadlines')
@Index('ix_deadlines_due', ['status', 'dueDate'])
@Index('ix_deadlines_dispute', ['disputeId', 'status'])
@Index('ix_deadlines_rule', ['rule', 'dueDate'])
@Index('ix_deadlines_subject', ['subjectId'])
// The running rows, for the worker's sweep (what has run out, in due order): migration RunningDeadlines.
@Index('ix_deadlines_running', ['dueDate', 'disputeId'], { where: `"status" = 'OPEN' AND "paused_remaining_days" IS NULL` })
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('text')
  rule: DeadlineRuleCode;

  /** The legal end of the period (trigger + length), before moving off closed days. */
  @Column('date', { name: 'base_date' })
  baseDate: string;

  /** The date shown and enforced: the base date moved to the next working day. */
  @Column('date', { name: 'due_date' })
  dueDate: string;

  @Column('text')
  status: DeadlineStatus;

  /** While the dispute is suspended: the calendar days that were left (DSU 12.12). */
  @Column('integer', { name: 'paused_remaining_days', nullable: true })
  pausedRemainingDays: number | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /**
   * What the limit is about, when several of one rule may run at once in a dispute: the document
   * whose non-confidential summary is due (NON_CONFIDENTIAL_SUMMARY, DSU 18.2, one row per
   * request). Such rows are not the engine's: it neither reads nor settles them. Null otherwise.
   */
  @Column('uuid', { name: 'subject_id', nullable: true })
  subjectId: string | null;

  @ManyToOne('DocumentEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'fk_deadlines_subject' })
  subject?: unknown;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_deadlines_dispute' })
  dispute?: unknown;
}
