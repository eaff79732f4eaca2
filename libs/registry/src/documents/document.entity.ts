import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Language } from '@app/i18n';
import { StoredFileColumns } from './stored-file.columns';

export const CLASSIFICATIONS = ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL'] as const;
/**
 * - `PUBLIC`: anyone.
 * - `RESTRICTED`: the parties, the panel and the secretariat; third parties only where the rules
 *   give them the document (DSU 10.3: the parties' first written submissions).
 * - `CONFIDENTIAL`: business-confidential information; only the people named on the document.
 */
export type Classification = (typeof CLASSIFICATIONS)[number];

export const DOCUMENT_KINDS = [
  'REQUEST_FOR_CONSULTATIONS',
  'REPLY_TO_REQUEST',
  'REQUEST_TO_JOIN',
  'PANEL_REQUEST',
  'FIRST_WRITTEN_SUBMISSION',
  'REBUTTAL',
  'THIRD_PARTY_SUBMISSION',
  'ANSWERS_TO_QUESTIONS',
  'EXHIBIT',
  'HEARING_RECORD',
  'PANEL_REPORT',
  'COMMENTS_ON_REPORT',
  'APPELLATE_REPORT',
  'NOTIFICATION',
  // DSU 18.2: a party's public summary of the information in one of its written submissions.
  'NON_CONFIDENTIAL_SUMMARY',
  'OTHER',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A filing in a dispute: metadata here, content in `document_contents`. */
@Entity('documents')
@Unique('uq_documents_idempotency', ['filedById', 'idempotencyKey'])
@Index('ix_documents_dispute', ['disputeId', 'filedAt'])
@Index('ix_documents_summary_of', ['summaryOfId'])
// GIN index on to_tsvector('simple', title), created by the DocumentSearch migration.
@Index('ix_documents_title_search', { synchronize: false })
@Check('ck_documents_language', `"language" IN ('en', 'zh', 'fr', 'es', 'ru', 'ar')`)
// The translations of the title: an object keyed by working languages other than the filing's.
@Check(
  'ck_documents_title_translations',
  `jsonb_typeof("title_translations") = 'object' AND "title_translations" - ARRAY['en', 'zh', 'fr', 'es', 'ru', 'ar'] = '{}'::jsonb AND NOT "title_translations" ? "language"`,
)
export class DocumentEntity extends StoredFileColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('text')
  kind: DocumentKind;

  /** The title in the filing language. */
  @Column('text')
  title: string;

  /** The working language the document was filed in: its title and its own file are in it. */
  @Column('text', { default: 'en' })
  language: Language;

  /**
   * The title in other working languages, `{ "fr": "…" }`: given with the filing or with a
   * language version. Read with the row, so a list of documents with titles in a language costs
   * no query more.
   */
  @Column('jsonb', { name: 'title_translations', default: () => "'{}'" })
  titleTranslations: Partial<Record<Language, string>>;

  @Column('uuid', { name: 'filed_by_id' })
  filedById: string;

  /** The member the filer acted for (delegates); null for the secretariat or a panel. */
  @Column('uuid', { name: 'filed_for_member_id', nullable: true })
  filedForMemberId: string | null;

  @Column('timestamptz', { name: 'filed_at' })
  filedAt: Date;

  @Column('text')
  classification: Classification;

  @Column('timestamptz', { name: 'derestricted_at', nullable: true })
  derestrictedAt: Date | null;

  /** The client's key: a retried filing returns the first result instead of a second document. */
  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  /** For CONFIDENTIAL documents: the users who may see it (besides its filer). */
  @Column('uuid', { name: 'reader_ids', array: true, default: () => "'{}'" })
  readerIds: string[];

  /**
   * For CONFIDENTIAL documents: the panelists seated on the dispute's panel read it too. Resolved
   * from the seats each time it is read, not copied into `readerIds`, so that a panelist seated
   * later (a vacancy filled, DSU 8) reads it and one who left no longer does.
   */
  @Column('boolean', { name: 'panel_only', default: false })
  panelOnly: boolean;

  /** A NON_CONFIDENTIAL_SUMMARY: the written submission it summarises (DSU 18.2). */
  @Column('uuid', { name: 'summary_of_id', nullable: true })
  summaryOfId: string | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_documents_dispute' })
  dispute?: unknown;

  @ManyToOne('DocumentEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'summary_of_id', foreignKeyConstraintName: 'fk_documents_summary_of' })
  summaryOf?: unknown;
}
