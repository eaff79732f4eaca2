import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './stored-file.columns';

/**
 * A file streamed to POST /uploads, waiting for the filing that takes it (its content is under the
 * upload's id in the DocumentStorage). A filing marks it used (`usedBy`), so that a retry of the
 * filing with its idempotency key finds the same file; unused, it expires (UPLOAD_TTL_HOURS) and
 * is purged with its content.
 */
@Entity('document_uploads')
@Index('ix_document_uploads_expires', ['expiresAt'])
export class DocumentUploadEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_document_uploads' })
  id: string;

  /** Who uploaded it: the only one who may file it. */
  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_document_uploads_owner' })
  owner?: unknown;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('bigint', { name: 'size_bytes', transformer: bigintNumber })
  sizeBytes: number;

  @Column('char', { length: 64 })
  sha256: string;

  /** The document or language version that took it. */
  @Column('uuid', { name: 'used_by', nullable: true })
  usedBy: string | null;
}
