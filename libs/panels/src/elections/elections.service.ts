import { Injectable } from '@nestjs/common';
import {
  Actor,
  AppConfig,
  CommandContext,
  CommandRunner,
  DomainError,
  Page,
  RequestLoaders,
  keysetPage,
  groupedInKeyOrder,
  inKeyOrder,
  badInput,
  forbidden,
  notFound,
  requireRole,
  MembersService,
} from '@app/core';
import { addDays, latestRow, startOfDay, toIsoDate } from '@app/procedure';
import { DisputesService, DocketService, PanelSeatsService, type DocketMessage } from '@app/registry';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { EligibilityService } from '../eligibility/eligibility.service';
import { RosterPersonEntity } from '../roster/roster-person.entity';
import { BallotKeys } from './ballot-keys';
import { sealBallot } from './ballot-seal';
import { CastBallotInput, OpenElectionInput, toCountingRules } from './dto/election.input';
import { ElectionsArgs } from './dto/elections.args';
import {
  BallotEntity,
  ElectionCandidateEntity,
  ElectionElectorEntity,
  ElectionEntity,
  ElectionVoteEntity,
  SealedBallotEntity,
} from './election.entity';
import { newReceipt, newSeed, normaliseReceipt } from './receipts';

// DSU 8.5: three panelists unless the parties agree, within 10 days of establishment, on five.
const PANEL_SIZE = 3;
const PANEL_SIZE_AGREED = 5;
const DAY_MS = 86_400_000;

/** Opening elections and casting ballots; closing and the count are in ElectionClosingService. */
@Injectable()
export class ElectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly eligibility: EligibilityService,
    private readonly config: AppConfig,
    private readonly keys: BallotKeys,
    private readonly members: MembersService,
    private readonly seats: PanelSeatsService,
  ) {}

  open(actor: Actor | null, input: OpenElectionInput): Promise<ElectionEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'openElection' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, input.disputeId, true);
      if (input.closesAt.getTime() <= input.opensAt.getTime()) {
        throw badInput('input.closesAt', 'closesAt must be after opensAt', 'CLOSES_BEFORE_OPENING');
      }
      if (input.closesAt.getTime() <= ctx.now.getTime()) {
        throw badInput('input.closesAt', 'closesAt must be in the future', 'CLOSES_IN_THE_PAST');
      }
      // Members vote from their capitals: a ballot open for minutes is no election.
      const minimumDays = this.config.ELECTION_MIN_VOTING_DAYS;
      if (input.closesAt.getTime() - input.opensAt.getTime() < minimumDays * DAY_MS) {
        throw badInput(
          'input.closesAt',
          `The vote must stay open at least ${minimumDays} days (the body's rule): close at ${new Date(input.opensAt.getTime() + minimumDays * DAY_MS).toISOString()} or later`,
          'VOTING_PERIOD_TOO_SHORT',
        );
      }
      const snapshot = await this.disputes.procedureOf(ctx.em, dispute.id);
      const size = snapshot.events.FIVE_PANELISTS_AGREED ? PANEL_SIZE_AGREED : PANEL_SIZE;
      const everSeated = await this.seats.history(ctx.em, dispute.id);
      const seated = everSeated.filter((m) => m.vacatedAt === null);
      let seats: number;
      if (input.vacancy) {
        seats = size - seated.length;
        if (dispute.stage === 'PANEL_ESTABLISHED' || seats <= 0) {
          throw new DomainError('INVALID_TRANSITION', 'NO_VACANCY', 'The panel has no vacant seat to fill');
        }
      } else {
        // DSU 8: the panel is composed once it is established, and only once.
        if (dispute.stage !== 'PANEL_ESTABLISHED') {
          throw new DomainError(
            'INVALID_TRANSITION',
            'NOT_ESTABLISHED',
            `A panel election opens once the panel is established; the dispute is at ${dispute.stage}`,
          );
        }
        seats = size;
        // The panel is composed at the close: by then no challenge may still come (DSU 8.6).
        const challenges = latestRow(snapshot, 'CANDIDATE_CHALLENGES');
        if (challenges && challenges.status === 'OPEN' && input.closesAt.getTime() < startOfDay(addDays(challenges.dueDate, 1)).getTime()) {
          throw badInput(
            'input.closesAt',
            `The election closes after the parties' period to challenge candidates, which ends on ${challenges.dueDate} (CANDIDATE_CHALLENGES, DSU 8.6)`,
            'CLOSES_BEFORE_CHALLENGES_END',
          );
        }
      }
      const { result, persons } = await this.eligibility.evaluateWithPersons(ctx.em, dispute.id);
      // Those who sit on the panel, and those who left it, do not stand again for its seats.
      const sitting = new Set(everSeated.map((m) => m.personId));
      const candidates = result.eligible.filter((id) => !sitting.has(id)).map((id) => persons.get(id) as RosterPersonEntity);
      if (candidates.length < seats) {
        throw new DomainError(
          'INVALID_TRANSITION',
          'TOO_FEW_CANDIDATES',
          `${candidates.length} eligible candidate(s) for ${seats} seat(s): the roster must offer more`,
        );
      }
      const parties = await this.disputes.partiesOf(ctx.em, dispute.id);
      const partyIds = new Set(parties.filter((p) => p.kind !== 'THIRD_PARTY').map((p) => p.memberId));
      // The electorate: active members that are not parties (libs/panels/README.md); third parties vote.
      const electorate = (await this.members.active(ctx.em)).filter((m) => !partyIds.has(m.id));
      const { seed, seedHash } = newSeed();
      // The id first: the election's ballot key is derived from it (ballot-keys.ts).
      const id = randomUUID();
      const election = await ctx.em.getRepository(ElectionEntity).save(
        ctx.em.create(ElectionEntity, {
          id,
          ballotKey: this.keys.keyPair(id).publicKey,
          ballotsPublished: false,
          disputeId: dispute.id,
          kind: input.vacancy ? 'VACANCY' : 'PANEL',
          seats,
          status: 'OPEN',
          rules: toCountingRules(input.rules),
          quorumPercent: input.quorumPercent,
          opensAt: input.opensAt,
          closesAt: input.closesAt,
          seed,
          seedHash,
          electorateSize: electorate.length,
          turnout: null,
          result: null,
          closedAt: null,
        }),
      );
      const ordered = [...candidates].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      await ctx.em
        .getRepository(ElectionCandidateEntity)
        .insert(ordered.map((p, position) => ({ electionId: election.id, personId: p.id, position })));
      if (electorate.length) {
        await ctx.em.getRepository(ElectionElectorEntity).insert(electorate.map((m) => ({ electionId: election.id, memberId: m.id })));
      }
      const docket: DocketMessage = {
        message: 'docket.openElection',
        params: {
          seats,
          candidateCount: ordered.length,
          candidates: ordered.map((p) => p.name),
          electorate: electorate.length,
          opensAt: input.opensAt.toISOString(),
          closesAt: input.closesAt.toISOString(),
          seedHash,
        },
      };
      if (input.vacancy) {
        await this.docket.append(ctx, { disputeId: dispute.id, actorRole: 'SECRETARIAT', kind: 'openElection', ...docket });
      } else {
        // The engine's step: it refuses an election while the parties may still agree on five
        // panelists (DSU 8.5), and outside the panel's establishment.
        await this.disputes.perform(ctx, dispute.id, 'openPanelElection', {}, undefined, { docket });
      }
      ctx.target('Election', election.id, { disputeId: dispute.id, seats, seedHash, candidates: ordered.map((p) => p.id) });
      return election;
    });
  }

  /**
   * One ranked ballot per member, final once cast. The vote (who) and the ballot (what) are two
   * rows; the primary key of the vote refuses a second ballot of the same member even under
   * simultaneous casts. The ballot is written sealed to the election's key, receipt included: the
   * two rows share this transaction (xmin, insertion order), so a clear ballot here would be tied
   * to its voter by anyone reading the database. The close opens the sealed ballots and writes
   * them in clear, shuffled, in a transaction of its own (libs/panels/README.md, Ballot secrecy).
   */
  cast(actor: Actor | null, input: CastBallotInput): Promise<{ receipt: string }> {
    const voter = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'castBallot' }, async (ctx) => {
      // FOR SHARE until the commit: the close (FOR UPDATE) waits for the casts that passed this
      // check and counts them, and a cast that reaches it after a close sees the election closed.
      // Without it, a cast stamped before the closing time could commit after the count: a
      // receipt for a ballot the result leaves out. Casts share the lock and never wait on each other.
      const election = await this.get(ctx.em, input.electionId, 'FOR SHARE');
      this.assertVotingOpen(ctx, election);
      const elector = await ctx.em
        .getRepository(ElectionElectorEntity)
        .findOneBy({ electionId: election.id, memberId: voter.memberId as string });
      if (!elector) {
        throw forbidden('Your member is not in this election’s electorate (parties to the dispute do not vote)', 'NOT_IN_ELECTORATE');
      }
      const candidates = await ctx.em.getRepository(ElectionCandidateEntity).findBy({ electionId: election.id });
      const known = new Set(candidates.map((c) => c.personId));
      const stranger = input.ranking.find((id) => !known.has(id));
      if (stranger) throw badInput('input.ranking', `${stranger} is not a candidate in this election`, 'NOT_A_CANDIDATE');
      await ctx.em.getRepository(ElectionVoteEntity).insert({ electionId: election.id, memberId: elector.memberId });
      const receipt = newReceipt();
      // An election opened before ballots were sealed has no stored key: its derived one.
      const key = election.ballotKey ?? this.keys.keyPair(election.id).publicKey;
      const sealed = sealBallot(key, election.id, { receipt, ranking: input.ranking }, candidates.length);
      await ctx.em.getRepository(SealedBallotEntity).insert({ electionId: election.id, sealed });
      // The audit trail records that this user cast a ballot; never the receipt or the ranking.
      ctx.target('Election', election.id);
      return { receipt };
    });
  }

  /**
   * Whether a receipt is among the counted ballots: anyone may check, once the count is out, also
   * when the ballots themselves are not published (fewer than BALLOT_PUBLICATION_MIN). A failed
   * election counted no ballot: false.
   */
  async verifyReceipt(electionId: string, receipt: string): Promise<boolean> {
    const election = await this.get(this.dataSource.manager, electionId);
    if (election.status === 'OPEN') {
      throw new DomainError('NOT_YET_ALLOWED', 'ELECTION_OPEN', 'Receipts can be checked once the election is closed', {
        allowedFrom: toIsoDate(election.closesAt),
      });
    }
    return this.dataSource.getRepository(BallotEntity).existsBy({ electionId, receipt: normaliseReceipt(receipt) });
  }

  async get(em: EntityManager, id: string, lock?: 'FOR SHARE'): Promise<ElectionEntity> {
    const query = em.getRepository(ElectionEntity).createQueryBuilder('e').where('e.id = :id', { id });
    if (lock) query.setLock('pessimistic_read');
    const election = isUUID(id) ? await query.getOne() : null;
    if (!election) throw notFound('Election', id, 'ELECTION_NOT_FOUND');
    return election;
  }

  /**
   * Every election, the latest closing first: all of them are public (the election query shows
   * any one of them by id), and the type shows each only what its state allows (the seed from the
   * close, the ballots and the count only when published).
   */
  list(args: ElectionsArgs): Promise<Page<ElectionEntity>> {
    const qb = this.withoutCount();
    if (args.status) qb.where('e.status = :status', { status: args.status });
    return keysetPage(
      qb,
      args,
      { sortExpression: 'e.closes_at', alias: 'e', sortValue: (e) => e.closesAt.toISOString(), direction: 'DESC' },
      (e) => e,
    );
  }

  /**
   * Elections as `e` with every column but the count (`result`, about 90 kB of JSON an election on
   * the bench data set): a page of 50 read and parsed 4 MB, for lists that seldom show it (issue 17,
   * /elections and the periodic report). Election.count reads it when a query asks for it (countOf).
   */
  private withoutCount(): SelectQueryBuilder<ElectionEntity> {
    const columns = this.dataSource
      .getMetadata(ElectionEntity)
      .columns.filter((c) => c.propertyName !== 'result')
      .map((c) => `e.${c.propertyName}`);
    return this.dataSource.getRepository(ElectionEntity).createQueryBuilder('e').select(columns);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** The counts (`result`) of elections read without them (list), batched per request. */
  countOf(loaders: RequestLoaders): DataLoader<string, Record<string, unknown> | null> {
    return loaders.get(
      'elections.count',
      () =>
        new DataLoader<string, Record<string, unknown> | null>(async (ids) => {
          const rows: { id: string; result: Record<string, unknown> | null }[] = await this.dataSource.query(
            'SELECT id, result FROM elections WHERE id = ANY($1::uuid[])',
            [ids],
          );
          return inKeyOrder(ids, rows, (row) => row.id).map((row) => row?.result ?? null);
        }),
    );
  }

  /** Each dispute's elections (a handful at most), for a page of disputes at once. */
  forDispute(loaders: RequestLoaders): DataLoader<string, ElectionEntity[]> {
    return loaders.get(
      'elections.byDispute',
      () =>
        new DataLoader<string, ElectionEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(ElectionEntity)
            .find({ where: { disputeId: In([...ids]) }, order: { createdAt: 'ASC' } });
          return groupedInKeyOrder(ids, rows, (row) => row.disputeId);
        }),
    );
  }

  /** The elections counted from `start` to before `end` (the periodic report), in the order counted, without their count; at most 500. */
  closedBetween(start: Date, end: Date): Promise<ElectionEntity[]> {
    return this.withoutCount()
      .where("e.status IN ('CLOSED', 'FAILED') AND e.closed_at >= :start AND e.closed_at < :end", { start, end })
      .orderBy('e.closed_at')
      .addOrderBy('e.id')
      .limit(500)
      .getMany();
  }

  candidatesOf(electionId: string): Promise<RosterPersonEntity[]> {
    return this.dataSource
      .getRepository(RosterPersonEntity)
      .createQueryBuilder('p')
      .innerJoin(ElectionCandidateEntity, 'c', 'c.person_id = p.id AND c.election_id = :electionId', { electionId })
      .orderBy('c.position')
      .getMany();
  }

  personsByIds(ids: readonly string[]): Promise<RosterPersonEntity[]> {
    return ids.length ? this.dataSource.getRepository(RosterPersonEntity).findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  private assertVotingOpen(ctx: CommandContext, election: ElectionEntity): void {
    if (election.status !== 'OPEN' || ctx.now.getTime() >= election.closesAt.getTime()) {
      throw new DomainError('DEADLINE_PASSED', 'ELECTION_CLOSED', 'Voting in this election has closed');
    }
    if (ctx.now.getTime() < election.opensAt.getTime()) {
      throw new DomainError('NOT_YET_ALLOWED', 'ELECTION_NOT_OPEN', `Voting opens at ${election.opensAt.toISOString()}`, {
        allowedFrom: toIsoDate(election.opensAt),
      });
    }
  }
}
