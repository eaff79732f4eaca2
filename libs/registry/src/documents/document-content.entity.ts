import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** The bytes of a document, kept apart so that listing documents never reads them. */
@Entity('document_contents')
export class DocumentContentEntity {
  @PrimaryColumn('uuid', { name: 'document_id' })
  documentId: string;

  @Column('bytea')
  content: Buffer;

  @ManyToOne('DocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_document_contents_document' })
  document?: unknown;
}
