import { Controller, Get, Param, Res } from '@nestjs/common';
import { Public } from '@app/core';
import type { FastifyReply } from 'fastify';
import { RosterService } from './roster.service';

/** CVs of the roster: published with it, so public for approved persons only. */
@Controller('roster')
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  // Public route: the roster is public (DSU 8.4). A person not (or no longer) approved answers
  // 404 like one that does not exist; errors go through the HTTP error filter.
  @Public()
  @Get(':id/cv')
  async cv(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const cv = await this.roster.cvOf(id);
    reply.code(200);
    reply.header('Content-Type', cv.mediaType);
    reply.header('Content-Length', String(cv.content.length));
    reply.header('Content-Disposition', `attachment; filename="${encodeURIComponent(cv.fileName)}"`);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Digest', `sha-256=${Buffer.from(cv.sha256, 'hex').toString('base64')}`);
    // Short: a removed person's CV must stop being served soon after the removal.
    reply.header('Cache-Control', 'public, max-age=300');
    void reply.send(cv.content); // Sent at once; nothing to wait for.
  }
}
