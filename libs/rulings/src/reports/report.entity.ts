import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { registerUniqueConstraint } from '@app/core';

export const REPORT_VERSIONS = ['DESCRIPTIVE_PART', 'INTERIM_REPORT', 'FINAL_REPORT', 'APPELLATE_REPORT', 'COMPLIANCE_REPORT'] as const;
export type ReportVersion = (typeof REPORT_VERSIONS)[number];
export const REPORT_STATUSES = ['DRAFT', 'REJECTED', 'ISSUED', 'CIRCULATED'] as const;
/** DRAFT under deliberation; REJECTED by a majority; ISSUED to the parties; CIRCULATED to all members. */
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const FINDING_RESULTS = ['INCONSISTENT', 'CONSISTENT', 'NOT_DECIDED', 'OUTSIDE_TERMS_OF_REFERENCE'] as const;
export type FindingResult = (typeof FINDING_RESULTS)[number];

registerUniqueConstraint('uq_reports_one_open', {
  field: 'input.version',
  message: 'This version already has a draft under deliberation or has been issued',
});
registerUniqueConstraint('pk_report_votes', { field: 'reportId', message: 'You have already voted on this report; a vote is final' });
registerUniqueConstraint('uq_separate_opinions_text', { field: 'text', message: 'This separate opinion has already been submitted' });

/** One version of a dispute's report (DSU 15): a document of the dispute plus its deliberation. */
@Entity('reports')
// One live (draft, issued or circulated) report per version: a rejected draft makes room for another.
@Index('uq_reports_one_open', ['disputeId', 'proceeding', 'version'], { unique: true, where: `"status" <> 'REJECTED'` })
// Every report of a dispute, rejected drafts included: the partial index above cannot serve it.
@Index('ix_reports_dispute', ['disputeId'])
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('text')
  version: ReportVersion;

  /**
   * The proceeding the report belongs to: 0 the original panel and its appeal, n the n-th
   * compliance proceeding (DSU 21.5) and its appeal.
   */
  @Column('integer', { default: 0 })
  proceeding: number;

  @Column('text')
  status: ReportStatus;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('text')
  title: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  @Column('timestamptz', { name: 'issued_at', nullable: true })
  issuedAt: Date | null;

  @Column('timestamptz', { name: 'circulated_at', nullable: true })
  circulatedAt: Date | null;

  /**
   * For an interim report: the last day for the parties' requests for review, the interim review
   * period of the panel's timetable (DSU 15.2; Appendix 3 ¶12(h)).
   */
  @Column('date', { name: 'comments_due_on', nullable: true })
  commentsDueOn: string | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_reports_dispute' })
  dispute?: unknown;

  @ManyToOne('DocumentEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_reports_document' })
  document?: unknown;
}

/** A finding on one claim of the terms of reference (DSU 7.1, 11, 19.1). */
@Entity('findings')
@Index('ix_findings_report', ['reportId', 'position'])
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'report_id' })
  reportId: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('integer')
  position: number;

  @Column('text')
  measure: string;

  @Column('text')
  provision: string;

  @Column('text')
  finding: FindingResult;

  @Column('text')
  reasoning: string;

  @Column('text', { nullable: true })
  recommendation: string | null;

  @ManyToOne(() => ReportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_findings_report' })
  report?: ReportEntity;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_findings_dispute' })
  dispute?: unknown;
}

/**
 * A panelist's vote on a draft (DSU 14.1: deliberations are confidential). Read only by the
 * seated panelists of the dispute.
 */
@Entity('report_votes')
export class ReportVoteEntity {
  @PrimaryColumn('uuid', { name: 'report_id', primaryKeyConstraintName: 'pk_report_votes' })
  reportId: string;

  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'pk_report_votes' })
  personId: string;

  @Column('boolean')
  approve: boolean;

  @ManyToOne(() => ReportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_report_votes_report' })
  report?: ReportEntity;

  @ManyToOne('RosterPersonEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_report_votes_person' })
  person?: unknown;
}

/**
 * A separate opinion, published unsigned (DSU 14.3). Deliberately no author and no timestamp:
 * nothing in the row can name its author; lists are ordered by the text's SHA-256.
 */
@Entity('separate_opinions')
@Index('uq_separate_opinions_text', ['reportId', 'textSha256'], { unique: true })
export class SeparateOpinionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'report_id' })
  reportId: string;

  @Column('text')
  text: string;

  @Column('char', { name: 'text_sha256', length: 64 })
  textSha256: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_separate_opinions_report' })
  report?: ReportEntity;
}

/** A party's comments on the interim report (DSU 15.2). */
@Entity('report_comments')
@Index('ix_report_comments_report', ['reportId'])
export class ReportCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'report_id' })
  reportId: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('timestamptz', { name: 'filed_at' })
  filedAt: Date;

  @ManyToOne(() => ReportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'fk_report_comments_report' })
  report?: ReportEntity;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_report_comments_member' })
  member?: unknown;

  @ManyToOne('DocumentEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_report_comments_document' })
  document?: unknown;
}
