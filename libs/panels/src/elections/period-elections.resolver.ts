import { Field, Float, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DisputesService, PeriodicReport, docketNumber, periodAsOf, reportPeriod } from '@app/registry';
import { Clock } from '@app/core';
import { ElectionKindEnum, ElectionStatusEnum } from './election.type';
import type { ElectionKind, ElectionStatus } from './election.entity';
import { ElectionsService } from './elections.service';

@ObjectType({ description: 'An election counted within the period' })
export class PeriodElection {
  @Field({ description: 'The docket number of the dispute whose panel it elected' })
  docketNumber: string;
  @Field(() => ElectionKindEnum, { description: 'A whole panel, or a vacant seat' })
  kind: ElectionKind;
  @Field(() => ElectionStatusEnum, { description: 'CLOSED with a result, or FAILED for want of a quorum' })
  status: ElectionStatus;
  @Field({ description: 'When it was counted (UTC instant)' })
  closedAt: Date;
  @Field(() => Int, { description: 'Members entitled to vote' })
  electorateSize: number;
  @Field(() => Int, { description: 'Members that voted' })
  turnout: number;
}

@ObjectType({ description: 'The panel elections held in a period, and their turnout' })
export class PeriodElections {
  @Field(() => Int, { description: 'Elections counted in the period' })
  held: number;
  @Field(() => Int, { description: 'Of them, failed for want of a quorum' })
  failed: number;
  @Field(() => Float, { nullable: true, description: 'Ballots cast over the members entitled to vote, all elections together (0 to 1)' })
  turnoutShare: number | null;
  @Field(() => [PeriodElection], { description: 'Each election, in the order counted (at most 500)' })
  elections: PeriodElection[];
}

/**
 * The elections of the body's periodic report: a field the panels add to the registry's report,
 * as they add a dispute's panel (README, Architecture). Turnout is public once an election is
 * counted; nothing of a ballot is read.
 */
@Resolver(() => PeriodicReport)
export class PeriodElectionsResolver {
  constructor(
    private readonly electionsService: ElectionsService,
    private readonly disputes: DisputesService,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => PeriodElections, { description: 'Panel elections counted in the period, with their turnout' })
  async elections(@Parent() report: PeriodicReport): Promise<PeriodElections> {
    const period = reportPeriod(report.from, report.to);
    const asOf = periodAsOf(period, this.clock.now());
    const rows = await this.electionsService.closedBetween(period.start, asOf);
    const disputes = new Map(
      (
        await this.disputes.byIds(
          this.electionsService.manager,
          rows.map((r) => r.disputeId),
        )
      ).map((d) => [d.id, d]),
    );
    const electorate = rows.reduce((sum, r) => sum + r.electorateSize, 0);
    const voted = rows.reduce((sum, r) => sum + (r.turnout ?? 0), 0);
    return {
      held: rows.length,
      failed: rows.filter((r) => r.status === 'FAILED').length,
      turnoutShare: electorate ? voted / electorate : null,
      elections: rows.map((r) => ({
        docketNumber: docketNumber(disputes.get(r.disputeId)!),
        kind: r.kind,
        status: r.status,
        closedAt: r.closedAt!,
        electorateSize: r.electorateSize,
        turnout: r.turnout ?? 0,
      })),
    };
  }
}
