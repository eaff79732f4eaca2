import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { Clock, Public, isLocalDate } from '@app/core';
import { defaultPeriod, periodProblem } from '@app/registry';
import type { FastifyReply } from 'fastify';
import { html } from './html';
import { href, layout } from './layout';
import { memberPage } from './pages/member.page';
import { membersPage } from './pages/members.page';
import { PERIODIC_REPORT_QUERY, PeriodicReportData, periodicReportPage } from './pages/periodic-report.page';
import { statisticsPage } from './pages/statistics.page';
import { pdfLanguage, periodicReportPdf } from './pdf/periodic-report.pdf';
import { SitePages, send, type PageRequest } from './site-pages';

/** A member's code as the registry writes them (ISO 3166-1 alpha-3, or a short code of the body's own). */
const MEMBER_CODE = /^[A-Za-z]{2,8}$/;

/**
 * The body's public account of its work (README, Public pages): the statistics as charts, each
 * member's record, and the periodic report as a page and a PDF. Every figure comes from the public
 * GraphQL queries, run as an anonymous reader (SitePages).
 */
@Controller()
export class ReputationController {
  constructor(
    private readonly pages: SitePages,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get('statistics')
  statistics(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    return this.pages.respond(req, res, statisticsPage());
  }

  @Public()
  @Get('members')
  members(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    const after = typeof req.query.after === 'string' && req.query.after.length <= 200 ? req.query.after : null;
    return this.pages.respond(req, res, membersPage(after));
  }

  @Public()
  @Get('members/:code')
  async member(@Param('code') code: string, @Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    if (!MEMBER_CODE.test(code)) return this.pages.notFound(req, res);
    return this.pages.respond(req, res, memberPage(code.toUpperCase()));
  }

  @Public()
  @Get('periodic-report')
  async periodicReport(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    const period = this.period(req);
    if ('problem' in period) return this.badPeriod(req, res, period.problem);
    return this.pages.respond(req, res, periodicReportPage(period.from, period.to));
  }

  @Public()
  @Get('periodic-report.pdf')
  async periodicReportPdf(@Req() req: PageRequest, @Res() res: FastifyReply): Promise<void> {
    const period = this.period(req);
    if ('problem' in period) return this.badPeriod(req, res, period.problem);
    const { language } = this.pages.language(req);
    // The titles in the language the PDF is written in (English only on an install without any font it can read).
    const titles = pdfLanguage(language).language;
    const result = await this.pages.run<PeriodicReportData>(req, res, PERIODIC_REPORT_QUERY, { ...period, language: titles }, language);
    if (result.errors?.length || !result.data)
      throw new Error(`The periodic report's query failed: ${result.errors?.map((e) => e.message).join('; ')}`);
    const pdf = await periodicReportPdf(result.data, language);
    res.code(200);
    res.header('Content-Type', 'application/pdf');
    res.header('Content-Disposition', `inline; filename="periodic-report-${period.from}-${period.to}.pdf"`);
    res.header('Content-Language', language === 'zh' ? 'zh-Hans' : language);
    res.header('Cache-Control', 'public, max-age=0, must-revalidate');
    res.header('Vary', 'Accept-Language');
    res.header('X-Content-Type-Options', 'nosniff');
    res.send(pdf);
  }

  /** The period asked for (`?from=&to=`, days of the body), the current year by default; or why it is not one. */
  private period(req: PageRequest): { from: string; to: string } | { problem: string } {
    const fallback = defaultPeriod(this.clock.now());
    const param = (name: 'from' | 'to') =>
      typeof req.query[name] === 'string' && req.query[name] !== '' ? String(req.query[name]).slice(0, 40) : fallback[name];
    const from = param('from');
    const to = param('to');
    for (const day of [from, to]) if (!isLocalDate(day)) return { problem: `"${day}" is not a day written YYYY-MM-DD` };
    const problem = periodProblem(from, to);
    return problem ? { problem } : { from, to };
  }

  /** A period that is not one: 400, as a page that says how to write one (or as JSON with the API's code). */
  private badPeriod(req: PageRequest, res: FastifyReply, problem: string): void {
    const frame = this.pages.frame(req);
    if (req.query?.format === 'json') {
      const body = JSON.stringify(
        { errors: [{ message: problem, extensions: { code: 'BAD_USER_INPUT', domainCode: 'PERIOD_INVALID' } }] },
        null,
        2,
      );
      return send(req, res, 400, 'application/json; charset=utf-8', body, frame.language);
    }
    const { t } = frame;
    const body = html`<p role="alert">${t('reputation.report.invalid')}</p>
      <p class="muted" lang="en">${problem}</p>
      <p><a href="${href(frame.language, '/periodic-report')}">${t('reputation.report.current')}</a></p>`;
    send(
      req,
      res,
      400,
      'text/html; charset=utf-8',
      layout(frame, { title: t('reputation.report.invalidTitle'), body }).value,
      frame.language,
    );
  }
}
