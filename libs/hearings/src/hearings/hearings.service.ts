import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Language } from '@app/i18n';
import { Actor, CommandContext, CommandRunner, DomainError, badInput, forbidden, notFound, requireRole } from '@app/core';
import { STAGE_LABELS } from '@app/procedure';
import { DocketNoticesService, NoticePreferencesService, NoticesService, datePlaceholder, noticeText } from '@app/notices';
import {
  ClosedDaysService,
  DisputeEntity,
  DisputesService,
  DocketEntryEntity,
  DocketService,
  StageChange,
  StageObservers,
  docketNumber,
  type DocketMessage,
  type DocketParams,
} from '@app/registry';
import { isUUID } from 'class-validator';
import { EntityManager, MoreThan } from 'typeorm';
import { CancelHearingInput, RescheduleHearingInput, ScheduleHearingInput } from '../dto/hearing.input';
import { formatLocal, isTimeZone, localDatesSpanned } from '../time';
import { BookingsService, HUMAN_KIND, hearingTime } from './bookings.service';
import { HearingEntity, HearingParticipantEntity, HearingRoomEntity } from './hearing.entity';

// Hearings belong to a composed panel (DSU 8.6, 12): from composition until the report is out.
// The panel sits from composition to its report, and again as the compliance panel (DSU 21.5).
export const HEARING_STAGES = ['PANEL_COMPOSED', 'PANEL_PROCEEDINGS', 'INTERIM_REVIEW', 'COMPLIANCE_REVIEW'];
// The docket entries the hearings serve themselves, on the hearing's participants, with its times.
const HEARING_ENTRY_KINDS = ['scheduleHearing', 'rescheduleHearing', 'cancelHearing'];
type HearingEvent = 'SCHEDULED' | 'RESCHEDULED' | 'CANCELLED';
const NOTICE_KIND: Record<HearingEvent, string> = {
  SCHEDULED: 'hearingScheduled',
  RESCHEDULED: 'hearingRescheduled',
  CANCELLED: 'hearingCancelled',
};
// A panel meeting is a matter of hours or days; anything longer is a typing error.
const MAX_DURATION_MS = 7 * 86_400_000;

interface Venue {
  roomId: string | null;
  virtualLink: string | null;
}

/** Scheduling, rescheduling and cancelling hearings: one command each, docketed, with notices. */
@Injectable()
export class HearingsService implements OnModuleInit {
  constructor(
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly closedDays: ClosedDaysService,
    private readonly bookings: BookingsService,
    private readonly notices: NoticesService,
    private readonly docketNotices: DocketNoticesService,
    private readonly stageObservers: StageObservers,
    private readonly preferences: NoticePreferencesService,
  ) {}

  onModuleInit(): void {
    this.stageObservers.register((ctx, change) => this.cancelAhead(ctx, change));
    // A hearing's notice goes to those who take part in it, with its times: the docket's own
    // notices would serve the same step again on some of them (and on third parties not invited).
    this.docketNotices.leaveToModule(HEARING_ENTRY_KINDS);
  }

  schedule(actor: Actor | null, input: ScheduleHearingInput): Promise<HearingEntity> {
    requireRole(actor, 'SECRETARIAT', 'PANELIST');
    return this.commands.run({ actor, operation: 'scheduleHearing' }, async (ctx) => {
      validateTimes(input.startsAt, input.endsAt, input.timeZone, ctx.now);
      const venue = await validateVenue(ctx.em, input.roomId ?? null, input.virtualLink ?? null);
      // The closed days before the dispute, the order every command takes these locks in.
      const closed = await this.closedDays.forCommand(ctx);
      const dispute = await this.disputes.lockForUpdate(ctx, input.disputeId, true);
      const role = await this.authorise(ctx, dispute);
      this.assertComposed(dispute);
      this.assertOpenDays(input.startsAt, input.endsAt, input.timeZone, closed.dates ?? []);
      const participants = await this.bookings.participantsFor(ctx.em, dispute.id, input.kind, input.staffUserIds);
      const hearing = await ctx.em.getRepository(HearingEntity).save(
        ctx.em.create(HearingEntity, {
          disputeId: dispute.id,
          kind: input.kind,
          status: 'SCHEDULED',
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          timeZone: input.timeZone,
          ...venue,
          publicObservation: false,
          sequence: 0,
          reason: null,
          setAt: ctx.now,
          scheduledById: ctx.actor!.userId,
        }),
      );
      await this.bookings.saveParticipants(ctx.em, hearing.id, participants);
      await this.bookings.hold(
        ctx,
        { hearingId: hearing.id },
        this.bookings.resourcesOf(participants, venue.roomId),
        input.startsAt,
        input.endsAt,
      );
      const entry = await this.docket.append(ctx, {
        disputeId: dispute.id,
        actorRole: role,
        kind: 'scheduleHearing',
        message: 'docket.scheduleHearing',
        params: { hearingKind: hearing.kind, ...whenParams(hearing), ...(await venueParams(ctx.em, hearing)) },
      });
      await this.announce(ctx, hearing, dispute, 'SCHEDULED', entry);
      ctx.target('Hearing', hearing.id, { disputeId: dispute.id, kind: hearing.kind, startsAt: hearing.startsAt, endsAt: hearing.endsAt });
      return hearing;
    });
  }

  reschedule(actor: Actor | null, input: RescheduleHearingInput): Promise<HearingEntity> {
    requireRole(actor, 'SECRETARIAT', 'PANELIST');
    return this.commands.run({ actor, operation: 'rescheduleHearing' }, async (ctx) => {
      const { hearing, dispute, role, closed } = await this.lockHearing(ctx, input.hearingId);
      assertNotBegun(hearing, ctx.now, 'moved');
      // Like a new hearing: only while the panel sits (a report out, a settlement or a withdrawal
      // leaves a future hearing to be cancelled, not moved).
      this.assertComposed(dispute);
      const timeZone = input.timeZone ?? hearing.timeZone;
      validateTimes(input.startsAt, input.endsAt, timeZone, ctx.now);
      const keepVenue = input.roomId == null && input.virtualLink == null;
      const venue = keepVenue
        ? { roomId: hearing.roomId, virtualLink: hearing.virtualLink }
        : await validateVenue(ctx.em, input.roomId ?? null, input.virtualLink ?? null);
      this.assertOpenDays(input.startsAt, input.endsAt, timeZone, closed);
      const before = whenParams(hearing, 'former');
      // The hearing's own bookings give way first, so a move within its own slot is no clash.
      await this.bookings.release(ctx, hearing.id);
      const participants = await ctx.em.getRepository(HearingParticipantEntity).findBy({ hearingId: hearing.id });
      await this.bookings.hold(
        ctx,
        { hearingId: hearing.id },
        this.bookings.resourcesOf(participants, venue.roomId),
        input.startsAt,
        input.endsAt,
      );
      Object.assign(hearing, {
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        timeZone,
        ...venue,
        sequence: hearing.sequence + 1,
        reason: input.reason,
        setAt: ctx.now,
      });
      const saved = await ctx.em.getRepository(HearingEntity).save(hearing);
      const entry = await this.docket.append(ctx, {
        disputeId: dispute.id,
        actorRole: role,
        kind: 'rescheduleHearing',
        // The reason in the words of whoever moved it: not translated.
        message: 'docket.rescheduleHearing',
        params: { hearingKind: saved.kind, ...before, ...whenParams(saved), ...(await venueParams(ctx.em, saved)), reason: input.reason },
      });
      await this.announce(ctx, saved, dispute, 'RESCHEDULED', entry);
      ctx.target('Hearing', saved.id, { disputeId: dispute.id, startsAt: saved.startsAt, endsAt: saved.endsAt, sequence: saved.sequence });
      return saved;
    });
  }

  cancel(actor: Actor | null, input: CancelHearingInput): Promise<HearingEntity> {
    requireRole(actor, 'SECRETARIAT', 'PANELIST');
    return this.commands.run({ actor, operation: 'cancelHearing' }, async (ctx) => {
      const { hearing, dispute, role } = await this.lockHearing(ctx, input.hearingId);
      assertNotBegun(hearing, ctx.now, 'cancelled');
      const saved = await this.cancelLocked(ctx, hearing, dispute, role, input.reason, {
        message: 'docket.cancelHearing.reason',
        params: { reason: input.reason },
      });
      ctx.target('Hearing', saved.id, { disputeId: dispute.id, reason: input.reason });
      return saved;
    });
  }

  /**
   * A panel that no longer sits holds no hearings (the step took the dispute out of the hearing
   * stages: a withdrawal, a settlement, a suspension, the report out): the hearings still ahead
   * are cancelled in the same step, docketed, with notices to everyone who was to attend. On a
   * resumption new dates are set.
   */
  private async cancelAhead(ctx: CommandContext, change: StageChange): Promise<void> {
    if (!HEARING_STAGES.includes(change.from) || HEARING_STAGES.includes(change.to)) return;
    const ahead = await ctx.em.getRepository(HearingEntity).find({
      where: { disputeId: change.dispute.id, status: 'SCHEDULED', startsAt: MoreThan(ctx.now) },
      order: { startsAt: 'ASC' },
    });
    const reason = `the dispute moved to ${STAGE_LABELS[change.to as keyof typeof STAGE_LABELS] ?? change.to}`;
    for (const hearing of ahead)
      await this.cancelLocked(ctx, hearing, change.dispute, change.role, reason, {
        message: 'docket.cancelHearing.stage',
        params: { toStage: change.to },
      });
  }

  /** Cancels a hearing in the command's transaction (the caller holds the dispute's lock). */
  private async cancelLocked(
    ctx: CommandContext,
    hearing: HearingEntity,
    dispute: DisputeEntity,
    role: string,
    reason: string,
    why: DocketMessage,
  ): Promise<HearingEntity> {
    await this.bookings.release(ctx, hearing.id);
    Object.assign(hearing, { status: 'CANCELLED', sequence: hearing.sequence + 1, reason, publicObservation: false });
    const saved = await ctx.em.getRepository(HearingEntity).save(hearing);
    const entry = await this.docket.append(ctx, {
      disputeId: dispute.id,
      actorRole: role,
      kind: 'cancelHearing',
      message: why.message,
      params: { ...why.params, hearingKind: saved.kind, ...whenParams(saved) },
    });
    await this.announce(ctx, saved, dispute, 'CANCELLED', entry);
    return saved;
  }

  /** Loads a scheduled hearing under its dispute's lock and checks the actor may change it. */
  async lockHearing(
    ctx: CommandContext,
    hearingId: string,
  ): Promise<{ hearing: HearingEntity; dispute: DisputeEntity; role: string; closed: string[] }> {
    const found = isUUID(hearingId) ? await ctx.em.getRepository(HearingEntity).findOneBy({ id: hearingId }) : null;
    if (!found) throw notFound('Hearing', hearingId, 'HEARING_NOT_FOUND');
    const closed = await this.closedDays.forCommand(ctx);
    const dispute = await this.disputes.lockForUpdate(ctx, found.disputeId, true);
    const role = await this.authorise(ctx, dispute);
    // Read again under the lock: a concurrent change may have committed meanwhile.
    const hearing = await ctx.em.getRepository(HearingEntity).findOneByOrFail({ id: hearingId });
    if (hearing.status === 'CANCELLED') {
      throw new DomainError('INVALID_TRANSITION', 'HEARING_CANCELLED', `Hearing ${hearing.id} was cancelled; schedule a new one`);
    }
    return { hearing, dispute, role, closed: [...(closed.dates ?? [])] };
  }

  /** The secretariat, or a panelist seated on this dispute's panel (DSU 12.1, Appendix 3 ¶12). */
  async authorise(ctx: CommandContext, dispute: DisputeEntity): Promise<string> {
    const actor = ctx.actor!;
    if (actor.role === 'SECRETARIAT') return 'SECRETARIAT';
    const seat = actor.role === 'PANELIST' ? await this.bookings.seatOf(ctx.em, dispute.id, actor.userId) : null;
    if (!seat)
      throw forbidden(`Only the secretariat or a member of the panel of ${docketNumber(dispute)} schedules its hearings`, 'NOT_ON_PANEL');
    return seat.chair ? 'PANEL_CHAIR' : 'PANEL';
  }

  private assertComposed(dispute: DisputeEntity): void {
    if (!HEARING_STAGES.includes(dispute.stage)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        'PANEL_NOT_COMPOSED',
        `Hearings are held by a composed panel; ${docketNumber(dispute)} is at ${dispute.stage}`,
      );
    }
  }

  /** A hearing must not touch a day the body is closed, as a day in the hearing's own zone. */
  private assertOpenDays(start: Date, end: Date, timeZone: string, closed: readonly string[]): void {
    const closedSet = new Set(closed);
    const day = localDatesSpanned(start, end, timeZone).find((d) => closedSet.has(d));
    if (day) {
      throw new DomainError(
        'CONFLICT',
        'BODY_CLOSED',
        `The body is closed on ${day} (${timeZone}); the hearing from ${formatLocal(start, timeZone)} to ${formatLocal(end, timeZone)} touches that day`,
        {
          day,
        },
      );
    }
  }

  /**
   * Serves the hearing's change on everyone who takes part in it (the scheduler too: a convocation
   * is what each participant keeps), as mandatory HEARING notices serving the docket entry. The
   * dedupe key holds one notice per participant and change (the hearing's sequence).
   */
  private async announce(
    ctx: CommandContext,
    hearing: HearingEntity,
    dispute: DisputeEntity,
    event: HearingEvent,
    entry: DocketEntryEntity,
  ): Promise<void> {
    const recipients = await this.bookings.recipientsOf(ctx.em, hearing.id, dispute.id);
    const languages = await this.preferences.languagesOf(
      ctx.em,
      recipients.map((r) => r.userId),
    );
    const number = docketNumber(dispute);
    // Each participant's notice in their language (README, "Notices by e-mail"); the times are filled in the mail.
    const texts = (language: Language) => {
      const t = noticeText(language);
      const what = t('hearingKind', { kind: hearing.kind });
      const times = { what, number, startsAt: datePlaceholder('startsAt'), endsAt: datePlaceholder('endsAt') };
      return {
        language,
        subject: t('hearingSubject', { number, what, event }),
        lines: [
          event === 'CANCELLED' ? t('hearingCancelled', times) : t('hearingSet', { ...times, event }),
          ...(hearing.reason ? [t('hearingReason', { reason: hearing.reason })] : []),
          t('hearingKeepsTime', { zone: hearing.timeZone, local: hearingTime(language, hearing.startsAt, hearing.timeZone) }),
        ],
      };
    };
    await this.notices.enqueue(
      ctx,
      recipients.map((r) => ({
        recipientUserId: r.userId,
        memberId: r.memberId,
        disputeId: dispute.id,
        docketEntryId: entry.id,
        category: 'HEARING' as const,
        kind: NOTICE_KIND[event],
        mandatory: true,
        payload: {
          ...texts(languages.get(r.userId) ?? 'en'),
          docketNumber: number,
          disputeId: dispute.id,
          entrySeq: entry.seq,
          dates: { startsAt: hearing.startsAt.toISOString(), endsAt: hearing.endsAt.toISOString() },
        },
        dedupeKey: `hearing:${hearing.id}:${hearing.sequence}:${r.userId}`,
      })),
    );
  }
}

function validateTimes(start: Date, end: Date, timeZone: string, now: Date): void {
  if (!isTimeZone(timeZone))
    throw badInput('input.timeZone', `${timeZone} is not an IANA time zone name (e.g. Europe/Geneva)`, 'UNKNOWN_TIME_ZONE');
  if (end.getTime() <= start.getTime()) throw badInput('input.endsAt', 'endsAt must be after startsAt', 'ENDS_BEFORE_START');
  if (end.getTime() - start.getTime() > MAX_DURATION_MS) throw badInput('input.endsAt', 'A hearing lasts at most 7 days', 'TOO_LONG');
  if (start.getTime() <= now.getTime()) throw badInput('input.startsAt', 'startsAt must be in the future', 'STARTS_IN_THE_PAST');
}

async function validateVenue(em: EntityManager, roomId: string | null, virtualLink: string | null): Promise<Venue> {
  if (!roomId && !virtualLink) throw badInput('input.roomId', 'A hearing needs a room or a virtual link', 'NO_VENUE');
  if (virtualLink !== null) {
    let url: URL | null;
    try {
      url = new URL(virtualLink);
    } catch {
      url = null;
    }
    // Only https: the link carries the session's credentials to every participant.
    if (!url || url.protocol !== 'https:' || !url.hostname) {
      throw badInput('input.virtualLink', 'virtualLink must be an https:// address', 'LINK_NOT_HTTPS');
    }
  }
  if (roomId) {
    const room = await em.getRepository(HearingRoomEntity).findOneBy({ id: roomId });
    if (!room || !room.active) throw badInput('input.roomId', `${roomId} is not a room on the secretariat’s list`, 'UNKNOWN_ROOM');
  }
  return { roomId, virtualLink };
}

/**
 * A hearing that has begun has taken place: its attendance and record are what happened, and the
 * notices sent for it stand. It is neither moved nor cancelled; a further session is scheduled.
 */
function assertNotBegun(h: HearingEntity, now: Date, change: 'moved' | 'cancelled'): void {
  if (h.startsAt.getTime() <= now.getTime()) {
    throw new DomainError(
      'INVALID_TRANSITION',
      'HEARING_BEGUN',
      `The ${HUMAN_KIND[h.kind]} set ${when(h)} has begun and cannot be ${change}; schedule a further session instead`,
    );
  }
}

function when(h: HearingEntity): string {
  return `from ${formatLocal(h.startsAt, h.timeZone)} to ${formatLocal(h.endsAt, h.timeZone)} (${h.timeZone})`;
}

/**
 * When, for the docket: the local times with their offset (an ISO instant each, shown as such in
 * English and in the reader's language otherwise) and the zone. `prefix` names the former times of
 * a moved hearing.
 */
function whenParams(h: HearingEntity, prefix?: 'former'): DocketParams {
  const [startsAt, endsAt, timeZone] = [formatLocal(h.startsAt, h.timeZone), formatLocal(h.endsAt, h.timeZone), h.timeZone];
  return prefix ? { formerStartsAt: startsAt, formerEndsAt: endsAt, formerTimeZone: timeZone } : { startsAt, endsAt, timeZone };
}

/** Where, for the docket: the room by its name, online, or both. */
async function venueParams(em: EntityManager, h: HearingEntity): Promise<DocketParams> {
  const room = h.roomId ? await em.getRepository(HearingRoomEntity).findOneBy({ id: h.roomId }) : null;
  if (room) return { venue: h.virtualLink ? 'roomAndOnline' : 'room', room: room.name };
  return { venue: 'online' };
}
