import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, Public, Roles, mapPage } from '@app/core';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DeadlineConnection, toDeadline } from '../deadlines/deadline.type';
import { DeadlinesArgs } from '../deadlines/dto/deadlines.args';
import { Dispute, DisputeConnection, toDispute } from './dispute.type';
import { DisputesService } from './disputes.service';
import { DisputesArgs, RequestConsultationsInput, TakeActionInput } from './dto/dispute.input';

@Resolver(() => Dispute)
export class DisputesResolver {
  constructor(
    private readonly service: DisputesService,
    private readonly deadlineService: DeadlinesService,
  ) {}

  // Requests for consultations are circulated to all members (DSU 4.4) and the docket is public:
  // cases are readable without a sign-in; documents follow their classification.
  @Public()
  @Query(() => DisputeConnection, { description: 'Disputes, newest first' })
  async disputes(@Args() args: DisputesArgs): Promise<DisputeConnection> {
    return mapPage(await this.service.list(args), toDispute);
  }

  @Public()
  @Query(() => Dispute)
  async dispute(
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('docketNumber', { nullable: true }) docketNumber?: string,
  ): Promise<Dispute> {
    return toDispute(await this.service.get({ id, docketNumber }));
  }

  @Public()
  @Query(() => DeadlineConnection, { description: 'Time limits across all cases, soonest first' })
  async deadlines(@Args() args: DeadlinesArgs): Promise<DeadlineConnection> {
    return mapPage(await this.deadlineService.list(args), toDeadline);
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Dispute, { description: 'Files a request for consultations (DSU 4.3-4.4): a new dispute' })
  async requestConsultations(
    @CurrentUser() actor: Actor,
    @Args('input') input: RequestConsultationsInput,
  ): Promise<Dispute> {
    return toDispute(await this.service.requestConsultations(actor, input));
  }

  @Mutation(() => Dispute, { description: 'Takes a step of the procedure; refused with the reason when not allowed' })
  async takeAction(@CurrentUser() actor: Actor, @Args('input') input: TakeActionInput): Promise<Dispute> {
    return toDispute(await this.service.takeAction(actor, input));
  }
}
