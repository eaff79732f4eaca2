import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphqlContext, notFound, requestLanguage } from '@app/core';
import { Dispute, toDispute } from '../disputes/dispute.type';
import { DisputesService } from '../disputes/disputes.service';
import { REQUEST_LANGUAGE_ARG, parseOptionalLanguage } from '../languages/language';
import { limitDescription } from './deadline-description';
import { Deadline } from './deadline.type';

@Resolver(() => Deadline)
export class DeadlineFieldsResolver {
  constructor(private readonly disputes: DisputesService) {}

  @ResolveField(() => Dispute, { description: 'The dispute it runs in' })
  async dispute(@Parent() deadline: Deadline, @Context() ctx: GraphqlContext): Promise<Dispute> {
    const dispute = await this.disputes.byIdLoader(ctx.loaders).load(deadline.disputeId);
    if (!dispute) throw notFound('Dispute', deadline.disputeId, 'DISPUTE_NOT_FOUND');
    return toDispute(dispute);
  }

  @ResolveField(() => String, {
    description: "The limit in one sentence, in the language asked for (the English is the procedure's own wording)",
  })
  description(
    @Parent() deadline: Deadline,
    @Context() ctx: GraphqlContext,
    @Args('language', REQUEST_LANGUAGE_ARG) language?: string | null,
  ): string {
    return limitDescription(parseOptionalLanguage(language, 'language') ?? requestLanguage(ctx), deadline.rule);
  }
}
