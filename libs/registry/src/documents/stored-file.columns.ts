import { Column } from 'typeorm';

/**
 * The columns that describe a stored file, the same for a document's own file (`documents`) and a
 * language version's (`document_versions`): both entities extend this class, so that the two
 * tables keep one definition of them.
 */
export abstract class StoredFileColumns {
  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'media_type' })
  mediaType: string;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes: number;

  /** SHA-256 of the content, hex: anyone holding a copy can check it is the filed one. */
  @Column('char', { length: 64 })
  sha256: string;
}
