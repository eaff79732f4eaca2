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
  @Query(() => DisputeConnection, {
    description:
      'Disputes, newest first; filter by stage, member, text or filing day. Public: requests for consultations are circulated to all members (DSU 4.4)',
  })
  async disputes(@Args() args: DisputesArgs): Promise<DisputeConnection> {
    return mapPage(await this.service.list(args), toDispute);
  }

  @Public()
  @Query(() => Dispute, { description: 'One dispute, by id or docket number (give one). Public' })
  async dispute(
    @Args('id', { type: () => ID, nullable: true, description: "The dispute's id (UUID)" }) id?: string,
    @Args('docketNumber', { nullable: true, description: 'Its docket number, e.g. DS7' }) docketNumber?: string,
  ): Promise<Dispute> {
    return toDispute(await this.service.get({ id, docketNumber }));
  }

  @Public()
  @Query(() => DeadlineConnection, { description: 'Time limits across all cases, soonest due first. Public' })
  async deadlines(@Args() args: DeadlinesArgs): Promise<DeadlineConnection> {
    return mapPage(await this.deadlineService.list(args), toDeadline);
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Dispute, {
    description:
      'Files a request for consultations (DSU 4.3-4.4): a new dispute with your member as complainant. A member delegate of an active member',
  })
  async requestConsultations(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The request: respondents, measures, legal basis, summary' }) input: RequestConsultationsInput,
  ): Promise<Dispute> {
    return toDispute(await this.service.requestConsultations(actor, input));
  }

  @Mutation(() => Dispute, {
    description:
      "Takes a step of the procedure; refused with the reason (and, when a date decides it, the day it becomes allowed) when not allowed. Any signed-in user: each step says who may take it (a party's delegate, a member's, a panelist seated on the dispute, the secretariat, or the secretariat recording a decision of the body at a meeting); see ProcedureAction and Dispute.allowedActions",
  })
  async takeAction(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The dispute, the step, and what the step needs' }) input: TakeActionInput,
  ): Promise<Dispute> {
    return toDispute(await this.service.takeAction(actor, input));
  }
}
