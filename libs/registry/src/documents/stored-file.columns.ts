import { Column } from 'typeorm';

/** A bigint column read as a number: pg gives bigints as strings; a size stays far below 2^53. */
export const bigintNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

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

  /** A bigint: the size limit (DOCUMENT_MAX_BYTES) may pass 2^31 bytes. */
  @Column('bigint', { name: 'size_bytes', transformer: bigintNumber })
  sizeBytes: number;

  /** SHA-256 of the content, hex: anyone holding a copy can check it is the filed one. */
  @Column('char', { length: 64 })
  sha256: string;
}
