import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A piece of a stored content (PostgresDocumentStorage): every chunk of a content but its last
 * holds exactly CHUNK_BYTES. Written and read by the storage's own SQL; the entity keeps the
 * table's definition beside the others.
 */
@Entity('document_chunks')
@Check('ck_document_chunks_seq', `"seq" >= 0`)
export class DocumentChunkEntity {
  /** The document's or the language version's id; an upload's until a filing takes it. */
  @PrimaryColumn('uuid', { name: 'content_key', primaryKeyConstraintName: 'pk_document_chunks' })
  contentKey: string;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_document_chunks' })
  seq: number;

  @Column('bytea')
  bytes: Buffer;
}
