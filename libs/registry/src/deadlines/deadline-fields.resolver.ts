import { ResolveField, Resolver } from '@nestjs/graphql';
import { GraphqlContext, SchemaArg, notFound, requestLanguage } from '@app/core';
import { Dispute, toDispute } from '../disputes/dispute.type';
import { DisputesService } from '../disputes/disputes.service';
import { LanguageArgs, REQUEST_LANGUAGE_ARG, parseOptionalLanguage } from '../languages/language';
import { limitDescription } from './deadline-description';
import { Deadline } from './deadline.type';

/**
 * A limit's fields, asked for on every row of a list (the public deadlines, a dispute's page):
 * graphql-js's own `(parent, args, context)` and no Nest parameter decorator (see SchemaArg and
 * DisputeFieldsResolver).
 */
@Resolver(() => Deadline)
export class DeadlineFieldsResolver {
  constructor(private readonly disputes: DisputesService) {}

  @ResolveField(() => Dispute, { description: 'The dispute it runs in' })
  async dispute(deadline: Deadline, _args: unknown, ctx: GraphqlContext): Promise<Dispute> {
    const dispute = await this.disputes.byIdLoader(ctx.loaders).load(deadline.disputeId);
    if (!dispute) throw notFound('Dispute', deadline.disputeId, 'DISPUTE_NOT_FOUND');
    return toDispute(dispute);
  }

  @ResolveField(() => String, {
    description: "The limit in one sentence, in the language asked for (the English is the procedure's own wording)",
  })
  description(deadline: Deadline, @SchemaArg('language', REQUEST_LANGUAGE_ARG) args: LanguageArgs, ctx: GraphqlContext): string {
    return limitDescription(parseOptionalLanguage(args.language, 'language') ?? requestLanguage(ctx), deadline.rule);
  }
}
