import { Injectable } from '@nestjs/common';
import { CommandContext, RequestLoaders, groupedInKeyOrder } from '@app/core';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { PanelSeatEntity } from './panel-seat.entity';

export interface Seat {
  personId: string;
  userId: string | null;
  chair: boolean;
}

/** A seat an election fills: the person, their account, whether they chair, their rank in the count. */
export interface ElectedSeat extends Seat {
  electedRank: number;
}

/** The registry's record of who sits on each panel. */
@Injectable()
export class PanelSeatsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Seats the elected of an election in the command's transaction (the caller holds the dispute's
   * lock). A person seated twice at once is refused by uq_panel_seats_seated.
   */
  async seat(ctx: CommandContext, disputeId: string, electionId: string, seats: readonly ElectedSeat[]): Promise<void> {
    if (seats.some((s) => s.chair)) {
      // One chair at a time: a new chair replaces the old one's chairing.
      await ctx.em.getRepository(PanelSeatEntity).update({ disputeId, vacatedAt: IsNull() }, { chair: false });
    }
    await ctx.em.getRepository(PanelSeatEntity).insert(
      seats.map((s) => ({
        disputeId,
        personId: s.personId,
        userId: s.userId,
        electionId,
        electedRank: s.electedRank,
        chair: s.chair,
        seatedAt: ctx.now,
        vacatedAt: null,
        vacatedReason: null,
      })),
    );
  }

  /**
   * Empties the person's current seat on the dispute's panel, with the reason, in the command's
   * transaction (the caller holds the dispute's lock). Returns the seat as it was (so the caller
   * knows whether it chaired), or null when the person holds none.
   */
  async vacate(ctx: CommandContext, disputeId: string, personId: string, reason: string): Promise<PanelSeatEntity | null> {
    const repo = ctx.em.getRepository(PanelSeatEntity);
    const seat = await repo.findOneBy({ disputeId, personId, vacatedAt: IsNull() });
    if (!seat) return null;
    await repo.update({ id: seat.id }, { vacatedAt: ctx.now, vacatedReason: reason, chair: false });
    return seat;
  }

  /** Hands the chair to a seated panelist (the previous chair left). */
  async makeChair(ctx: CommandContext, disputeId: string, personId: string): Promise<void> {
    const repo = ctx.em.getRepository(PanelSeatEntity);
    await repo.update({ disputeId, vacatedAt: IsNull() }, { chair: false });
    await repo.update({ disputeId, personId, vacatedAt: IsNull() }, { chair: true });
  }

  /**
   * A seat belongs to the roster person; whoever is linked to the person acts for it. When the
   * secretariat links (or re-links) an account to a person, every seat of that person follows in
   * the same command, and an account linked before loses the seats' rights. Returns how many
   * seats now name the account.
   */
  async followPerson(ctx: CommandContext, personId: string, userId: string): Promise<number> {
    const result = await ctx.em.getRepository(PanelSeatEntity).update({ personId }, { userId });
    return result.affected ?? 0;
  }

  /** The user's current seat on the dispute's panel, if any. */
  seatOf(em: EntityManager, disputeId: string, userId: string): Promise<PanelSeatEntity | null> {
    return em.getRepository(PanelSeatEntity).findOneBy({ disputeId, userId, vacatedAt: IsNull() });
  }

  /** The disputes on whose panel the user sits now. */
  async disputesOf(userId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(PanelSeatEntity)
      .find({ where: { userId, vacatedAt: IsNull() }, select: { disputeId: true } });
    return rows.map((r) => r.disputeId);
  }

  /** The dispute's current seats (who sits, whose account acts for them, who chairs). */
  async seatsOn(em: EntityManager, disputeId: string): Promise<Seat[]> {
    const rows = await em.getRepository(PanelSeatEntity).findBy({ disputeId, vacatedAt: IsNull() });
    return rows.map((r) => ({ personId: r.personId, userId: r.userId, chair: r.chair }));
  }

  /**
   * The roster persons seated on the dispute's panel now, in the order they were seated (those
   * seated together in their order of election): the first is the earliest elected.
   */
  async personsSeated(em: EntityManager, disputeId: string): Promise<string[]> {
    const rows = await em
      .getRepository(PanelSeatEntity)
      .find({ where: { disputeId, vacatedAt: IsNull() }, order: { seatedAt: 'ASC', electedRank: 'ASC' }, select: { personId: true } });
    return rows.map((r) => r.personId);
  }

  /** Every seat of the dispute's panel, held or vacated, in the order they were taken. */
  history(em: EntityManager, disputeId: string): Promise<PanelSeatEntity[]> {
    return em.getRepository(PanelSeatEntity).find({ where: { disputeId }, order: { seatedAt: 'ASC', electedRank: 'ASC' } });
  }

  /** The roster persons an election seated, in its order of election (none before its close). */
  async electedBy(electionId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(PanelSeatEntity)
      .find({ where: { electionId }, order: { electedRank: 'ASC' }, select: { personId: true } });
    return rows.map((r) => r.personId);
  }

  /** The seats these elections filled, in order of election: `electedBy` for a page of elections, in one statement. */
  async electedByEach(electionIds: readonly string[]): Promise<{ electionId: string; personId: string }[]> {
    if (!electionIds.length) return [];
    return this.dataSource
      .getRepository(PanelSeatEntity)
      .find({ where: { electionId: In([...electionIds]) }, order: { electedRank: 'ASC' }, select: { electionId: true, personId: true } });
  }

  /** The accounts acting for these persons' current seats on the dispute's panel. */
  async usersOfPersons(em: EntityManager, disputeId: string, personIds: readonly string[]): Promise<string[]> {
    if (!personIds.length) return [];
    const rows = await em
      .getRepository(PanelSeatEntity)
      .find({ where: { disputeId, personId: In([...personIds]), vacatedAt: IsNull(), userId: Not(IsNull()) }, select: { userId: true } });
    return rows.map((r) => r.userId as string);
  }

  /** The user's current seats, each as the dispute and the roster person it seats. */
  async seatsOfUser(userId: string): Promise<{ disputeId: string; personId: string }[]> {
    const rows = await this.dataSource
      .getRepository(PanelSeatEntity)
      .find({ where: { userId, vacatedAt: IsNull() }, select: { disputeId: true, personId: true } });
    return rows.map((r) => ({ disputeId: r.disputeId, personId: r.personId }));
  }

  /** Current seats per dispute, for a page of disputes, in the order they were taken (then of election). */
  byDispute(loaders: RequestLoaders): DataLoader<string, PanelSeatEntity[]> {
    return loaders.get(
      'panelSeats.byDispute',
      () =>
        new DataLoader<string, PanelSeatEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(PanelSeatEntity)
            .createQueryBuilder('s')
            .where('s.dispute_id IN (:...ids) AND s.vacated_at IS NULL', { ids })
            .orderBy('s.seated_at')
            .addOrderBy('s.elected_rank')
            .getMany();
          return groupedInKeyOrder(ids, rows, (row) => row.disputeId);
        }),
    );
  }
}
