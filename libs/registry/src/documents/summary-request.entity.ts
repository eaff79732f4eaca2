import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { registerUniqueConstraint } from '@app/core';

registerUniqueConstraint('uq_summary_requests_member', {
  field: 'documentId',
  message: 'Your member has already asked for a non-confidential summary of this submission',
});

/**
 * DSU 18.2: a member's request to a party for a non-confidential summary of one of its written
 * submissions, once per member and submission, with the time limit it opened.
 */
@Entity('summary_requests')
@Unique('uq_summary_requests_member', ['documentId', 'memberId'])
// The sweep reads a run-out request back by the limit it opened (migration 1795790000900).
@Index('ix_summary_requests_deadline', ['deadlineId'])
export class SummaryRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_summary_requests' })
  id: string;

  /** The written submission whose summary is asked for. */
  @Column('uuid', { name: 'document_id' })
  documentId: string;

  /** The member that asked. */
  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  /** The NON_CONFIDENTIAL_SUMMARY row the request opened. */
  @Column('uuid', { name: 'deadline_id' })
  deadlineId: string;

  @ManyToOne('DocumentEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_summary_requests_document' })
  document?: unknown;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_summary_requests_member' })
  member?: unknown;

  @ManyToOne('DeadlineEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deadline_id', foreignKeyConstraintName: 'fk_summary_requests_deadline' })
  deadline?: unknown;
}
