import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';

/** Bytes per chunk of the PostgreSQL store: the most a write or a read holds of a file at once. */
export const CHUNK_BYTES = 1024 * 1024;

/** Bytes of a chunk read per row: 48 KiB, 96 KiB of hex text, under V8's large-object size (128 KiB). */
const READ_SLICE = 48 * 1024;

/** What storing a content measured of it while it streamed through. */
export interface StoredContent {
  sizeBytes: number;
  /** SHA-256, hex. */
  sha256: string;
}

/** Bytes `start` to `end` of a content, both included (as in an HTTP `Range`). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface WriteOptions {
  /** The most bytes the content may have: beyond, DOCUMENT_TOO_LARGE and nothing is kept. */
  maxBytes: number;
  /**
   * The transaction the content belongs to (a filing's), where the store can join one: the
   * PostgreSQL store writes in it, so that a filing rolled back keeps none of its bytes. Without
   * one, a write is its own: it keeps the whole content or nothing.
   */
  em?: EntityManager;
}

/**
 * Where document bytes live, by content key (a document's or a language version's id; an upload's
 * until a filing takes it). Content streams in and out: no implementation holds a whole file,
 * and each measures and hashes what it writes as it goes. PostgreSQL by default (in chunks, in the
 * filing's transaction); an S3-compatible object store by configuration (DOCUMENT_STORAGE).
 */
export abstract class DocumentStorage {
  /** Stores `content` under `key` (which holds nothing yet), measured and hashed as it streams. */
  abstract write(key: string, content: Readable, options: WriteOptions): Promise<StoredContent>;
  /** The content under `key`, whole or the range asked for, as a stream; null if there is none. */
  abstract read(key: string, range?: ByteRange): Promise<Readable | null>;
  /**
   * Moves the content under `from` to `to` inside the transaction `em` (an upload taken by a
   * filing): when the transaction rolls back, the content stays under `from`.
   */
  abstract move(em: EntityManager, from: string, to: string): Promise<void>;
  /** Drops the content under `key`, if any (an upload expired or refused). */
  abstract remove(key: string): Promise<void>;
}

/** DOCUMENT_TOO_LARGE, for a content found larger than `limit` while it streamed. */
export function tooLarge(limit: number, field = 'content'): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', 'DOCUMENT_TOO_LARGE', `The document is larger than the limit of ${limit} bytes`, {
    field,
    limit,
  });
}

/**
 * The content cut into pieces of exactly `size` bytes (the last one shorter), hashed and counted
 * on the way, refused as soon as it passes `maxBytes`: what the chunked store writes from. Every
 * piece is the same buffer, filled again: a piece is valid until the next one is asked for (the
 * store has written it by then), so a content of any size allocates one piece. `done()` gives the
 * size and hash once the pieces are all read.
 */
export function measuredPieces(
  content: AsyncIterable<Buffer | string>,
  size: number,
  maxBytes: number,
): { pieces: AsyncGenerator<Buffer>; done: () => StoredContent } {
  const hash = createHash('sha256');
  let total = 0;
  let digest: string | null = null;
  async function* pieces(): AsyncGenerator<Buffer> {
    const piece = Buffer.allocUnsafe(size);
    let filled = 0;
    for await (const raw of content) {
      let data = typeof raw === 'string' ? Buffer.from(raw) : raw;
      total += data.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      hash.update(data);
      while (data.length) {
        const copied = data.copy(piece, filled);
        filled += copied;
        data = data.subarray(copied);
        if (filled === size) {
          yield piece;
          filled = 0;
        }
      }
    }
    if (filled) yield piece.subarray(0, filled);
    digest = hash.digest('hex');
  }
  return {
    pieces: pieces(),
    done: () => {
      if (digest === null) throw new Error('The content has not been read to its end');
      return { sizeBytes: total, sha256: digest };
    },
  };
}

/**
 * Content in PostgreSQL, in chunks of {@link CHUNK_BYTES} (document_chunks): a write inserts one
 * chunk at a time, a read selects one at a time, so a file of any size costs a chunk of memory.
 * Every chunk but the last is full, so the chunk holding byte `n` is `n / CHUNK_BYTES`.
 */
@Injectable()
export class PostgresDocumentStorage extends DocumentStorage {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async write(key: string, content: Readable, options: WriteOptions): Promise<StoredContent> {
    const run = async (em: EntityManager) => {
      const { pieces, done } = measuredPieces(content, CHUNK_BYTES, options.maxBytes);
      let seq = 0;
      for await (const piece of pieces) {
        await em.query('INSERT INTO document_chunks (content_key, seq, bytes) VALUES ($1, $2, $3)', [key, seq++, piece]);
      }
      return done();
    };
    try {
      return options.em ? await run(options.em) : await this.dataSource.transaction(run);
    } catch (error) {
      // A stream that failed half-way is not read further: its source is told to stop.
      content.destroy();
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable | null> {
    const [head] = await this.dataSource.query<{ last: number }[]>('SELECT max(seq) AS last FROM document_chunks WHERE content_key = $1', [
      key,
    ]);
    if (head?.last === null || head?.last === undefined) return null;
    const first = range ? Math.floor(range.start / CHUNK_BYTES) : 0;
    const last = range ? Math.min(Math.floor(range.end / CHUNK_BYTES), head.last) : head.last;
    const dataSource = this.dataSource;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = first; seq <= last; seq++) {
        // Only the bytes of the range, cut by the database: the first and last chunks are partial.
        const from = range && seq === first ? range.start - seq * CHUNK_BYTES : 0;
        const to = range && seq === last ? range.end - seq * CHUNK_BYTES + 1 : CHUNK_BYTES;
        // In slices of READ_SLICE, one row each: the text of a row (bytea's hex) stays below the
        // size V8 allocates among the long-lived objects, so a download's garbage is collected young.
        const rows = await dataSource.query<{ bytes: Buffer }[]>(
          `SELECT substring(c.bytes FROM $3::int + g * ${READ_SLICE} + 1 FOR least(${READ_SLICE}, $4::int - g * ${READ_SLICE})) AS bytes
             FROM document_chunks c, generate_series(0, ($4::int - 1) / ${READ_SLICE}) AS g
            WHERE c.content_key = $1 AND c.seq = $2 ORDER BY g`,
          [key, seq, from, to - from],
        );
        if (rows.length === 0) throw new Error(`Chunk ${seq} of content ${key} is missing`);
        for (const row of rows) yield row.bytes;
      }
    }
    return Readable.from(chunks(), { objectMode: false, highWaterMark: 1 });
  }

  async move(em: EntityManager, from: string, to: string): Promise<void> {
    // Only the key changes: PostgreSQL keeps the stored bytes (TOAST) of a row whose bytes are not updated.
    await em.query('UPDATE document_chunks SET content_key = $2 WHERE content_key = $1', [from, to]);
  }

  async remove(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM document_chunks WHERE content_key = $1', [key]);
  }
}
