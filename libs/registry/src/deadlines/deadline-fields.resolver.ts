import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphqlContext, notFound } from '@app/core';
import { Dispute, toDispute } from '../disputes/dispute.type';
import { DisputesService } from '../disputes/disputes.service';
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
}
