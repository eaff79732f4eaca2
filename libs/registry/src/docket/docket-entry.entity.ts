import type { DocketParams } from './docket-text';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One numbered step in a dispute's docket. Append-only (a trigger refuses UPDATE and DELETE): a
 * correction is a new entry that says what it corrects.
 */
@Entity('docket_entries')
@Unique('uq_docket_entries_seq', ['disputeId', 'seq'])
@Index('ix_docket_entries_time', ['occurredAt'])
export class DocketEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  /** 1, 2, 3, … within the dispute. */
  @Column('integer')
  seq: number;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  /** The user who acted; null when the system acted (the worker). */
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  /** The capacity in which they acted: COMPLAINANT, SECRETARIAT, SYSTEM, … */
  @Column('text', { name: 'actor_role' })
  actorRole: string;

  /** What happened: the action name (`requestConsultations`, `fileDocument`, `deadlineMissed`, …). */
  @Column('text')
  kind: string;

  /**
   * The entry in English, rendered from its message when it was appended, and never again: the
   * append-only public record as it was published, which the search, the feeds, the webhooks and
   * the audit read. Other languages are rendered from `message` and `params` at read time.
   */
  @Column('text')
  text: string;

  /** The entry as a message of the docket catalogue (`docket.fileDocument.public`, …). */
  @Column('text')
  message: string;

  /** The message's parameters: plain values as they were when the entry was written. */
  @Column('jsonb', { default: () => "'{}'" })
  params: DocketParams;

  @Column('uuid', { name: 'document_ids', array: true, default: () => "'{}'" })
  documentIds: string[];

  /** The entry this one corrects, if it is a correction. */
  @Column('uuid', { name: 'corrects_id', nullable: true })
  correctsId: string | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_docket_entries_dispute' })
  dispute?: unknown;
}
