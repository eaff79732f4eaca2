import { Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  AppConfig,
  Clock,
  CommandContext,
  CommandRunner,
  DomainError,
  Metrics,
  METRIC_PREFIX,
  badInput,
  conflict,
  notFound,
  requireActor,
} from '@app/core';
import { Counter } from 'prom-client';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { DocumentStorage } from './document-storage';
import { DocumentUploadEntity } from './document-upload.entity';
import { UploadSlots, watchIdle } from './upload-limits';

const HOUR_MS = 60 * 60 * 1000;
/** How many expired uploads one purge takes at most: one short transaction, however many are due. */
const PURGE_BATCH = 20;
/**
 * When a refused upload is told to come back: about as long as a slow upload of a few hundred
 * megabytes takes; a client retrying sooner would most likely be refused again.
 */
const BUSY_RETRY_AFTER_SECONDS = 30;

/**
 * Files streamed outside the GraphQL request (POST /uploads), for a filing to take by their id:
 * a document of any size costs the API a chunk of memory, never the whole file. An upload is
 * its uploader's alone; it is kept until a filing takes it or it expires (UPLOAD_TTL_HOURS).
 */
@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);
  /** The uploads this process receives at once (UPLOAD_CONCURRENCY): each holds a connection of the pool. */
  private readonly slots: UploadSlots;
  private readonly refused: Counter<'reason'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly storage: DocumentStorage,
    metrics: Metrics,
  ) {
    this.slots = new UploadSlots(config.UPLOAD_CONCURRENCY);
    metrics.addGauge('uploads_in_progress', 'Uploads (POST /uploads) being received now', [], () => [{ value: this.slots.inUse }]);
    this.refused = new Counter({
      name: `${METRIC_PREFIX}uploads_refused_total`,
      help: 'Uploads refused or abandoned before they were stored: busy (UPLOAD_CONCURRENCY reached), idle (UPLOAD_IDLE_TIMEOUT_SECONDS)',
      labelNames: ['reason'] as const,
      registers: [metrics.registry],
    });
  }

  /**
   * Stores `content` as a new upload of the caller's, hashed and measured as it streams, within
   * DOCUMENT_MAX_BYTES. One transaction: a request cut off, too large, empty, silent for
   * UPLOAD_IDLE_TIMEOUT_SECONDS or whose content is not the SHA-256 the client announced
   * (`expectedSha256`) leaves nothing, in the database or in the object store. At most
   * UPLOAD_CONCURRENCY at once in this process: past it, UPLOADS_BUSY before a byte is read (the
   * client's body stays unread; the HTTP layer closes its connection after the answer). Audited
   * (who uploaded what); nothing public changes.
   */
  async receive(actor: Actor | null, content: Readable, expectedSha256: string | null): Promise<DocumentUploadEntity> {
    const owner = requireActor(actor);
    const release = this.slots.tryTake();
    if (!release) {
      this.refused.inc({ reason: 'busy' });
      throw new DomainError(
        'UNAVAILABLE',
        'UPLOADS_BUSY',
        `This server is receiving as many uploads as it takes at once (UPLOAD_CONCURRENCY, ${this.slots.limit}); nothing of yours was read: send the file again in ${BUSY_RETRY_AFTER_SECONDS} seconds`,
        { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
      );
    }
    try {
      return await this.store(actor, owner.userId, content, expectedSha256);
    } finally {
      release();
    }
  }

  private async store(actor: Actor | null, ownerId: string, body: Readable, expectedSha256: string | null): Promise<DocumentUploadEntity> {
    if (expectedSha256 !== null && !/^[0-9a-f]{64}$/.test(expectedSha256)) {
      body.resume();
      throw badInput('sha256', 'The SHA-256 announced is 64 hexadecimal digits', 'UPLOAD_DIGEST_MISMATCH');
    }
    const id = randomUUID();
    const idleSeconds = this.config.UPLOAD_IDLE_TIMEOUT_SECONDS;
    const watch = watchIdle(body, idleSeconds * 1000, () => {
      this.refused.inc({ reason: 'idle' });
      this.logger.warn(`Upload ${id} abandoned: nothing of it arrived for ${idleSeconds} s`);
      return badInput(
        'content',
        `Nothing of the upload arrived for ${idleSeconds} seconds: it was abandoned; send it again`,
        'UPLOAD_IDLE_TIMEOUT',
      );
    });
    const content = watch.stream;
    try {
      return await this.commands.run({ actor, operation: 'uploadDocument', publicData: false }, async (ctx) => {
        const stored = await this.storage.write(id, content, { maxBytes: this.config.DOCUMENT_MAX_BYTES, em: ctx.em });
        if (stored.sizeBytes === 0) throw badInput('content', 'content must not be empty', 'EMPTY_DOCUMENT');
        if (expectedSha256 !== null && expectedSha256 !== stored.sha256) {
          throw badInput(
            'sha256',
            `The content received has the SHA-256 ${stored.sha256}, not the ${expectedSha256} announced: it was damaged on the way; send it again`,
            'UPLOAD_DIGEST_MISMATCH',
          );
        }
        const upload = await ctx.em.getRepository(DocumentUploadEntity).save({
          id,
          ownerId,
          createdAt: ctx.now,
          expiresAt: new Date(ctx.now.getTime() + this.config.UPLOAD_TTL_HOURS * HOUR_MS),
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          usedBy: null,
        });
        ctx.target('Upload', id, { sizeBytes: stored.sizeBytes, sha256: stored.sha256 });
        return upload;
      });
    } catch (error) {
      // A store outside the transaction (an object store) may hold what was written before the failure.
      await this.storage.remove(id).catch(() => undefined);
      throw error;
    } finally {
      watch.stop();
    }
  }

  /**
   * The caller's upload `id`, for a filing about to take it (read before the filing's command,
   * to compare a retry with the first filing): UPLOAD_NOT_FOUND when it is not the caller's, or
   * has expired unused.
   */
  async peek(actor: Actor, id: string): Promise<DocumentUploadEntity> {
    const upload = await this.dataSource.getRepository(DocumentUploadEntity).findOneBy({ id, ownerId: actor.userId });
    if (!upload || (upload.usedBy === null && upload.expiresAt <= this.clock.now())) throw notFound('Upload', id, 'UPLOAD_NOT_FOUND');
    return upload;
  }

  /**
   * Takes the upload for the document or language version `ownerId` inside the filing's command:
   * its content moves to that id in the same transaction, and the upload is marked used, so that
   * one file is filed once (UPLOAD_ALREADY_USED for another filing; a retry with the idempotency
   * key is answered before this, with the first filing).
   */
  async take(ctx: CommandContext, uploadId: string, ownerId: string, field: string): Promise<DocumentUploadEntity> {
    const repo = ctx.em.getRepository(DocumentUploadEntity);
    const upload = await repo
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.id = :uploadId AND u.owner_id = :owner', { uploadId, owner: ctx.actor?.userId })
      .getOne();
    if (!upload || (upload.usedBy === null && upload.expiresAt <= ctx.now)) throw notFound('Upload', uploadId, 'UPLOAD_NOT_FOUND');
    if (upload.usedBy !== null) {
      throw conflict(
        `The upload ${uploadId} was filed already (as ${upload.usedBy}): upload the file again to file it again`,
        'UPLOAD_ALREADY_USED',
        {
          field,
        },
      );
    }
    await this.storage.move(ctx.em, uploadId, ownerId);
    await repo.update({ id: uploadId }, { usedBy: ownerId });
    return upload;
  }

  /**
   * Drops the uploads past their time: an unused one with its content, a used one (its content is
   * its filing's now) alone. Each content is removed before its row, so that a purge cut off is
   * finished by the next one. At most PURGE_BATCH; returns how many it dropped. The worker runs it
   * until nothing is left ({@link purgeAllExpired}); an upload does not, so that it neither waits
   * for the removal of others' contents nor takes a second connection of the pool for it.
   */
  async purgeExpired(): Promise<number> {
    const expired = await this.dataSource
      .getRepository(DocumentUploadEntity)
      .find({ where: { expiresAt: LessThanOrEqual(this.clock.now()) }, order: { expiresAt: 'ASC' }, take: PURGE_BATCH });
    if (expired.length === 0) return 0;
    for (const upload of expired) if (upload.usedBy === null) await this.storage.remove(upload.id);
    const ids = expired.map((u) => u.id);
    await this.commands.run({ actor: null, operation: 'purgeUploads', publicData: false }, async (ctx) => {
      await ctx.em.getRepository(DocumentUploadEntity).delete(ids);
      ctx.target('Upload', ids[0], { purged: ids });
    });
    return ids.length;
  }

  /** {@link purgeExpired} batch after batch until no expired upload is left; returns how many it dropped. */
  async purgeAllExpired(): Promise<number> {
    let purged = 0;
    for (let batch = await this.purgeExpired(); batch > 0; batch = await this.purgeExpired()) purged += batch;
    return purged;
  }
}
