import { Injectable } from '@nestjs/common';
import {
  Actor,
  ConnectionArgs,
  Page,
  RequestLoaders,
  UserEntity,
  badInput,
  inKeyOrder,
  keysetPage,
  notFound,
  MembersService,
  UsersService,
} from '@app/core';
import { RosterService } from '@app/panels';
import { DisputesService, PanelSeatsService } from '@app/registry';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { HearingsFilter } from '../dto/hearing.input';
import { HearingEntity, HearingParticipantEntity, HearingRoomEntity } from './hearing.entity';

export interface NamedParticipant {
  participant: HearingParticipantEntity;
  name: string;
}

/**
 * Who sees a hearing: anyone a public one; the secretariat all; a panelist those of the panels
 * they sit on; a delegate those of the disputes its member is a party or third party to. The
 * registry owns seats and parties, so the viewer's disputes are asked of it first (a panelist's
 * seats, a member's disputes: a bounded list) and passed as `disputeIds`.
 */
function visibleTo<T extends HearingEntity>(
  qb: SelectQueryBuilder<T>,
  actor: Actor | null,
  disputeIds: readonly string[],
  alias = 'h',
): SelectQueryBuilder<T> {
  if (actor?.role === 'SECRETARIAT') return qb;
  if (!actor) return qb.andWhere(`${alias}.public_observation`);
  return qb.andWhere(`(${alias}.public_observation OR ${alias}.dispute_id = ANY(:viewerDisputes::uuid[]))`, {
    viewerDisputes: [...disputeIds],
  });
}

/**
 * The user takes part in hearing `h`: on its panel (one of the user's seats, :seatDisputes and
 * :seatPersons pairwise, as the registry gives them), for a party (:mid), or as staff (:uid).
 */
const PARTICIPATES = `EXISTS (SELECT 1 FROM hearing_participants p WHERE p.hearing_id = h.id AND (
  (p.kind = 'PANELIST' AND EXISTS (SELECT 1 FROM unnest(:seatDisputes::uuid[], :seatPersons::uuid[]) AS s(dispute_id, person_id)
                                    WHERE s.dispute_id = h.dispute_id AND s.person_id = p.ref_id))
  OR (p.kind IN ('PARTY', 'THIRD_PARTY') AND p.ref_id = :mid)
  OR (p.kind = 'STAFF' AND p.ref_id = :uid)))`;

@Injectable()
export class HearingsQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seats: PanelSeatsService,
    private readonly disputes: DisputesService,
    private readonly roster: RosterService,
    private readonly members: MembersService,
    private readonly users: UsersService,
  ) {}

  /** The disputes whose hearings the actor sees beyond the public ones (see {@link visibleTo}). */
  private async viewerDisputes(actor: Actor | null): Promise<string[]> {
    if (!actor || actor.role === 'SECRETARIAT') return [];
    if (actor.role === 'PANELIST') return this.seats.disputesOf(actor.userId);
    return actor.memberId ? this.disputes.disputeIdsOfMember(actor.memberId) : [];
  }

  /** The parameters of {@link PARTICIPATES} for a user of a member. */
  private async participation(userId: string, memberId: string | null): Promise<Record<string, unknown>> {
    const seats = await this.seats.seatsOfUser(userId);
    return { uid: userId, mid: memberId, seatDisputes: seats.map((s) => s.disputeId), seatPersons: seats.map((s) => s.personId) };
  }

  async get(actor: Actor | null, id: string): Promise<HearingEntity> {
    const qb = this.dataSource
      .getRepository(HearingEntity)
      .createQueryBuilder('h')
      .where('h.id = :id', { id: isUUID(id) ? id : null });
    const hearing = isUUID(id) ? await visibleTo(qb, actor, await this.viewerDisputes(actor)).getOne() : null;
    // One the user may not see does not exist for them.
    if (!hearing) throw notFound('Hearing', id, 'HEARING_NOT_FOUND');
    return hearing;
  }

  async list(actor: Actor | null, filter: HearingsFilter, args: ConnectionArgs): Promise<Page<HearingEntity>> {
    if (filter.from && filter.to && filter.to.getTime() <= filter.from.getTime())
      throw badInput('filter.to', 'to must be after from', 'EMPTY_RANGE');
    const qb = visibleTo(this.dataSource.getRepository(HearingEntity).createQueryBuilder('h'), actor, await this.viewerDisputes(actor));
    if (!filter.includeCancelled) qb.andWhere(`h.status = 'SCHEDULED'`);
    if (filter.from) qb.andWhere('h.ends_at > :from', { from: filter.from });
    if (filter.to) qb.andWhere('h.starts_at < :to', { to: filter.to });
    if (filter.disputeId) qb.andWhere('h.dispute_id = :disputeId', { disputeId: filter.disputeId });
    if (filter.roomId) qb.andWhere('h.room_id = :roomId', { roomId: filter.roomId });
    if (filter.panelistId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM hearing_participants p WHERE p.hearing_id = h.id AND p.kind = 'PANELIST' AND p.ref_id = :panelistId)`,
        {
          panelistId: filter.panelistId,
        },
      );
    }
    return keysetPage(qb, args, { sortExpression: 'h.starts_at', alias: 'h', sortValue: (h) => h.startsAt.toISOString() }, (h) => h);
  }

  /**
   * Of these hearings, those whose session link the actor may have: the secretariat all, everyone
   * else the ones they take part in. Seeing a hearing because it is open to public observation
   * does not make one a participant: the public observes from the room (Appendix 3 ¶2).
   */
  async linkAudience(actor: Actor | null, hearings: readonly HearingEntity[]): Promise<Set<string>> {
    if (actor?.role === 'SECRETARIAT') return new Set(hearings.map((h) => h.id));
    const withLink = hearings.filter((h) => h.virtualLink !== null).map((h) => h.id);
    if (!actor || withLink.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(HearingEntity)
      .createQueryBuilder('h')
      .select('h.id', 'id')
      .where('h.id IN (:...ids)', { ids: withLink })
      .andWhere(PARTICIPATES, await this.participation(actor.userId, actor.memberId ?? null))
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** The hearings a user takes part in (for their calendar), cancelled ones included. */
  async forUser(user: UserEntity): Promise<HearingEntity[]> {
    return this.dataSource
      .getRepository(HearingEntity)
      .createQueryBuilder('h')
      .where(PARTICIPATES, await this.participation(user.id, user.memberId))
      .orderBy('h.starts_at')
      .limit(2000)
      .getMany();
  }

  /** Public hearings, for the public feed; a hearing closed again drops out of it. */
  publicHearings(): Promise<HearingEntity[]> {
    return this.dataSource
      .getRepository(HearingEntity)
      .find({ where: { publicObservation: true }, order: { startsAt: 'ASC' }, take: 2000 });
  }

  roomLoader(loaders: RequestLoaders): DataLoader<string, HearingRoomEntity | null> {
    return loaders.get(
      'hearings.rooms',
      () =>
        new DataLoader<string, HearingRoomEntity | null>(async (ids) =>
          inKeyOrder(ids, await this.dataSource.getRepository(HearingRoomEntity).findBy({ id: In([...ids]) }), (r) => r.id),
        ),
    );
  }

  /** Participants with their names (panelist, member, staff), for a page of hearings. */
  participantsLoader(loaders: RequestLoaders): DataLoader<string, NamedParticipant[]> {
    return loaders.get(
      'hearings.participants',
      () =>
        new DataLoader<string, NamedParticipant[]>(async (ids) => {
          const rows = await this.dataSource.getRepository(HearingParticipantEntity).findBy({ hearingId: In([...ids]) });
          const names = await this.namesOf(rows);
          return ids.map((id) =>
            rows
              .filter((r) => r.hearingId === id)
              .map((participant) => ({ participant, name: names.get(participant.refId) ?? participant.refId })),
          );
        }),
    );
  }

  private async namesOf(rows: readonly HearingParticipantEntity[]): Promise<Map<string, string>> {
    const ids = (kinds: string[]) => [...new Set(rows.filter((r) => kinds.includes(r.kind)).map((r) => r.refId))];
    const names = new Map<string, string>();
    const persons = ids(['PANELIST']);
    const members = ids(['PARTY', 'THIRD_PARTY']);
    const staff = ids(['STAFF']);
    (await this.roster.byIds(this.dataSource.manager, persons)).forEach((p) => names.set(p.id, p.name));
    (await this.members.byIds(this.dataSource.manager, members)).forEach((m) => names.set(m.id, `${m.name} (${m.code})`));
    (await this.users.byIds(this.dataSource.manager, staff)).forEach((u) => names.set(u.id, u.displayName));
    return names;
  }
}
