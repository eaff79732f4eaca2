import { Args, Query, Resolver } from '@nestjs/graphql';
import { LocalDateScalar, Public } from '@app/core';
import { ReputationService } from './reputation.service';
import { MemberRecord, PeriodicReport } from './reputation.type';

@Resolver()
export class ReputationResolver {
  constructor(private readonly service: ReputationService) {}

  // The body's authority rests on what anyone can check: a member's record is drawn from the
  // public docket, open to all as the docket is (DSU 4.4; README, Public pages).
  @Public()
  @Query(() => MemberRecord, {
    description:
      "A member's public record: its disputes as complainant, respondent and third party, the time limits binding it that it met and " +
      'missed, its status reports (DSU 21.6) on time, late or missing, and compliance with every ruling adopted against it. Public',
  })
  memberRecord(@Args('code', { description: "The member's code (ISO 3166-1 alpha-3)" }) code: string): Promise<MemberRecord> {
    return this.service.memberRecord(code);
  }

  @Public()
  @Query(() => PeriodicReport, {
    description:
      "The body's periodic report for a period (days of the body, both included; at most ten years): disputes filed, settled, " +
      'decided and complied with, time per stage against its limit, compliance outstanding at its end. The same period always ' +
      'gives the same figures once it has ended. Public',
  })
  periodicReport(
    @Args('from', { type: () => LocalDateScalar, description: 'The first day of the period' }) from: string,
    @Args('to', { type: () => LocalDateScalar, description: 'The last day of the period' }) to: string,
  ): Promise<PeriodicReport> {
    return this.service.periodicReport(from, to);
  }
}
