import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, GraphqlContext, LocalDateScalar, Public, Roles } from '@app/core';
import { Dispute } from '@app/registry';
import { TimetableStep, toTimetableStep } from '../hearings/hearing.type';
import { AdoptTimetableInput, TimetableStepsArgs } from './timetable.input';
import { TimetableService } from './timetable.service';

@Resolver(() => TimetableStep)
export class TimetableResolver {
  constructor(private readonly timetable: TimetableService) {}

  @Public()
  @Query(() => [TimetableStep], {
    description: 'The Appendix 3 ¶12 default timetable of a dispute from a date (today when left out), as the panel would adopt it. Public',
  })
  async proposedTimetable(
    @Args('disputeId', { type: () => ID, description: 'The dispute (UUID)' }) disputeId: string,
    @Args('startDate', {
      type: () => LocalDateScalar,
      nullable: true,
      description: 'The day the timetable counts from (ISO date); today when left out',
    })
    startDate?: string,
  ): Promise<TimetableStep[]> {
    const steps = await this.timetable.propose(disputeId, startDate ?? undefined);
    return steps.map((s) => ({ id: null, kind: s.kind, dueDate: s.dueDate, status: null, paragraph: s.paragraph }));
  }

  @Public()
  @Query(() => [TimetableStep], { description: 'Adopted timetable steps across cases, by due date (at most 100). Public' })
  async timetableSteps(@Args() args: TimetableStepsArgs): Promise<TimetableStep[]> {
    return (await this.timetable.list(args)).map(toTimetableStep);
  }

  @Roles('PANELIST')
  @Mutation(() => [TimetableStep], {
    description:
      'The panel adopts its timetable and so fixes it in the procedure (DSU 12.3; the step fixTimetable: PANEL_COMPOSED to PANEL_PROCEEDINGS). A panelist seated on the dispute',
  })
  async adoptTimetable(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The start date and the dates that differ from the proposal' }) input: AdoptTimetableInput,
  ): Promise<TimetableStep[]> {
    return (await this.timetable.adopt(actor, input)).map(toTimetableStep);
  }

  @Roles('SECRETARIAT', 'PANELIST')
  @Mutation(() => TimetableStep, {
    description: 'Records a timetable step as done (MET, or MISSED if late). The secretariat, or a panelist seated on the dispute',
  })
  async completeTimetableStep(
    @CurrentUser() actor: Actor,
    @Args('id', { type: () => ID, description: 'The step (UUID)' }) id: string,
  ): Promise<TimetableStep> {
    return toTimetableStep(await this.timetable.complete(actor, id));
  }
}

@Resolver(() => Dispute)
export class DisputeTimetableResolver {
  constructor(private readonly timetables: TimetableService) {}

  @ResolveField(() => [TimetableStep], { description: 'The panel’s adopted timetable, in order' })
  async timetable(@Parent() dispute: Dispute, @Context() ctx: GraphqlContext): Promise<TimetableStep[]> {
    return (await this.timetables.byDispute(ctx.loaders).load(dispute.id)).map(toTimetableStep);
  }
}
