import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, LocalDateScalar, Public, Roles } from '@app/core';
import { CalendarService } from './calendar.service';
import { ClosedDayEntity } from './closed-day.entity';
import { ClosedDayArgs, ClosedDaysArgs, RemoveClosedDayArgs } from './dto/closed-day.args';

@ObjectType({ description: 'A day the body is closed; deadlines falling on it move to the next working day' })
export class ClosedDay {
  @Field(() => LocalDateScalar)
  day: string;

  @Field()
  reason: string;
}

const toClosedDay = (e: ClosedDayEntity): ClosedDay => ({ day: e.day, reason: e.reason });

@Resolver(() => ClosedDay)
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Public()
  @Query(() => [ClosedDay], { description: 'Closed days in a range of at most a year' })
  async closedDays(@Args() { from, to }: ClosedDaysArgs): Promise<ClosedDay[]> {
    return (await this.calendar.list(from, to)).map(toClosedDay);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ClosedDay)
  async addClosedDay(@CurrentUser() actor: Actor, @Args() { day, reason }: ClosedDayArgs): Promise<ClosedDay> {
    return toClosedDay(await this.calendar.add(actor, day, reason));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Boolean)
  removeClosedDay(@CurrentUser() actor: Actor, @Args() { day }: RemoveClosedDayArgs): Promise<boolean> {
    return this.calendar.remove(actor, day);
  }
}
