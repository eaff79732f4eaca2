import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { Actor, CurrentUser, badInput } from '@app/core';
import type { Request } from 'express';
import { UploadsService } from './uploads.service';

/**
 * POST /uploads: the request's body is the file itself (any Content-Type but JSON or a form),
 * streamed into the document storage, never held whole. Signed in like the API (a bearer token).
 * `X-Content-SHA256` (hex), when sent, is checked against what arrived: the filing records the
 * hash of exactly the bytes the client had. The answer names the upload for a filing (`uploadId`).
 * Bounded by the service (UPLOAD_CONCURRENCY at once, UPLOAD_IDLE_TIMEOUT_SECONDS of silence): a
 * refusal before the body is read closes the connection after the answer (HttpErrorFilter).
 */
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @HttpCode(201)
  async upload(@CurrentUser() actor: Actor | null, @Req() req: Request) {
    // A JSON or form body was read whole by the body parsers before it got here.
    if (req.is(['application/json', 'application/x-www-form-urlencoded']) || req.readableEnded) {
      throw badInput(
        'content',
        'Send the file itself as the body, with a Content-Type such as application/octet-stream (not JSON nor a form)',
        'UPLOAD_CONTENT_TYPE',
      );
    }
    const announced = req.headers['x-content-sha256'];
    const upload = await this.uploads.receive(actor, req, typeof announced === 'string' ? announced.trim().toLowerCase() : null);
    return { uploadId: upload.id, sizeBytes: upload.sizeBytes, sha256: upload.sha256, expiresAt: upload.expiresAt.toISOString() };
  }
}
