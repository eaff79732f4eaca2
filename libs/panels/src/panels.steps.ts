import { Injectable } from '@nestjs/common';
import {
  DeadlinesService,
  PanelSeatsService,
  StepProviders,
  engineSteps,
  hasRunOut,
  isTerminalStage,
  toDeadlineRow,
  toIsoDate,
  type AvailableStep,
  type AvailableSteps,
  type LaterStep,
  type StepQuery,
} from '@app/registry';
import { DataSource } from 'typeorm';
import { ChallengeEntity } from './challenges/challenge.entity';
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
    const elections = await this.dataSource.getRepository(ElectionEntity).findBy({ disputeId: dispute.id, status: 'OPEN' });
    const pending = await this.dataSource.getRepository(ChallengeEntity).countBy({ disputeId: dispute.id, status: 'PENDING' });

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
          result.later.push({ action: 'closeElection', mutation: 'closeElection', allowedFrom: toIsoDate(election.closesAt), reason: `The election closes at ${election.closesAt.toISOString()}.` });
        } else if (!pending || election.kind === 'VACANCY') {
          result.now.push({ action: 'closeElection', mutation: 'closeElection' });
        }
      }
      if (pending) result.now.push({ action: 'decideChallenge', mutation: 'decideChallenge' });
    }

    if (actor.role === 'MEMBER_DELEGATE' && actor.memberId) {
      for (const election of elections) {
        if (now.getTime() >= election.closesAt.getTime()) continue;
        const elector = await this.dataSource.getRepository(ElectionElectorEntity).existsBy({ electionId: election.id, memberId: actor.memberId });
        const voted = await this.dataSource.getRepository(ElectionVoteEntity).existsBy({ electionId: election.id, memberId: actor.memberId });
        if (!elector || voted) continue;
        if (now.getTime() >= election.opensAt.getTime()) result.now.push({ action: 'castBallot', mutation: 'castBallot' });
        else result.later.push({ action: 'castBallot', mutation: 'castBallot', allowedFrom: toIsoDate(election.opensAt), reason: `Voting opens at ${election.opensAt.toISOString()}.` });
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
}
