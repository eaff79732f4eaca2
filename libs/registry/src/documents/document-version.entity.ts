import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Language } from '@app/i18n';
import { StoredFileColumns } from './stored-file.columns';

/**
 * A language version of a document: one filing, another file with the same content in another
 * working language (a request filed in Russian and its Chinese version). The document keeps its
 * file in its own language (`documents.language`); each other language has at most one version.
 * Who sees a version is who sees its document: the document policy, unchanged.
 */
@Entity('document_versions')
@Unique('uq_document_versions_language', ['documentId', 'language'])
@Check('ck_document_versions_language', `"language" IN ('en', 'zh', 'fr', 'es', 'ru', 'ar')`)
export class DocumentVersionEntity extends StoredFileColumns {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_document_versions' })
  id: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('text')
  language: Language;

  @Column('timestamptz', { name: 'filed_at' })
  filedAt: Date;

  @Column('uuid', { name: 'filed_by_id' })
  filedById: string;

  @ManyToOne('DocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_document_versions_document' })
  document?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filed_by_id', foreignKeyConstraintName: 'fk_document_versions_filed_by' })
  filedBy?: unknown;
}
