import { Controller, Get, Req, Res } from '@nestjs/common';
import { Public } from '@app/core';
import type { Request, Response } from 'express';
import { docketPage } from './pages/docket.page';
import { siteCss } from './site-assets';
import { SitePages } from './site-pages';

/** The public web pages (README, Public pages): HTML that needs no JavaScript, for anyone. */
@Controller()
export class SiteController {
  constructor(private readonly pages: SitePages) {}

  @Public()
  @Get('assets/site.css')
  css(@Res() res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/css; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(siteCss());
  }

  @Public()
  @Get()
  docket(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.pages.respond(req, res, docketPage());
  }
}
