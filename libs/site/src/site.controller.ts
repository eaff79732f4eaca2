import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { Clock, Public } from '@app/core';
import type { FastifyReply } from 'fastify';
import { calendarPage } from './pages/calendar.page';
import { disputePage } from './pages/dispute.page';
import { DocketParams, checkDocketParams, docketPage, memberCodeOf } from './pages/docket.page';
import { BLT_QUERY, BltData, electionPage, electionsPage } from './pages/elections.page';
import { MemberRef, isDocketNumber, isUuid } from './pages/parts';
import { reportsPage } from './pages/reports.page';
import { rosterPage } from './pages/roster.page';
import { siteCss } from './site-assets';
import { SitePages, queryOf, send, type PageRequest } from './site-pages';

const MEMBER_QUERY = `query PublicMember($code: String!) { member(code: $code) { code name } }`;

/** A cursor from the query string, as given (the API says whether it issued it). */
function afterOf(req: PageRequest): string | null {
  return queryOf(req).after ?? null;
}

/** The public web pages (README, Public pages): HTML that needs no JavaScript, for anyone. */
@Controller()
export class SiteController {
  constructor(
    private readonly pages: SitePages,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get('assets/site.css')
  css(@Res() res: FastifyReply): void {
    res.code(200);
    res.header('Content-Type', 'text/css; charset=utf-8');
    res.header('Cache-Control', 'public, max-age=3600');
    res.header('X-Content-Type-Options', 'nosniff');
    res.send(siteCss());
  }

  @Public()
  @Get()
  async docket(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    const params: DocketParams = queryOf(req);
    const code = memberCodeOf(params);
    let member: MemberRef | null = null;
    if (code) {
      const found = await this.pages.run<{ member: MemberRef }>(req, res, MEMBER_QUERY, { code });
      member = found.data?.member ?? null;
    }
    const filter = checkDocketParams(params, () => member);
    return this.pages.respond(req, res, docketPage(filter, afterOf(req)));
  }

  // The same 404 page for a number no dispute has and for anything that is not a docket number.
  @Public()
  @Get('disputes/:number')
  dispute(@Param('number') number: string, @Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    if (!isDocketNumber(number)) {
      this.pages.notFound(req, res);
      return Promise.resolve();
    }
    return this.pages.respond(req, res, disputePage(number, afterOf(req)));
  }

  @Public()
  @Get('reports')
  reports(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    return this.pages.respond(req, res, reportsPage(afterOf(req)));
  }

  @Public()
  @Get('roster')
  roster(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    return this.pages.respond(req, res, rosterPage(afterOf(req)));
  }

  @Public()
  @Get('elections')
  elections(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    return this.pages.respond(req, res, electionsPage(afterOf(req)));
  }

  @Public()
  @Get('elections/:id')
  election(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    if (!isUuid(id)) {
      this.pages.notFound(req, res);
      return Promise.resolve();
    }
    return this.pages.respond(req, res, electionPage(id));
  }

  /** The anonymised ballots of a published election as a BLT file: the 404 page when there is none to publish. */
  @Public()
  @Get('elections/:id/ballots.blt')
  async ballots(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    const result = isUuid(id) ? await this.pages.run<BltData>(req, res, BLT_QUERY, { id }) : null;
    const blt = result?.data?.election?.blt;
    if (!blt) return this.pages.notFound(req, res);
    res.header('Content-Disposition', `attachment; filename="election-${id}.blt"`);
    send(req, res, 200, 'text/plain; charset=utf-8', blt, 'en');
  }

  @Public()
  @Get('calendar')
  calendar(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    return this.pages.respond(req, res, calendarPage(this.clock.now(), afterOf(req)));
  }
}
