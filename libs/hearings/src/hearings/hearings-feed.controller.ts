import { Controller, Get, Req, Res } from '@nestjs/common';
import { Clock, Public, ReadReplicas } from '@app/core';
import { FEED_AUTHOR, buildAtom, feedBase, sendAtom, type AtomEntry } from '@app/notices';
import { DisputesService, docketNumber } from '@app/registry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, In } from 'typeorm';
import { HUMAN_KIND } from './bookings.service';
import { HearingRoomEntity } from './hearing.entity';
import { HearingsQueryService } from './hearings-query.service';

/** Hearings in the feed: the 100 that start latest (the coming ones first, then the recent). */
export const HEARINGS_FEED_ENTRIES = 100;
/** The feed's own id, fixed (RFC 4287 §4.2.6). */
export const HEARINGS_FEED_ID = '6d0e3f55-1f0b-4d7e-8f5c-2b0c9a4e7a12';

/**
 * The public hearings as an Atom feed (RFC 4287), built with @app/notices's builder: the hearings
 * open to public observation only, the same ones as the public calendar
 * (libs/hearings/src/ical/ical-feed.service.ts), with where they are held but never the
 * session link, which is for the participants. Read as the public reads, from a read replica
 * that holds the current version when there is one (README, "Running on several machines").
 */
@Controller('feeds')
export class HearingsFeedController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly query: HearingsQueryService,
    private readonly disputes: DisputesService,
    private readonly clock: Clock,
    private readonly replicas: ReadReplicas,
  ) {}

  @Public()
  @Get('hearings.atom')
  async hearings(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    sendAtom(res, await this.replicas.anonymous(req, () => this.feed(req)));
  }

  private async feed(req: FastifyRequest): Promise<string> {
    const base = feedBase(req);
    const hearings = (await this.query.publicHearings())
      .filter((h) => h.publicObservation)
      .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())
      .slice(0, HEARINGS_FEED_ENTRIES);
    const disputes = await this.disputes.byIds(this.dataSource.manager, [...new Set(hearings.map((h) => h.disputeId))]);
    const roomIds = [...new Set(hearings.map((h) => h.roomId).filter((id): id is string => !!id))];
    const rooms = roomIds.length ? await this.dataSource.getRepository(HearingRoomEntity).findBy({ id: In(roomIds) }) : [];
    const entries: AtomEntry[] = hearings.map((h) => {
      const dispute = disputes.find((d) => d.id === h.disputeId);
      const name = dispute ? docketNumber(dispute) : 'DS?';
      const room = rooms.find((r) => r.id === h.roomId);
      const cancelled = h.status === 'CANCELLED';
      return {
        id: h.id,
        title: `${name}: ${HUMAN_KIND[h.kind]}${cancelled ? ' (cancelled)' : ''}, ${h.startsAt.toISOString()}`,
        updated: h.updatedAt,
        link: `${base}/feeds/disputes/${name}.atom`,
        categories: [h.kind, h.status],
        content: [
          `${HUMAN_KIND[h.kind]} in ${name}${dispute ? ` (${dispute.title})` : ''}${cancelled ? ', cancelled' : ''}.`,
          `From ${h.startsAt.toISOString()} to ${h.endsAt.toISOString()} (UTC), shown in ${h.timeZone}.`,
          ...(room ? [`Where: ${[room.name, room.location].filter(Boolean).join(', ')}.`] : []),
          ...(h.reason ? [h.reason] : []),
        ].join('\n'),
      };
    });
    const updated = entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null);
    return buildAtom({
      id: HEARINGS_FEED_ID,
      title: 'Public hearings of the Dispute Settlement Body',
      subtitle: 'Hearings open to public observation: the coming ones and the recent',
      updated: updated ?? this.clock.now(),
      author: FEED_AUTHOR,
      self: `${base}/feeds/hearings.atom`,
      entries,
    });
  }
}
