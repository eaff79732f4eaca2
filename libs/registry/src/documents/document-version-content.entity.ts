import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** The bytes of a language version, kept apart like a document's (document_contents). */
@Entity('document_version_contents')
export class DocumentVersionContentEntity {
  @PrimaryColumn('uuid', { name: 'version_id', primaryKeyConstraintName: 'pk_document_version_contents' })
  versionId: string;

  @Column('bytea')
  content: Buffer;

  @ManyToOne('DocumentVersionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_document_version_contents_version' })
  version?: unknown;
}
