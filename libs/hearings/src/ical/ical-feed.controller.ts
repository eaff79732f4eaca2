import { Controller, Get, Param, Res } from '@nestjs/common';
import { Public, notFound } from '@app/core';
import type { Response } from 'express';
import { IcalFeedService } from './ical-feed.service';

/** iCalendar feeds for calendar clients, which cannot send a bearer token. */
@Controller('calendar')
export class IcalFeedController {
  constructor(private readonly feeds: IcalFeedService) {}

  // Public route: `public.ics` lists public hearings; any other `<token>.ics` is a user's feed,
  // and the unguessable token (256 bits, only its hash stored) is the credential.
  @Public()
  @Get(':file')
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    if (!file.endsWith('.ics')) throw notFound('Calendar', file, 'CALENDAR_NOT_FOUND');
    const name = file.slice(0, -'.ics'.length);
    const body = name === 'public' ? await this.feeds.publicFeed() : await this.feeds.userFeed(name);
    res.status(200);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Cache-Control', name === 'public' ? 'public, max-age=300' : 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(body);
  }
}
