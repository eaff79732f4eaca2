import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { Public, ReadReplicas, notFound } from '@app/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IcalFeedService } from './ical-feed.service';

/** iCalendar feeds for calendar clients, which cannot send a bearer token. */
@Controller('calendar')
export class IcalFeedController {
  constructor(
    private readonly feeds: IcalFeedService,
    private readonly replicas: ReadReplicas,
  ) {}

  // Public route: `public.ics` lists public hearings; any other `<token>.ics` is a user's feed,
  // and the unguessable token (256 bits, only its hash stored) is the credential.
  @Public()
  @Get(':file')
  async feed(@Param('file') file: string, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    if (!file.endsWith('.ics')) throw notFound('Calendar', file, 'CALENDAR_NOT_FOUND');
    const name = file.slice(0, -'.ics'.length);
    // The public calendar is read as the public reads, from a read replica when one holds the
    // current version (README, "Running on several machines"); a user's, whose address is a
    // credential, on the primary, as every signed-in read.
    const body = name === 'public' ? await this.replicas.anonymous(req, () => this.feeds.publicFeed()) : await this.feeds.userFeed(name);
    res.code(200);
    res.header('Content-Type', 'text/calendar; charset=utf-8');
    res.header('Cache-Control', name === 'public' ? 'public, max-age=300' : 'private, no-store');
    res.header('X-Content-Type-Options', 'nosniff');
    res.send(body);
  }
}
