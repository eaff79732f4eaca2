import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { Public, ReadReplicas, notFound } from '@app/core';
import { negotiateLanguage, type Language } from '@app/i18n';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATOM_CONTENT_TYPE, feedBase } from './atom';
import { DocketFeedsService } from './docket-feeds.service';

/** Sends a public feed: Atom, cacheable for a minute by anyone (it holds only public facts). */
export function sendAtom(res: FastifyReply, body: string): void {
  res.code(200);
  res.header('Content-Type', ATOM_CONTENT_TYPE);
  res.header('Cache-Control', 'public, max-age=60');
  res.header('X-Content-Type-Options', 'nosniff');
  res.send(body);
}

/** A feed's request: its query string as Fastify parses it (a repeated name gives an array). */
type FeedRequest = FastifyRequest<{ Querystring: Record<string, string | string[] | undefined> }>;

/**
 * The language of a feed's entries: `?lang=` only, English without it. Not the browser's
 * Accept-Language: a feed is cached publicly by its address, and each language has its own.
 */
function feedLanguage(req: FeedRequest): Language {
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
  async docket(@Req() req: FeedRequest, @Res() res: FastifyReply): Promise<void> {
    sendAtom(res, await this.replicas.anonymous(req, () => this.feeds.allDisputes(feedBase(req), feedLanguage(req))));
  }

  @Public()
  @Get('disputes/:file')
  async dispute(@Param('file') file: string, @Req() req: FeedRequest, @Res() res: FastifyReply): Promise<void> {
    if (!file.endsWith('.atom')) throw notFound('Feed', file, 'FEED_NOT_FOUND');
    const number = file.slice(0, -'.atom'.length);
    sendAtom(res, await this.replicas.anonymous(req, () => this.feeds.oneDispute(feedBase(req), number, feedLanguage(req))));
  }
}
