import { Injectable } from '@nestjs/common';
import { CommandContext, DomainError, badInput, conflict, MembersService, UsersService } from '@app/core';
import { formatInstant, type Language } from '@app/i18n';
import { DisputesService, PanelSeatsService, docketNumber, isPanelThirdParty } from '@app/registry';
import { RosterService } from '@app/panels';
import { EntityManager, In, QueryFailedError } from 'typeorm';
import {
  HearingBookingEntity,
  HearingEntity,
  HearingParticipantEntity,
  HearingRoomEntity,
  type HearingKind,
  type ParticipantKind,
  type ResourceKind,
} from './hearing.entity';
import { formatLocal } from '../time';

export interface Participant {
  kind: ParticipantKind;
  refId: string;
}

export interface Resource {
  kind: ResourceKind;
  id: string;
}

interface ClashRow {
  resource_kind: ResourceKind;
  resource_id: string;
  lower: Date;
  upper: Date;
  hearing_id: string | null;
  unavailability_id: string | null;
}

const RESOURCE_OF: Record<ParticipantKind, ResourceKind> = { PANELIST: 'PANELIST', PARTY: 'MEMBER', THIRD_PARTY: 'MEMBER', STAFF: 'STAFF' };
export const HUMAN_KIND: Record<HearingKind, string> = {
  ORGANISATIONAL_MEETING: 'organisational meeting',
  FIRST_SUBSTANTIVE_MEETING: 'first substantive meeting',
  THIRD_PARTY_SESSION: 'third-party session',
  SECOND_SUBSTANTIVE_MEETING: 'second substantive meeting',
  EXPERT_CONSULTATION: 'expert consultation',
  INTERIM_REVIEW_MEETING: 'interim review meeting',
};

/**
 * A hearing's start as the hearing's own clock shows it, for its notices: in English the ISO form
 * with its offset (as the notices always gave it), in another language that language's date and time.
 */
export function hearingTime(language: Language, instant: Date, timeZone: string): string {
  return language === 'en' ? formatLocal(instant, timeZone) : formatInstant(language, instant, timeZone);
}
const EXCLUSION_VIOLATION = '23P01';

/** Who takes part in a hearing and what it holds; the no-clash rule and its explanations. */
@Injectable()
export class BookingsService {
  constructor(
    private readonly seats: PanelSeatsService,
    private readonly disputes: DisputesService,
    private readonly roster: RosterService,
    private readonly members: MembersService,
    private readonly users: UsersService,
  ) {}

  /**
   * The participants: the seated panel, the parties' delegations (complainant and respondents),
   * third parties in the panel proceedings for the third-party session only (DSU 10.2, Appendix 3
   * ¶6), named staff. A member that only joined the consultations (DSU 4.11) is not heard.
   */
  async participantsFor(em: EntityManager, disputeId: string, kind: HearingKind, staffUserIds: readonly string[]): Promise<Participant[]> {
    const seated = await this.seats.personsSeated(em, disputeId);
    const parties = await this.disputes.partiesOf(em, disputeId);
    const out: Participant[] = seated.map((personId) => ({ kind: 'PANELIST', refId: personId }));
    for (const p of parties) {
      if (p.kind === 'COMPLAINANT' || p.kind === 'RESPONDENT') out.push({ kind: 'PARTY', refId: p.memberId });
      else if (kind === 'THIRD_PARTY_SESSION' && isPanelThirdParty(p)) out.push({ kind: 'THIRD_PARTY', refId: p.memberId });
    }
    if (staffUserIds.length) {
      const staff = await this.users.byIds(em, staffUserIds, { role: 'SECRETARIAT', active: true });
      const missing = staffUserIds.find((id) => !staff.some((u) => u.id === id));
      if (missing) throw badInput('input.staffUserIds', `${missing} is not an active secretariat user`, 'NOT_SECRETARIAT_STAFF');
      out.push(...staffUserIds.map((id) => ({ kind: 'STAFF' as const, refId: id })));
    }
    return out;
  }

  resourcesOf(participants: readonly Participant[], roomId: string | null): Resource[] {
    const resources: Resource[] = participants.map((p) => ({ kind: RESOURCE_OF[p.kind], id: p.refId }));
    if (roomId) resources.push({ kind: 'ROOM', id: roomId });
    return resources;
  }

  /**
   * Holds the resources for the hearing's time. The clash is looked for first, in the command's
   * transaction, to explain it; the exclusion constraint catches what a concurrent command booked
   * after that look (its rows are invisible until it commits, and the constraint waits for it).
   */
  async hold(
    ctx: CommandContext,
    holder: { hearingId?: string; unavailabilityId?: string },
    resources: readonly Resource[],
    start: Date,
    end: Date,
  ): Promise<void> {
    if (resources.length === 0) return;
    const keys = resources.map((r) => `${r.kind}:${r.id}`);
    const clashes: ClashRow[] = await ctx.em.query(
      `SELECT resource_kind, resource_id, lower(during) AS lower, upper(during) AS upper, hearing_id, unavailability_id
         FROM hearing_bookings
        WHERE resource_kind || ':' || resource_id = ANY($1::text[]) AND during && tstzrange($2, $3, '[)')
        ORDER BY lower(during), array_position(ARRAY['ROOM', 'PANELIST', 'MEMBER', 'STAFF'], resource_kind) LIMIT 1`,
      [keys, start, end],
    );
    if (clashes.length) throw await this.explain(ctx.em, clashes[0]);
    const rows = resources.map((r) => ({
      hearingId: holder.hearingId ?? null,
      unavailabilityId: holder.unavailabilityId ?? null,
      resourceKind: r.kind,
      resourceId: r.id,
      during: `[${start.toISOString()},${end.toISOString()})`,
    }));
    try {
      await ctx.em.getRepository(HearingBookingEntity).insert(rows);
    } catch (error) {
      const driver = (error as QueryFailedError & { driverError?: { code?: string; detail?: string } }).driverError;
      if (driver?.code !== EXCLUSION_VIOLATION) throw error;
      // A concurrent command took the resource between our look and our insert: its row is now
      // committed, but this transaction is aborted, so the explanation comes from the detail.
      throw conflict(
        `Another booking made at the same moment holds this time (${driver.detail ?? 'overlapping booking'}); reload and choose another time`,
        'BOOKING_CLASH',
      );
    }
  }

  release(ctx: CommandContext, hearingId: string): Promise<unknown> {
    return ctx.em.getRepository(HearingBookingEntity).delete({ hearingId });
  }

  /** The refusal names the resource, the other hearing (or the declared day) and its times. */
  async explain(em: EntityManager, clash: ClashRow): Promise<DomainError> {
    const who = await this.resourceName(em, clash.resource_kind, clash.resource_id);
    const times = `${new Date(clash.lower).toISOString()} to ${new Date(clash.upper).toISOString()}`;
    const details = {
      resourceKind: clash.resource_kind,
      resourceId: clash.resource_id,
      from: new Date(clash.lower).toISOString(),
      to: new Date(clash.upper).toISOString(),
    };
    if (clash.unavailability_id) {
      const [u] = await em.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, time_zone, reason FROM member_unavailability WHERE id = $1`, [
        clash.unavailability_id,
      ]);
      return conflict(`${who} declared ${u.day} (${u.time_zone}) unavailable: ${u.reason} (${times})`, 'PARTY_UNAVAILABLE', {
        ...details,
        unavailabilityId: clash.unavailability_id,
      });
    }
    const other = await em.getRepository(HearingEntity).findOneByOrFail({ id: clash.hearing_id as string });
    const [dispute] = await this.disputes.byIds(em, [other.disputeId]);
    const code =
      clash.resource_kind === 'ROOM'
        ? 'ROOM_TAKEN'
        : clash.resource_kind === 'PANELIST'
          ? 'PANELIST_BUSY'
          : clash.resource_kind === 'MEMBER'
            ? 'PARTY_BUSY'
            : 'STAFF_BUSY';
    return conflict(
      `${who} is already booked for the ${HUMAN_KIND[other.kind]} of ${docketNumber(dispute)} (hearing ${other.id}) from ${times}`,
      code,
      { ...details, hearingId: other.id },
    );
  }

  private async resourceName(em: EntityManager, kind: ResourceKind, id: string): Promise<string> {
    switch (kind) {
      case 'ROOM':
        return `Room ${(await em.getRepository(HearingRoomEntity).findOneBy({ id }))?.name ?? id}`;
      case 'PANELIST':
        return `Panelist ${(await this.roster.byIds(em, [id]))[0]?.name ?? id}`;
      case 'MEMBER': {
        const [m] = await this.members.byIds(em, [id]);
        return m ? `${m.name} (${m.code})` : `Member ${id}`;
      }
      case 'STAFF':
        return `${(await this.users.byIds(em, [id]))[0]?.displayName ?? id} of the secretariat`;
    }
  }

  async saveParticipants(em: EntityManager, hearingId: string, participants: readonly Participant[]): Promise<void> {
    await em
      .getRepository(HearingParticipantEntity)
      .insert(participants.map((p) => ({ hearingId, kind: p.kind, refId: p.refId, attended: null })));
  }

  /** The users a notice goes to: seated panelists' accounts, the delegates of participating members, staff. */
  async recipientsOf(em: EntityManager, hearingId: string, disputeId: string): Promise<{ userId: string; memberId: string | null }[]> {
    const [recipients = []] = (await this.recipientsOfMany(em, [{ id: hearingId, disputeId }])).values();
    return recipients.map(({ userId, memberId }) => ({ userId, memberId })).sort((a, b) => a.userId.localeCompare(b.userId));
  }

  /**
   * The same for a page of hearings, batched: one read of the participants, one of the seats per
   * dispute with panelists among them, one of the delegates. Each hearing's recipients come in the
   * order of who takes part: the seated panelists first, then the members' delegates, then staff; a
   * user is listed once (the member a delegate is served for: the proof of service is read by member).
   */
  async recipientsOfMany(
    em: EntityManager,
    hearings: readonly { id: string; disputeId: string }[],
  ): Promise<Map<string, { userId: string; memberId: string | null; kind: ParticipantKind }[]>> {
    const out = new Map(hearings.map((h) => [h.id, [] as { userId: string; memberId: string | null; kind: ParticipantKind }[]]));
    if (!hearings.length) return out;
    const participants = await em.getRepository(HearingParticipantEntity).findBy({ hearingId: In(hearings.map((h) => h.id)) });
    const disputeOf = new Map(hearings.map((h) => [h.id, h.disputeId]));
    const withPanelists = [...new Set(participants.filter((p) => p.kind === 'PANELIST').map((p) => disputeOf.get(p.hearingId)!))];
    const userOfSeat = new Map<string, string>();
    for (const disputeId of withPanelists) {
      for (const seat of await this.seats.seatsOn(em, disputeId))
        if (seat.userId) userOfSeat.set(`${disputeId}:${seat.personId}`, seat.userId);
    }
    const members = participants.filter((p) => p.kind === 'PARTY' || p.kind === 'THIRD_PARTY').map((p) => p.refId);
    const delegates = await this.users.delegatesOf(em, members);
    const order: ParticipantKind[] = ['PANELIST', 'PARTY', 'THIRD_PARTY', 'STAFF'];
    const sorted = [...participants].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.refId.localeCompare(b.refId));
    for (const p of sorted) {
      const list = out.get(p.hearingId)!;
      const add = (userId: string, memberId: string | null) => {
        if (!list.some((r) => r.userId === userId)) list.push({ userId, memberId, kind: p.kind });
      };
      if (p.kind === 'PANELIST') {
        // A panelist whose seat is vacated since, or who has no account, is not served.
        const userId = userOfSeat.get(`${disputeOf.get(p.hearingId)}:${p.refId}`);
        if (userId) add(userId, null);
      } else if (p.kind === 'STAFF') add(p.refId, null);
      else for (const d of delegates) if (d.memberId === p.refId) add(d.id, d.memberId);
    }
    return out;
  }

  /** Whether the user sits on the dispute's panel now (the panel acts through its members). */
  async seatOf(em: EntityManager, disputeId: string, userId: string): Promise<{ chair: boolean } | null> {
    return this.seats.seatOf(em, disputeId, userId);
  }
}
