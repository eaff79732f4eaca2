import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, LocalDateScalar, Public, Roles } from '@app/core';
import { ClosedDayChange, ClosedDaysService } from './closed-days.service';
import { ClosedDayEntity } from './closed-day.entity';
import { ClosedDayArgs, ClosedDaysArgs, RemoveClosedDayArgs } from './dto/closed-day.args';

@ObjectType({ description: 'A day the body is closed; deadlines falling on it move to the next working day' })
export class ClosedDay {
  @Field(() => LocalDateScalar, { description: "The day (ISO date, the body's time zone)" })
  day: string;

  @Field({ description: 'Why the body is closed, e.g. a public holiday' })
  reason: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Only in the answer to addClosedDay: the running time limits that moved off the day (each docketed)',
  })
  movedDeadlines: number | null;
}

const toClosedDay = (e: ClosedDayEntity, movedDeadlines: number | null = null): ClosedDay => ({
  day: e.day,
  reason: e.reason,
  movedDeadlines,
});
const fromChange = (change: ClosedDayChange): ClosedDay => toClosedDay(change.closedDay, change.movedDeadlines);

@Resolver(() => ClosedDay)
export class ClosedDaysResolver {
  constructor(private readonly service: ClosedDaysService) {}

  @Public()
  @Query(() => String, {
    description:
      "The body's time zone (IANA name): every date of the procedure is a day there, and a limit due on a day runs to midnight there. Public",
  })
  timeZone(): string {
    return this.service.timeZone();
  }

  @Public()
  @Query(() => [ClosedDay], { description: 'Closed days from `from` to `to` (at most a year), by day. Public' })
  async closedDays(@Args() { from, to }: ClosedDaysArgs): Promise<ClosedDay[]> {
    return (await this.service.list(from, to)).map((e) => toClosedDay(e));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ClosedDay, {
    description: 'Closes a day; running time limits ending on it move to the next working day (each move docketed). Secretariat only',
  })
  async addClosedDay(@CurrentUser() actor: Actor, @Args() { day, reason }: ClosedDayArgs): Promise<ClosedDay> {
    return fromChange(await this.service.add(actor, day, reason));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Boolean, {
    description: 'Reopens a day; time limits moved past it come back to the day they now end on. Secretariat only',
  })
  async removeClosedDay(@CurrentUser() actor: Actor, @Args() { day }: RemoveClosedDayArgs): Promise<boolean> {
    await this.service.remove(actor, day);
    return true;
  }
}
