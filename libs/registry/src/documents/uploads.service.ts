import { Injectable } from '@nestjs/common';
import { Actor, AppConfig, Clock, CommandContext, CommandRunner, badInput, conflict, notFound, requireActor } from '@app/core';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { DocumentStorage } from './document-storage';
import { DocumentUploadEntity } from './document-upload.entity';

const HOUR_MS = 60 * 60 * 1000;
/** How many expired uploads one purge takes at most: a purge runs before an upload, so it stays short. */
const PURGE_BATCH = 20;

/**
 * Files streamed outside the GraphQL request (POST /uploads), for a filing to take by their id:
 * a document of any size costs the API a chunk of memory, never the whole file. An upload is
 * its uploader's alone; it is kept until a filing takes it or it expires (UPLOAD_TTL_HOURS).
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly storage: DocumentStorage,
  ) {}

  /**
   * Stores `content` as a new upload of the caller's, hashed and measured as it streams, within
   * DOCUMENT_MAX_BYTES. One transaction: a request cut off, too large, empty or whose content is
   * not the SHA-256 the client announced (`expectedSha256`) leaves nothing, in the database or
   * in the object store. Audited (who uploaded what); nothing public changes.
   */
  async receive(actor: Actor | null, content: Readable, expectedSha256: string | null): Promise<DocumentUploadEntity> {
    const owner = requireActor(actor);
    if (expectedSha256 !== null && !/^[0-9a-f]{64}$/.test(expectedSha256)) {
      content.resume();
      throw badInput('sha256', 'The SHA-256 announced is 64 hexadecimal digits', 'UPLOAD_DIGEST_MISMATCH');
    }
    await this.purgeExpired();
    const id = randomUUID();
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
          ownerId: owner.userId,
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
   * finished by the next one. Runs before each upload; returns how many it dropped.
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
}
