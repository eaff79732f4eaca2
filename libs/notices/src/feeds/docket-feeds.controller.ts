import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { Public, ReadReplicas, notFound } from '@app/core';
import { negotiateLanguage, type Language } from '@app/i18n';
import type { Request, Response } from 'express';
import { ATOM_CONTENT_TYPE, feedBase } from './atom';
import { DocketFeedsService } from './docket-feeds.service';

/** Sends a public feed: Atom, cacheable for a minute by anyone (it holds only public facts). */
export function sendAtom(res: Response, body: string): void {
  res.status(200);
  res.setHeader('Content-Type', ATOM_CONTENT_TYPE);
  res.setHeader('Cache-Control', 'public, max-age=60');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(body);
}

/**
 * The language of a feed's entries: `?lang=` only, English without it. Not the browser's
 * Accept-Language: a feed is cached publicly by its address, and each language has its own.
 */
function feedLanguage(req: Request): Language {
  return negotiateLanguage({ query: typeof req.query.lang === 'string' ? req.query.lang : null }).language;
}

/**
 * The public Atom feeds of the docket (RFC 4287), for feed readers, which send no token: read as
 * the public reads, from a read replica that holds the current version when there is one (README,
 * "Running on several machines").
 */
@Controller('feeds')
export class DocketFeedsController {
  constructor(
    private readonly feeds: DocketFeedsService,
    private readonly replicas: ReadReplicas,
  ) {}

  @Public()
  @Get('docket.atom')
  async docket(@Req() req: Request, @Res() res: Response): Promise<void> {
    sendAtom(res, await this.replicas.anonymous(req, () => this.feeds.allDisputes(feedBase(req), feedLanguage(req))));
  }

  @Public()
  @Get('disputes/:file')
  async dispute(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!file.endsWith('.atom')) throw notFound('Feed', file, 'FEED_NOT_FOUND');
    const number = file.slice(0, -'.atom'.length);
    sendAtom(res, await this.replicas.anonymous(req, () => this.feeds.oneDispute(feedBase(req), number, feedLanguage(req))));
  }
}
