import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource, EntityManager } from 'typeorm';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, CopyBinaryDecoder, copyBinaryTuple, int4Field, isUuid, uuidField } from './copy-binary';

/** Bytes per chunk of the PostgreSQL store (a row of document_chunks). */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Bytes a write may have sent to the database and not yet seen taken (the COPY stream's buffer):
 * a few chunks, so that reading the request and sending to the database overlap.
 */
const WRITE_AHEAD = 4 * CHUNK_BYTES;

/**
 * Chunks a read takes from the database in one statement, on a connection it then gives back: a
 * download holds two such windows at most (the one it sends, the next), whatever its client's speed.
 */
const READ_WINDOW = 4;

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
 * Content in PostgreSQL, in chunks of {@link CHUNK_BYTES} (document_chunks), moved with binary
 * COPY both ways: the bytes travel as they are (no hex), a write is one statement however many
 * chunks, a read one statement per {@link READ_WINDOW} chunks. A file of any size costs a few
 * chunks of memory. Every chunk but the last is full, so the chunk holding byte `n` is
 * `n / CHUNK_BYTES`.
 */
@Injectable()
export class PostgresDocumentStorage extends DocumentStorage {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async write(key: string, content: Readable, options: WriteOptions): Promise<StoredContent> {
    const run = async (em: EntityManager): Promise<StoredContent> => {
      // The filing's transaction is a query runner's; a manager outside one gets a transaction of its own.
      if (!em.queryRunner) return em.transaction(run);
      const keyField = uuidField(key);
      const client = (await em.queryRunner.connect()) as PoolClient;
      const { pieces, done } = measuredPieces(content, CHUNK_BYTES, options.maxBytes);
      const copy = client.query(
        copyFrom('COPY document_chunks (content_key, seq, bytes) FROM STDIN (FORMAT binary)', { highWaterMark: WRITE_AHEAD }),
      );
      // The server's refusal (a key written twice, the connection lost) may come at any time, also
      // while the content is read: kept here and thrown at the next write. The statement is over
      // then (the server drops whatever else is sent): the stream is destroyed at once, which drops
      // the chunks it still holds, so that none is written to a connection it no longer has.
      let refused: Error | null = null;
      copy.on('error', (error: Error) => {
        if (refused) return;
        refused = error;
        if (!copy.destroyed) copy.destroy();
      });
      const send = async (data: Buffer) => {
        if (refused) throw refused;
        if (!copy.write(data)) await once(copy, 'drain');
      };
      try {
        await send(COPY_BINARY_HEADER);
        let seq = 0;
        for await (const piece of pieces) {
          // A tuple of its own: the piece is filled again at once, while the socket may still hold it.
          await send(copyBinaryTuple([keyField, int4Field(seq++), piece]));
        }
        if (refused) throw refused;
        copy.end(COPY_BINARY_TRAILER);
        await finished(copy);
      } catch (error) {
        // A statement the server refused is over already; any other is ended here.
        if (!refused && !copy.destroyed) {
          // CopyFail: the server drops every row of the statement, whose error aborts the
          // transaction. The answer is awaited, so that the rollback finds the connection idle.
          copy.destroy(error instanceof Error ? error : new Error(String(error)));
          await finished(copy).catch(() => undefined);
        }
        throw error;
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
    // Only the bytes of the range, cut by the database: the first and last chunks are partial.
    const from = range ? range.start - first * CHUNK_BYTES : 0;
    const to = range ? range.end - last * CHUNK_BYTES + 1 : CHUNK_BYTES;
    const bytes = range
      ? `substring(bytes FROM (CASE WHEN seq = ${first} THEN ${from} ELSE 0 END) + 1
                   FOR (CASE WHEN seq = ${last} THEN ${to} ELSE ${CHUNK_BYTES} END) - (CASE WHEN seq = ${first} THEN ${from} ELSE 0 END))`
      : 'bytes';
    // COPY takes no parameters: the key is written in, once known to be a UUID (the column's type).
    if (!isUuid(key)) throw new Error(`Not a content key: ${key}`);
    const driver = this.dataSource.driver as unknown as { obtainMasterConnection(): Promise<[PoolClient, (error?: Error) => void]> };
    const windowFrom = async (low: number) => {
      const high = Math.min(low + READ_WINDOW - 1, last);
      const window = await copyOut(
        driver,
        `COPY (SELECT ${bytes} FROM document_chunks WHERE content_key = '${key}' AND seq BETWEEN ${low} AND ${high} ORDER BY seq)
           TO STDOUT (FORMAT binary)`,
      );
      if (window.tuples !== high - low + 1) throw new Error(`Chunks ${low} to ${high} of content ${key} are not all there`);
      return window.pieces;
    };
    async function* chunks(): AsyncGenerator<Buffer> {
      let next = windowFrom(first);
      for (let low = first; low <= last; low += READ_WINDOW) {
        const pieces = await next;
        // The next window is read while this one is sent: the database and the client work at
        // once, and a download holds two windows at most. A client gone leaves it to finish alone
        // (its connection goes back to the pool), its failure then unheard.
        if (low + READ_WINDOW <= last) {
          next = windowFrom(low + READ_WINDOW);
          next.catch(() => undefined);
        }
        for (const piece of pieces) yield piece;
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

/**
 * The whole output of a binary COPY TO (`sql`), read on a connection of the pool held for that
 * alone: the connection goes back to the pool before a byte is handed on, so that a slow client
 * holds memory (a window of chunks), never a connection. One that failed half-way is closed, not
 * reused.
 */
async function copyOut(
  driver: { obtainMasterConnection(): Promise<[PoolClient, (error?: Error) => void]> },
  sql: string,
): Promise<{ pieces: Buffer[]; tuples: number }> {
  const [client, release] = await driver.obtainMasterConnection();
  let failure: Error | undefined;
  // A connection lost meanwhile is the read's failure (the COPY fails with it), not the process's.
  const lost = (error: Error) => (failure ??= error);
  client.on('error', lost);
  try {
    const decoder = new CopyBinaryDecoder();
    const pieces: Buffer[] = [];
    for await (const data of client.query(copyTo(sql))) for (const piece of decoder.push(data as Buffer)) pieces.push(piece);
    if (!decoder.ended) throw new Error('The output of COPY ended before its trailer');
    return { pieces, tuples: decoder.tuples };
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', lost);
    release(failure);
  }
}
