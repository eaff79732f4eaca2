import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Actor, CurrentUser, Public } from '@app/core';
import { languageTag } from '@app/i18n';
import type { Response } from 'express';
import { parseOptionalLanguage } from '../languages/language';
import { DocumentVersionsService } from './document-versions.service';

/** Downloads: the same access policy as the GraphQL paths, content streamed from storage. */
@Controller('documents')
export class DocumentsController {
  constructor(private readonly versions: DocumentVersionsService) {}

  // Public route: anyone may fetch a public document; the policy decides for the rest, and a
  // document the caller may not see answers 404 like one that does not exist.
  @Public()
  // `?lang=` picks a language version (the document's own file when it is the filing language or
  // absent); the version of a document is seen by exactly those who see the document.
  @Get(':id/content')
  async download(
    @Param('id') id: string,
    @Query('lang') lang: unknown,
    @CurrentUser() actor: Actor | null,
    @Res() res: Response,
  ): Promise<void> {
    // A repeated ?lang= arrives as a list: it names no one language, so it is refused as unknown.
    const language = parseOptionalLanguage(lang === undefined ? null : String(lang), 'lang');
    const { document, file, content } = await this.versions.open(actor, id, language);
    res.status(200);
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Length', String(file.sizeBytes));
    res.setHeader('Content-Language', languageTag(file.language));
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
    res.setHeader('Cache-Control', document.classification === 'PUBLIC' ? 'public, max-age=300' : 'private, no-store');
    content.pipe(res);
  }
}
