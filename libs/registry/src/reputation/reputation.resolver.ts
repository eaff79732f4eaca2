import { Type } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphqlContext, LocalDateScalar, Public } from '@app/core';
import { DisputeTranslationsService } from '../languages/dispute-translations.service';
import { FILED_LANGUAGE_ARG, parseOptionalLanguage } from '../languages/language';
import { ReputationService } from './reputation.service';
import { ComplianceRecord, MemberDispute, MemberRecord, OutstandingCompliance, PeriodicReport } from './reputation.type';

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

/** A dispute named in a record or a report: its title in the reader's language where one was filed. */
interface NamedDispute {
  disputeId: string;
  language: string;
  title: string;
}

/**
 * `title(language:)` and `languages` on the three records that name a dispute, as on `Dispute`
 * itself: the translations of every dispute a record names are read in one statement.
 */
function disputeTitleResolver<T extends NamedDispute>(type: Type<T>) {
  @Resolver(() => type)
  class DisputeTitleResolver {
    constructor(readonly translations: DisputeTranslationsService) {}

    @ResolveField(() => String, { description: "The dispute's title, in the language asked for where filed in it, else as filed" })
    title(
      @Parent() row: NamedDispute,
      @Context() ctx: GraphqlContext,
      @Args('language', FILED_LANGUAGE_ARG) language?: string | null,
    ): Promise<string> {
      return this.translations.textOf(ctx.loaders, { id: row.disputeId, ...row }, parseOptionalLanguage(language, 'language'), 'title');
    }

    @ResolveField(() => [String], { description: 'The languages the title is given in: the filing language first' })
    languages(@Parent() row: NamedDispute, @Context() ctx: GraphqlContext): Promise<string[]> {
      return this.translations.languagesOf(ctx.loaders, { id: row.disputeId, language: row.language });
    }
  }
  return DisputeTitleResolver;
}

export const MemberDisputeTitleResolver = disputeTitleResolver(MemberDispute);
export const ComplianceRecordTitleResolver = disputeTitleResolver(ComplianceRecord);
export const OutstandingComplianceTitleResolver = disputeTitleResolver(OutstandingCompliance);
