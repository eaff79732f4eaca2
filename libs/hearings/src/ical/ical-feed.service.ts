import { Injectable } from '@nestjs/common';
import { Actor, Clock, CommandRunner, notFound, requireActor, UsersService } from '@app/core';
import { DisputesService, docketNumber } from '@app/registry';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { HUMAN_KIND } from '../hearings/bookings.service';
import { HearingEntity, HearingRoomEntity } from '../hearings/hearing.entity';
import { HearingsQueryService } from '../hearings/hearings-query.service';
import { IcalFeedTokenEntity } from './ical-feed-token.entity';
import { CalendarEvent, buildCalendar } from './ical';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** iCalendar feeds: one per user at a secret address, and one of the public hearings. */
@Injectable()
export class IcalFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly clock: Clock,
    private readonly query: HearingsQueryService,
    private readonly disputes: DisputesService,
    private readonly users: UsersService,
  ) {}

  /**
   * A new secret address for the user's feed; the previous one stops working. Only the SHA-256
   * of the token is stored, so the address is shown once, here.
   */
  rotate(actor: Actor | null): Promise<string> {
    const user = requireActor(actor);
    return this.commands.run({ actor, operation: 'calendarFeedUrl' }, async (ctx) => {
      const token = randomBytes(32).toString('base64url');
      await ctx.em
        .getRepository(IcalFeedTokenEntity)
        .upsert({ userId: user.userId, tokenHash: sha256(token), createdAt: ctx.now }, ['userId']);
      ctx.target('User', user.userId);
      return `/calendar/${token}.ics`;
    });
  }

  async userFeed(token: string): Promise<string> {
    const row = TOKEN.test(token) ? await this.dataSource.getRepository(IcalFeedTokenEntity).findOneBy({ tokenHash: sha256(token) }) : null;
    const user = row ? ((await this.users.byIds(this.dataSource.manager, [row.userId], { active: true }))[0] ?? null) : null;
    if (!user) throw notFound('Calendar', 'feed', 'CALENDAR_NOT_FOUND');
    return this.render(`Hearings: ${user.displayName}`, await this.query.forUser(user), true);
  }

  async publicFeed(): Promise<string> {
    return this.render('Public hearings', await this.query.publicHearings(), false);
  }

  private async render(name: string, hearings: readonly HearingEntity[], withLinks: boolean): Promise<string> {
    const disputeIds = [...new Set(hearings.map((h) => h.disputeId))];
    const roomIds = [...new Set(hearings.map((h) => h.roomId).filter((id): id is string => !!id))];
    const disputes = await this.disputes.byIds(this.dataSource.manager, disputeIds);
    const rooms = roomIds.length ? await this.dataSource.getRepository(HearingRoomEntity).findBy({ id: In(roomIds) }) : [];
    const events: CalendarEvent[] = hearings.map((h) => {
      const dispute = disputes.find((d) => d.id === h.disputeId);
      const room = rooms.find((r) => r.id === h.roomId);
      // The public sees where, not the session link: it is for the participants.
      const link = withLinks ? h.virtualLink : null;
      const location = [room ? [room.name, room.location].filter(Boolean).join(', ') : null, link].filter(Boolean).join(' / ') || null;
      return {
        // A stable UID and a rising SEQUENCE: a client updates the event in place (RFC 5545 §3.8.4.7, §3.8.7.4).
        uid: `${h.id}@dispute-body`,
        sequence: h.sequence,
        status: h.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
        start: h.startsAt,
        end: h.endsAt,
        summary: `${dispute ? `${docketNumber(dispute)} ` : ''}${HUMAN_KIND[h.kind]}${h.status === 'CANCELLED' ? ' (cancelled)' : ''}`,
        location,
        description: `${dispute?.title ?? ''}\nShown in ${h.timeZone}.${h.reason ? `\n${h.reason}` : ''}`,
        url: link,
        lastModified: h.updatedAt,
      };
    });
    return buildCalendar(name, events, this.clock.now());
  }
}
