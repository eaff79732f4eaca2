import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';

/** Probes for a load balancer or an orchestrator. */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** The process is up. */
  @Public()
  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  /** The process can serve: the database answers. */
  @Public()
  @Get('ready')
  async ready(@Res() reply: FastifyReply) {
    try {
      await this.dataSource.query('SELECT 1');
      void reply.code(200).send({ status: 'ok', database: 'up' }); // Sent at once; nothing to wait for.
    } catch {
      void reply.code(503).send({ status: 'unavailable', database: 'down' });
    }
  }
}
