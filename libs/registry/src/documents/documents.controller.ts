import { Controller, Get, Param, Res } from '@nestjs/common';
import { Actor, CurrentUser, Public } from '@app/core';
import type { Response } from 'express';
import { DocumentsService } from './documents.service';

/** Downloads: the same access policy as the GraphQL paths, content streamed from storage. */
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  // Public route: anyone may fetch a public document; the policy decides for the rest, and a
  // document the caller may not see answers 404 like one that does not exist.
  @Public()
  @Get(':id/content')
  async download(@Param('id') id: string, @CurrentUser() actor: Actor | null, @Res() res: Response): Promise<void> {
    const { document, content } = await this.documents.open(actor, id);
    res.status(200);
    res.setHeader('Content-Type', document.mediaType);
    res.setHeader('Content-Length', String(document.sizeBytes));
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(document.fileName)}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
    res.setHeader('Cache-Control', document.classification === 'PUBLIC' ? 'public, max-age=300' : 'private, no-store');
    content.pipe(res);
  }
}
