import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import { Actor, CurrentUser, Public } from '@app/core';
import { languageTag } from '@app/i18n';
import type { FastifyReply } from 'fastify';
import { parseOptionalLanguage } from '../languages/language';
import { parseByteRange } from './byte-range';
import { DocumentVersionsService } from './document-versions.service';

/**
 * Downloads: the same access policy as the GraphQL paths, content streamed from storage, whole or
 * one range of bytes (`Range`, answered 206; 416 past the end), with the SHA-256 as the ETag.
 */
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
    @Headers('range') rangeHeader: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // A repeated ?lang= arrives as a list: it names no one language, so it is refused as unknown.
    const language = parseOptionalLanguage(lang === undefined ? null : String(lang), 'lang');
    const { document, file, read } = await this.versions.open(actor, id, language);
    // The hash names the content: an ETag no other content has, the same in every process.
    const etag = `"sha256-${file.sha256}"`;
    // On the reply until the content is open: the short answers below carry them, and so does an
    // error answered by the exception filter (the store failing to open the content).
    reply.header('ETag', etag);
    reply.header('Accept-Ranges', 'bytes');
    reply.header('Cache-Control', document.classification === 'PUBLIC' ? 'public, max-age=300' : 'private, no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      void reply.code(304).send(); // Sent at once; nothing to wait for.
      return;
    }
    // A range is served only of the content the client holds part of (If-Range names it).
    const range = ifRange === undefined || ifRange === etag ? parseByteRange(rangeHeader, file.sizeBytes) : null;
    if (range === 'unsatisfiable') {
      void reply.code(416).header('Content-Range', `bytes */${file.sizeBytes}`).send(); // Sent at once; nothing to wait for.
      return;
    }
    const content = await read(range ?? undefined);
    // The content streams to node's response itself (Fastify sends nothing more for a hijacked
    // reply, nor writes the headers set on it so far: they are carried over here, those of the
    // request's hooks included). Only once the content is open: an error before this point is
    // still answered by the exception filter.
    reply.hijack();
    const res = reply.raw;
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Language', languageTag(file.language));
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`);
    if (range) {
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.sizeBytes}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.statusCode = 200;
      res.setHeader('Content-Length', String(file.sizeBytes));
      // The digest of the whole content (RFC 3230); a range's bytes are checked against it once joined.
      res.setHeader('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
    }
    // A client gone half-way stops the reading of the store; a store failing half-way cuts the response.
    await pipeline(content, res).catch(() => res.destroy());
  }
}
