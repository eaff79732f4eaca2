import { Controller, Get, Param, Res } from '@nestjs/common';
import { Public } from '@app/core';
import type { Response } from 'express';
import { RosterService } from './roster.service';

/** CVs of the roster: published with it, so public for approved persons only. */
@Controller('roster')
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  // Public route: the roster is public (DSU 8.4). A person not (or no longer) approved answers
  // 404 like one that does not exist; errors go through the HTTP error filter.
  @Public()
  @Get(':id/cv')
  async cv(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const cv = await this.roster.cvOf(id);
    res.status(200);
    res.setHeader('Content-Type', cv.mediaType);
    res.setHeader('Content-Length', String(cv.content.length));
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(cv.fileName)}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Digest', `sha-256=${Buffer.from(cv.sha256, 'hex').toString('base64')}`);
    // Short: a removed person's CV must stop being served soon after the removal.
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.end(cv.content);
  }
}
