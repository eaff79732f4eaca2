import { Args, ArgsType, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, LocalDateScalar, Public, Roles } from '@app/core';
import { IsString } from 'class-validator';
import { BodyMeetingsService } from './body-meetings.service';
import { ClosedDaysArgs } from './dto/closed-day.args';

@ObjectType({ description: 'A meeting of the dispute body' })
export class BodyMeeting {
  @Field(() => LocalDateScalar)
  heldOn: string;

  @Field(() => Int, { nullable: true, description: 'Status reports this meeting made due (when scheduled)' })
  statusReportsDue: number | null;
}

@ArgsType()
class ScheduleBodyMeetingArgs {
  @Field(() => LocalDateScalar)
  @IsString()
  heldOn: string;
}

@Resolver(() => BodyMeeting)
export class BodyMeetingsResolver {
  constructor(private readonly meetings: BodyMeetingsService) {}

  @Public()
  @Query(() => [BodyMeeting], { description: "The body's meetings in a range" })
  async bodyMeetings(@Args() { from, to }: ClosedDaysArgs): Promise<BodyMeeting[]> {
    return (await this.meetings.list(from, to)).map((m) => ({ heldOn: m.heldOn, statusReportsDue: null }));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => BodyMeeting, { description: 'Schedules a meeting; cases under surveillance get a status report deadline' })
  async scheduleBodyMeeting(@CurrentUser() actor: Actor, @Args() { heldOn }: ScheduleBodyMeetingArgs): Promise<BodyMeeting> {
    const { meeting, statusReportsDue } = await this.meetings.schedule(actor, heldOn);
    return { heldOn: meeting.heldOn, statusReportsDue };
  }
}
