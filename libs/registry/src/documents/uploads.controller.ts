import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { Actor, CurrentUser, badInput } from '@app/core';
import type { FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { UploadsService } from './uploads.service';

/** The bodies the application's parsers read whole (JSON, a form): never a file streamed here. */
const PARSED_MEDIA_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

/**
 * POST /uploads: the request's body is the file itself (any Content-Type but JSON or a form),
 * streamed into the document storage, never held whole. Signed in like the API (a bearer token).
 * `X-Content-SHA256` (hex), when sent, is checked against what arrived: the filing records the
 * hash of exactly the bytes the client had. The answer names the upload for a filing (`uploadId`).
 * Bounded by the service (UPLOAD_CONCURRENCY at once, UPLOAD_IDLE_TIMEOUT_SECONDS of silence): a
 * refusal before the body is read closes the connection after the answer (HttpErrorFilter).
 * Fastify leaves any other body unread (the bootstrap's catch-all content-type parser): the
 * service reads node's request (`req.raw`) itself.
 */
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @HttpCode(201)
  async upload(@CurrentUser() actor: Actor | null, @Req() req: FastifyRequest) {
    // A JSON or form body was read whole by the content-type parsers before it got here.
    if (isParsedBody(req.headers) || req.raw.readableEnded) {
      throw badInput(
        'content',
        'Send the file itself as the body, with a Content-Type such as application/octet-stream (not JSON nor a form)',
        'UPLOAD_CONTENT_TYPE',
      );
    }
    const announced = req.headers['x-content-sha256'];
    const upload = await this.uploads.receive(actor, req.raw, typeof announced === 'string' ? announced.trim().toLowerCase() : null);
    return { uploadId: upload.id, sizeBytes: upload.sizeBytes, sha256: upload.sha256, expiresAt: upload.expiresAt.toISOString() };
  }
}

/**
 * Whether the request has a body (a length, even 0, or a transfer coding) of a media type the
 * parsers read whole, parameters (`; charset=…`) and case aside: what Express's
 * `req.is(['application/json', 'application/x-www-form-urlencoded'])` answered before.
 */
function isParsedBody(headers: IncomingHttpHeaders): boolean {
  const hasBody = headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(headers['content-length']));
  const mediaType = (headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
  return hasBody && PARSED_MEDIA_TYPES.has(mediaType);
}
