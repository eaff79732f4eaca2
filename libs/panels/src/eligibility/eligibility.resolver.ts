import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, Roles } from '@app/core';
import { ConsentsService } from './consents.service';
import { ConsentToNationalArgs, EligibleCandidatesArgs } from './dto/eligibility.input';
import { EligibilityReport, NationalityWaiver, toEligibilityReport, toNationalityWaiver } from './eligibility.type';
import { EligibilityService } from './eligibility.service';

@Resolver(() => EligibilityReport)
export class EligibilityResolver {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly consents: ConsentsService,
  ) {}

  // docs/procedure.md §2: eligible candidates are computed, not typed; the parties see why others are out.
  @Roles('SECRETARIAT', 'MEMBER_DELEGATE')
  @Query(() => EligibilityReport, {
    description:
      "Who may sit on the dispute's panel, and why the others may not (DSU 8.3, 8.6; Rules of Conduct). The secretariat, or a delegate of a party",
  })
  async eligibleCandidates(@CurrentUser() actor: Actor, @Args() args: EligibleCandidatesArgs): Promise<EligibilityReport> {
    return toEligibilityReport(await this.eligibility.report(actor, args.disputeId));
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => NationalityWaiver, {
    description:
      'Your member, a party, agrees that a national of a party or third party may serve (DSU 8.3); the person becomes eligible once every party agreed. A delegate of the complainant or a respondent',
  })
  async consentToNational(@CurrentUser() actor: Actor, @Args() args: ConsentToNationalArgs): Promise<NationalityWaiver> {
    return toNationalityWaiver(await this.consents.consent(actor, args.disputeId, args.personId));
  }
}
