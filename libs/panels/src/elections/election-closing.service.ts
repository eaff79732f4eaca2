import { Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  AppConfig,
  Clock,
  CommandContext,
  CommandRunner,
  DomainError,
  RequestLoaders,
  groupedInKeyOrder,
  notFound,
  requireRole,
} from '@app/core';
import { toIsoDate } from '@app/procedure';
import { DisputesService, DocketService, PanelSeatsService, type DocketMessage } from '@app/registry';
import DataLoader from 'dataloader';
import { count, toBlt, type CountResult } from '@app/stv';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { ChallengeEntity } from '../challenges/challenge.entity';
import { RosterPersonEntity } from '../roster/roster-person.entity';
import { BallotKeys } from './ballot-keys';
import { type BallotContent, SealedBallotError, openBallot, shuffle } from './ballot-seal';
import { candidateLabels } from './candidate-labels';
import { BallotEntity, ElectionCandidateEntity, ElectionEntity, ElectionVoteEntity, SealedBallotEntity } from './election.entity';

/**
 * Closing: the seed is revealed, the count runs, and the elected form the panel (or fill the
 * vacant seats). The secretariat closes at or after the closing time, or the worker does.
 */
@Injectable()
export class ElectionClosingService {
  private readonly logger = new Logger(ElectionClosingService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly clock: Clock,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly seats: PanelSeatsService,
    private readonly config: AppConfig,
    private readonly keys: BallotKeys,
  ) {}

  close(actor: Actor | null, electionId: string): Promise<ElectionEntity> {
    if (actor) requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'closeElection' }, async (ctx) => {
      const found = await ctx.em.getRepository(ElectionEntity).findOneBy({ id: electionId });
      if (!found) throw notFound('Election', electionId, 'ELECTION_NOT_FOUND');
      // The dispute first, then the election: the order every panel step locks in.
      await this.disputes.lockForUpdate(ctx, found.disputeId, true);
      const election = await ctx.em
        .getRepository(ElectionEntity)
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :electionId', { electionId })
        .getOneOrFail();
      if (election.status !== 'OPEN') {
        throw new DomainError('INVALID_TRANSITION', 'ELECTION_CLOSED', 'This election is already closed');
      }
      if (ctx.now.getTime() < election.closesAt.getTime()) {
        throw new DomainError('NOT_YET_ALLOWED', 'BEFORE_CLOSING_TIME', `The election closes at ${election.closesAt.toISOString()}`, {
          allowedFrom: toIsoDate(election.closesAt),
        });
      }
      // DSU 8.6: the panel is composed once every challenge is decided; the close waits for the
      // secretariat's decisions (the worker retries at each sweep).
      if (election.kind === 'PANEL') {
        const pending = await ctx.em.getRepository(ChallengeEntity).countBy({ disputeId: election.disputeId, status: 'PENDING' });
        if (pending > 0) {
          throw new DomainError(
            'INVALID_TRANSITION',
            'CHALLENGES_PENDING',
            `${pending} challenge(s) of candidates await the secretariat's decision (DSU 8.6): decide them, then close the election`,
            { pending },
          );
        }
      }
      const turnout = await ctx.em.getRepository(ElectionVoteEntity).countBy({ electionId });
      election.turnout = turnout;
      election.closedAt = ctx.now;
      if (turnout * 100 < election.quorumPercent * election.electorateSize) {
        election.status = 'FAILED';
        election.ballotsPublished = false;
        // A failed election is not counted: its sealed ballots are destroyed unread, so no ballot
        // of it is ever in clear anywhere (libs/panels/README.md, Ballot secrecy).
        await ctx.em.getRepository(SealedBallotEntity).delete({ electionId });
        const saved = await ctx.em.getRepository(ElectionEntity).save(election);
        await this.docket.append(ctx, {
          disputeId: election.disputeId,
          actorRole: actor ? 'SECRETARIAT' : 'SYSTEM',
          kind: 'electionFailed',
          message: 'docket.electionFailed',
          params: { turnout, electorate: election.electorateSize, quorumPercent: election.quorumPercent, seed: election.seed },
        });
        ctx.target('Election', electionId, { status: 'FAILED', turnout });
        return saved;
      }
      await this.unsealBallots(ctx, election, turnout);
      const { result, persons } = await this.countBallots(ctx, election);
      election.status = 'CLOSED';
      election.result = result as unknown as Record<string, unknown>;
      // Decided now, once: a later change of the setting never publishes ballots withheld here.
      election.ballotsPublished = turnout >= this.config.BALLOT_PUBLICATION_MIN;
      const saved = await ctx.em.getRepository(ElectionEntity).save(election);
      const elected = result.elected.map((label) => persons.get(label) as RosterPersonEntity);
      await this.seatElected(ctx, election, elected);
      ctx.target('Election', electionId, { status: 'CLOSED', turnout, elected: elected.map((p) => p.id) });
      return saved;
    });
  }

  /** The worker's job: every open election past its closing time. */
  /**
   * When the open elections closing strictly between `from` and `to` close, in order, at most
   * `limit`: the instants a training sandbox's catch-up runs the worker at (README, "Training sandbox").
   */
  async closingTimesBetween(from: Date, to: Date, limit: number): Promise<Date[]> {
    const rows = await this.dataSource
      .getRepository(ElectionEntity)
      .createQueryBuilder('e')
      .select('e.closesAt', 'closesAt')
      .where(`e.status = 'OPEN' AND e.closesAt > :from AND e.closesAt < :to`, { from, to })
      .orderBy('e.closesAt')
      .limit(limit)
      .getRawMany<{ closesAt: Date }>();
    return rows.map((row) => new Date(row.closesAt));
  }

  async closeDue(): Promise<number> {
    const due = await this.dataSource.getRepository(ElectionEntity).findBy({ status: 'OPEN', closesAt: LessThanOrEqual(this.clock.now()) });
    let closed = 0;
    for (const election of due) {
      try {
        await this.close(null, election.id);
        closed += 1;
      } catch (error) {
        // Another worker or the secretariat closed it first: nothing to do. Pending challenges:
        // the next sweep tries again once they are decided.
        if (error instanceof DomainError && (error.code === 'ELECTION_CLOSED' || error.code === 'CHALLENGES_PENDING')) continue;
        this.logger.error(`Closing election ${election.id} failed`, (error as Error).stack);
      }
    }
    return closed;
  }

  /** The elected of a closed election, in order of election. */
  async electedOf(electionId: string): Promise<RosterPersonEntity[]> {
    const ids = await this.seats.electedBy(electionId);
    if (!ids.length) return [];
    const persons = new Map(
      (await this.dataSource.getRepository(RosterPersonEntity).findBy({ id: In(ids) })).map((p) => [p.id, p] as const),
    );
    return ids.map((id) => persons.get(id)).filter((p): p is RosterPersonEntity => p !== undefined);
  }

  /**
   * The elected of each election, in order of election, batched per request: a page of elections
   * costs two statements (the seats, then their persons) rather than two per election.
   */
  electedLoader(loaders: RequestLoaders): DataLoader<string, RosterPersonEntity[]> {
    return loaders.get(
      'elections.elected',
      () =>
        new DataLoader<string, RosterPersonEntity[]>(async (ids) => {
          const seats = await this.seats.electedByEach(ids);
          const personIds = [...new Set(seats.map((s) => s.personId))];
          const persons = new Map(
            (personIds.length ? await this.dataSource.getRepository(RosterPersonEntity).findBy({ id: In(personIds) }) : []).map(
              (p) => [p.id, p] as const,
            ),
          );
          return groupedInKeyOrder(ids, seats, (s) => s.electionId).map((group) =>
            group.map((s) => persons.get(s.personId)).filter((p): p is RosterPersonEntity => p !== undefined),
          );
        }),
    );
  }

  /**
   * The counted ballots with candidate labels, as published after the close; null when they are
   * not published (a failed election, or fewer than BALLOT_PUBLICATION_MIN ballots).
   */
  async publishedBallots(electionId: string): Promise<{ receipt: string; ranking: string[] }[] | null> {
    const election = await this.dataSource.getRepository(ElectionEntity).findOneByOrFail({ id: electionId });
    if (!election.ballotsPublished) return null;
    const { labels } = await this.countInput(this.dataSource.manager, election);
    const rows = await this.dataSource.getRepository(BallotEntity).find({ where: { electionId }, order: { receipt: 'ASC' } });
    return rows.map((b) => ({ receipt: b.receipt, ranking: b.ranking.map((id) => labels.get(id) as string) }));
  }

  /** The ballots as a BLT file, candidates labelled as in the count: anyone can recount it. Null when not published. */
  async blt(election: ElectionEntity): Promise<string | null> {
    if (!election.ballotsPublished) return null;
    const { labels, ballots, withdrawn } = await this.countInput(this.dataSource.manager, election);
    return toBlt({
      title: `Panel election ${election.id}`,
      candidates: [...labels.values()],
      seats: election.seats,
      ballots: ballots.map((ranking) => ({ ranking })),
      withdrawn,
    });
  }

  /**
   * A seat falls vacant (withdrawal, removal): the person leaves the panel, the chair passes to
   * the earliest elected of those who remain, and the secretariat opens an election for the seat
   * (`openElection` with `vacancy: true`). An upheld challenge or disclosure empties the seat by
   * itself (`vacateSeat`).
   */
  vacate(actor: Actor | null, disputeId: string, personId: string, reason: string): Promise<void> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'vacatePanelSeat' }, async (ctx) => {
      await this.disputes.lockForUpdate(ctx, disputeId, true);
      const seat = await this.vacateSeat(ctx, disputeId, personId, reason);
      if (!seat) throw notFound('Panel seat of', personId, 'PANEL_SEAT_OF_NOT_FOUND');
      // The seat's id: a seat seated before migration 1795770000000-OnePanelSeatsTable kept the id
      // it had in panel_members, so the audit trail names the same seat before and after.
      ctx.target('PanelMember', seat.id, { disputeId, personId });
    });
  }

  /**
   * Empties the person's seat on the dispute's panel in the command's transaction (the caller
   * holds the dispute's lock), docketed; returns the seat, or null when the person holds none.
   */
  async vacateSeat(
    ctx: CommandContext,
    disputeId: string,
    personId: string,
    reason: string,
    /** Why, as the docket says it; without it, the secretariat's `reason` in its own words. */
    why: DocketMessage = { message: 'docket.vacatePanelSeat', params: { reason } },
  ): Promise<{ id: string } | null> {
    const seat = await this.seats.vacate(ctx, disputeId, personId, reason);
    if (!seat) return null;
    if (seat.chair) {
      // The earliest elected of those who remain: seated first, then first in their count.
      const [next] = await this.seats.personsSeated(ctx.em, disputeId);
      if (next) await this.seats.makeChair(ctx, disputeId, next);
    }
    const person = await ctx.em.getRepository(RosterPersonEntity).findOneByOrFail({ id: personId });
    await this.docket.append(ctx, {
      disputeId,
      actorRole: 'SECRETARIAT',
      kind: 'vacatePanelSeat',
      message: why.message,
      params: { ...why.params, person: person.name },
    });
    return { id: seat.id };
  }

  /**
   * In the close's transaction, after the election's row lock (every cast that passed its check has
   * committed): opens every sealed ballot with the election's private key, writes them as clear
   * ballots in one statement in a shuffled order (random ids, no time: every ballot gets the
   * close's xmin, cmin and commit time, and its place in the table is a draw), and deletes the
   * sealed rows. Nothing is written unless every ballot opens and is a ballot of this election.
   */
  private async unsealBallots(ctx: CommandContext, election: ElectionEntity, turnout: number): Promise<void> {
    const sealed = await ctx.em
      .getRepository(SealedBallotEntity)
      .find({ where: { electionId: election.id }, select: { id: true, sealed: true } });
    // Ballots cast in clear before ballots were sealed (an election open across that upgrade).
    const earlier = await ctx.em.getRepository(BallotEntity).countBy({ electionId: election.id });
    if (sealed.length + earlier !== turnout) {
      throw new Error(`Election ${election.id}: ${turnout} members voted but ${sealed.length + earlier} ballots are stored; not counting`);
    }
    if (sealed.length === 0) return;
    const keys = this.keys.keyPair(election.id);
    if (election.ballotKey && !keys.publicKey.equals(election.ballotKey)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        'BALLOT_KEY_MISMATCH',
        'The ballots of this election were sealed under another ballot secret: run the closing process with the BALLOT_SECRET the election was opened with',
      );
    }
    const candidates = new Set(
      (await ctx.em.getRepository(ElectionCandidateEntity).findBy({ electionId: election.id })).map((c) => c.personId),
    );
    const ballots: BallotContent[] = sealed.map((row) => {
      let ballot: BallotContent;
      try {
        ballot = openBallot(keys, election.id, row.sealed);
      } catch (error) {
        if (error instanceof SealedBallotError)
          throw new Error(`Election ${election.id}: sealed ballot ${row.id}: ${error.message}; not counting`, { cause: error });
        throw error;
      }
      if (
        ballot.ranking.length === 0 ||
        new Set(ballot.ranking).size !== ballot.ranking.length ||
        !ballot.ranking.every((id) => candidates.has(id))
      ) {
        throw new Error(`Election ${election.id}: sealed ballot ${row.id} is no ranking of this election's candidates; not counting`);
      }
      return ballot;
    });
    // One statement for every ballot, in the shuffled order.
    await ctx.em.query(
      `INSERT INTO ballots (election_id, receipt, ranking)
       SELECT $1::uuid, b.value->>'receipt',
              ARRAY(SELECT r.id::uuid FROM jsonb_array_elements_text(b.value->'ranking') WITH ORDINALITY AS r(id, n) ORDER BY r.n)
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS b(value, n) ORDER BY b.n`,
      [election.id, JSON.stringify(shuffle(ballots))],
    );
    await ctx.em.getRepository(SealedBallotEntity).delete({ electionId: election.id });
  }

  private async countInput(em: CommandContext['em'], election: ElectionEntity) {
    const candidates = await em
      .getRepository(RosterPersonEntity)
      .createQueryBuilder('p')
      .innerJoin(ElectionCandidateEntity, 'c', 'c.person_id = p.id AND c.election_id = :id', { id: election.id })
      .orderBy('c.position')
      .getMany();
    const labels = candidateLabels(candidates);
    const rows = await em.getRepository(BallotEntity).find({ where: { electionId: election.id }, order: { receipt: 'ASC' } });
    const ballots = rows.map((b) => b.ranking.map((id) => labels.get(id) as string));
    // DSU 8.6: a candidate whose challenge was upheld while the vote ran is excluded from this
    // panel: withdrawn from the count (and so marked in the published file, for any recount).
    // Only decisions taken before the close count, so the published result never changes.
    const upheld: { person_id: string }[] = await em.query(
      `SELECT DISTINCT person_id FROM challenges WHERE dispute_id = $1 AND status = 'UPHELD' AND decided_at <= $2`,
      [election.disputeId, election.closedAt ?? this.clock.now()],
    );
    const withdrawn = upheld.map((r) => labels.get(r.person_id)).filter((label): label is string => label !== undefined);
    return { candidates, labels, ballots, withdrawn };
  }

  private async countBallots(
    ctx: CommandContext,
    election: ElectionEntity,
  ): Promise<{ result: CountResult; persons: Map<string, RosterPersonEntity> }> {
    const { candidates, labels, ballots, withdrawn } = await this.countInput(ctx.em, election);
    const result = count({
      candidates: [...labels.values()],
      seats: election.seats,
      ballots: ballots.map((ranking) => ({ ranking })),
      withdrawn,
      seed: election.seed,
      rules: election.rules,
    });
    const persons = new Map(candidates.map((p) => [labels.get(p.id) as string, p]));
    return { result, persons };
  }

  /**
   * The elected take their seats. A full election composes the panel through the procedure
   * engine (DSU 8.6), recorded on the secretariat's behalf, which set the closing time; the
   * first elected chairs it. A vacancy election fills the seat; the chair stays with the
   * earliest elected.
   */
  private async seatElected(ctx: CommandContext, election: ElectionEntity, elected: RosterPersonEntity[]): Promise<void> {
    const hasChair = election.kind === 'VACANCY';
    await this.seats.seat(
      ctx,
      election.disputeId,
      election.id,
      elected.map((person, rank) => ({ personId: person.id, userId: person.userId, chair: !hasChair && rank === 0, electedRank: rank })),
    );
    const summary = {
      turnout: election.turnout,
      electorate: election.electorateSize,
      elected: elected.map((p) => p.name),
      // The first elected chairs a panel that has no chair yet (DSU 8: the panel's first seat).
      chair: !hasChair && elected[0] ? elected[0].name : null,
      published: election.ballotsPublished,
      publicationMin: this.config.BALLOT_PUBLICATION_MIN,
      seed: election.seed,
    };
    if (election.kind === 'PANEL') {
      await this.disputes.perform(ctx, election.disputeId, 'composePanel', {}, undefined, {
        onBehalfOf: ['SECRETARIAT'],
        docket: { message: 'docket.composePanelByElection', params: summary },
      });
    } else {
      await this.docket.append(ctx, {
        disputeId: election.disputeId,
        actorRole: 'SECRETARIAT',
        kind: 'fillVacancy',
        message: 'docket.electionClosed',
        params: summary,
      });
    }
  }
}
