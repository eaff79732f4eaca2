import { Injectable } from '@nestjs/common';
import { groupedInKeyOrder, type RequestLoaders } from '@app/core';
import DataLoader from 'dataloader';
import { hasRunOut, isTerminalStage, toIsoDate } from '@app/procedure';
import {
  DeadlinesService,
  PanelSeatsService,
  StepProviders,
  engineSteps,
  toDeadlineRow,
  type AvailableStep,
  type AvailableSteps,
  type LaterStep,
  type StepQuery,
} from '@app/registry';
import { DataSource, In } from 'typeorm';
import { ElectionElectorEntity, ElectionEntity, ElectionVoteEntity } from './elections/election.entity';

// The stages in which the panel sits, and a vacant seat is filled by election.
const PANEL_SITS = ['PANEL_COMPOSED', 'PANEL_PROCEEDINGS', 'SUSPENDED', 'INTERIM_REVIEW', 'COMPLIANCE_REVIEW'];

/** The panels' steps in a dispute (elections, ballots, challenges), for `dispute.allowedActions`. */
@Injectable()
export class PanelsSteps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seats: PanelSeatsService,
    private readonly deadlines: DeadlinesService,
    steps: StepProviders,
  ) {
    steps.register((query) => this.stepsOf(query));
  }

  private async stepsOf(query: StepQuery): Promise<AvailableSteps> {
    const { actor, dispute, engine, roles, now } = query;
    const result = { now: [] as AvailableStep[], later: [] as LaterStep[] };
    if (isTerminalStage(dispute.stage)) return result;
    // Read for a whole page of disputes at once: one statement each, whatever the page's size.
    const elections = await this.openElections(query.loaders).load(dispute.id);
    const pending = actor.role === 'SECRETARIAT' ? await this.pendingChallenges(query.loaders).load(dispute.id) : 0;

    if (actor.role === 'SECRETARIAT') {
      if (!elections.some((e) => e.kind === 'PANEL')) {
        const opening = engineSteps(engine, { openPanelElection: 'openElection' });
        result.now.push(...opening.now);
        result.later.push(...opening.later);
      }
      if (PANEL_SITS.includes(dispute.stage) && !elections.length) {
        const size = dispute.events.FIVE_PANELISTS_AGREED ? 5 : 3;
        const seated = (await this.seats.byDispute(query.loaders).load(dispute.id)).length;
        if (seated < size) result.now.push({ action: 'openVacancyElection', mutation: 'openElection' });
      }
      for (const election of elections) {
        // DSU 8.6: the panel is composed once every challenge is decided.
        if (election.closesAt.getTime() > now.getTime()) {
          result.later.push({
            action: 'closeElection',
            mutation: 'closeElection',
            allowedFrom: toIsoDate(election.closesAt),
            reason: `The election closes at ${election.closesAt.toISOString()}.`,
          });
        } else if (!pending || election.kind === 'VACANCY') {
          result.now.push({ action: 'closeElection', mutation: 'closeElection' });
        }
      }
      if (pending) result.now.push({ action: 'decideChallenge', mutation: 'decideChallenge' });
    }

    if (actor.role === 'MEMBER_DELEGATE' && actor.memberId) {
      for (const election of elections) {
        if (now.getTime() >= election.closesAt.getTime()) continue;
        const { elector, voted } = await this.electorStatus(query.loaders, actor.memberId).load(election.id);
        if (!elector || voted) continue;
        if (now.getTime() >= election.opensAt.getTime()) result.now.push({ action: 'castBallot', mutation: 'castBallot' });
        else
          result.later.push({
            action: 'castBallot',
            mutation: 'castBallot',
            allowedFrom: toIsoDate(election.opensAt),
            reason: `Voting opens at ${election.opensAt.toISOString()}.`,
          });
      }
      // DSU 8.6: the parties challenge a candidate for cause within the period.
      if (roles.includes('COMPLAINANT') || roles.includes('RESPONDENT')) {
        const rows = (await this.deadlines.byDispute(query.loaders).load(dispute.id)).map(toDeadlineRow);
        const window = rows.find((row) => row.rule === 'CANDIDATE_CHALLENGES' && row.status === 'OPEN');
        if (window && !hasRunOut(window, now)) result.now.push({ action: 'challengeCandidate', mutation: 'challengeCandidate' });
      }
    }
    return result;
  }

  /** Each dispute's open elections (one of each kind at most). */
  private openElections(loaders: RequestLoaders): DataLoader<string, ElectionEntity[]> {
    return loaders.get(
      'panelsSteps.openElections',
      () =>
        new DataLoader<string, ElectionEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(ElectionEntity)
            .find({ where: { disputeId: In([...ids]), status: 'OPEN' }, order: { createdAt: 'ASC' } });
          return groupedInKeyOrder(ids, rows, (row) => row.disputeId);
        }),
    );
  }

  /** How many challenges each dispute has pending (DSU 8.6). */
  private pendingChallenges(loaders: RequestLoaders): DataLoader<string, number> {
    return loaders.get(
      'panelsSteps.pendingChallenges',
      () =>
        new DataLoader<string, number>(async (ids) => {
          const rows: { dispute_id: string; pending: number }[] = await this.dataSource.query(
            `SELECT dispute_id, count(*)::int AS pending FROM challenges WHERE dispute_id = ANY($1::uuid[]) AND status = 'PENDING' GROUP BY dispute_id`,
            [[...ids]],
          );
          const byId = new Map(rows.map((row) => [row.dispute_id, row.pending]));
          return ids.map((id) => byId.get(id) ?? 0);
        }),
    );
  }

  /** Whether the member is an elector of each election, and has voted in it. */
  private electorStatus(loaders: RequestLoaders, memberId: string): DataLoader<string, { elector: boolean; voted: boolean }> {
    return loaders.get(
      `panelsSteps.electorStatus:${memberId}`,
      () =>
        new DataLoader<string, { elector: boolean; voted: boolean }>(async (ids) => {
          const [electors, votes] = await Promise.all([
            this.dataSource.getRepository(ElectionElectorEntity).findBy({ electionId: In([...ids]), memberId }),
            this.dataSource.getRepository(ElectionVoteEntity).findBy({ electionId: In([...ids]), memberId }),
          ]);
          const electorOf = new Set(electors.map((row) => row.electionId));
          const votedIn = new Set(votes.map((row) => row.electionId));
          return ids.map((id) => ({ elector: electorOf.has(id), voted: votedIn.has(id) }));
        }),
    );
  }
}
