import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { DocumentStorage, tooLarge, type ByteRange, type StoredContent, type WriteOptions } from './document-storage';

/** Where the S3 store is: DOCUMENT_STORAGE=s3 and the S3_* settings (README, Configuration). */
export interface S3StorageOptions {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
}

/** Bytes per part of a multipart upload, and how many are in flight: the memory a write holds. */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/** What an object store must do once the transaction that wrote or moved a content ends. */
interface Pending {
  /** Removed if the transaction rolls back: objects written or copied for it. */
  written: string[];
  /** Removed once the transaction commits: the objects moved away from. */
  movedFrom: string[];
}

/**
 * At most `count` bytes of what passes: a store that answers more than the range asked for (some
 * S3-compatible servers read `bytes=0-0` as the whole object) still gives only the range.
 */
function firstBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const take = chunk.subarray(0, Math.max(0, left));
      left -= take.length;
      done(null, take.length ? take : undefined);
    },
  });
}

/**
 * Content in an S3-compatible object store, one object per content (`documents/<key>`), written by
 * multipart upload (@aws-sdk/lib-storage, PART_BYTES × PARTS_IN_FLIGHT in memory) and read with
 * `Range`. An object store takes no part in the database's transaction, so the store follows it:
 * what a write or a move put in the store for a transaction that rolls back is removed then (no
 * orphan), and what a move leaves behind is removed once it commits (a subscriber of the data
 * source sees both).
 */
export class S3DocumentStorage extends DocumentStorage implements EntitySubscriberInterface {
  private readonly client: S3Client;
  private readonly pending = new WeakMap<QueryRunner, Pending>();

  constructor(
    private readonly options: S3StorageOptions,
    dataSource: DataSource,
  ) {
    super();
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
    });
    dataSource.subscribers.push(this);
  }

  private objectKey(key: string): string {
    return `documents/${key}`;
  }

  private pendingOf(em: EntityManager | undefined): Pending | null {
    const runner = em?.queryRunner;
    if (!runner?.isTransactionActive) return null;
    let pending = this.pending.get(runner);
    if (!pending) this.pending.set(runner, (pending = { written: [], movedFrom: [] }));
    return pending;
  }

  async write(key: string, content: Readable, options: WriteOptions): Promise<StoredContent> {
    const hash = createHash('sha256');
    let total = 0;
    const measured = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        total += chunk.length;
        if (total > options.maxBytes) return done(tooLarge(options.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    content.on('error', (error) => measured.destroy(error));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.options.bucket, Key: this.objectKey(key), Body: content.pipe(measured) },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      // A failed multipart upload is aborted: its parts are not kept.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      content.destroy();
      await this.remove(key).catch(() => undefined);
      throw measured.errored ?? error;
    }
    this.pendingOf(options.em)?.written.push(key);
    return { sizeBytes: total, sha256: hash.digest('hex') };
  }

  async read(key: string, range?: ByteRange): Promise<Readable | null> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.options.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      const body = answer.Body as Readable;
      return range ? body.pipe(firstBytes(range.end - range.start + 1)) : body;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async move(em: EntityManager, from: string, to: string): Promise<void> {
    // Copied now, removed from its old key at the commit: a rollback leaves the upload whole.
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.options.bucket,
        CopySource: `${this.options.bucket}/${this.objectKey(from)}`,
        Key: this.objectKey(to),
      }),
    );
    const pending = this.pendingOf(em);
    if (!pending) return this.remove(from);
    pending.written.push(to);
    pending.movedFrom.push(from);
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const pending = this.settled(event.queryRunner);
    if (pending) for (const key of pending.movedFrom) await this.remove(key).catch(() => undefined);
  }

  async afterTransactionRollback(event: TransactionRollbackEvent): Promise<void> {
    const pending = this.settled(event.queryRunner);
    if (pending) for (const key of pending.written) await this.remove(key).catch(() => undefined);
  }

  /** What the transaction of `runner` left to do, once it has ended (not a savepoint's end). */
  private settled(runner: QueryRunner): Pending | null {
    if (runner.isTransactionActive) return null;
    const pending = this.pending.get(runner) ?? null;
    this.pending.delete(runner);
    return pending;
  }
}
