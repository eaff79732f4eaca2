import { Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Actor,
  AuditCheckpoint,
  AuditCheckpoints,
  CurrentUser,
  LocalDateScalar,
  Public,
  Roles,
  toAuditCheckpoint,
  upperEach,
} from '@app/core';
import { toIsoDate } from '@app/procedure';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsString, IsUUID, Matches } from 'class-validator';
import { BodyMeetingEntity } from './body-meeting.entity';
import { BodyMeetingsService } from './body-meetings.service';
import { ClosedDaysArgs } from '../closed-days/dto/closed-day.args';

@ObjectType({ description: 'A meeting of the dispute body' })
export class BodyMeeting {
  @Field(() => ID, { description: "The meeting's id (UUID): pass it as meetingId with a decision of the body" })
  id: string;

  @Field(() => LocalDateScalar, { description: "The day it is held (ISO date, the body's time zone)" })
  heldOn: string;

  @Field(() => LocalDateScalar, { description: 'The day it was convened: the notice runs from it' })
  convenedOn: string;

  @Field(() => [String], { nullable: true, description: 'The members present (codes), once recorded' })
  presentMembers: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Status reports this meeting made due (when scheduled)' })
  statusReportsDue: number | null;
}

function toBodyMeeting(m: BodyMeetingEntity, statusReportsDue: number | null = null): BodyMeeting {
  return {
    id: m.id,
    heldOn: m.heldOn,
    convenedOn: toIsoDate(m.recordedAt),
    presentMembers: m.presentMembers,
    statusReportsDue,
  };
}

@ArgsType()
class MeetingAttendanceArgs {
  @Field(() => ID, { description: 'The meeting (UUID); attendance is recorded from the day it is held' })
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;

  @Field(() => [String], { description: 'The members present (ISO 3166-1 alpha-3 codes)' })
  @ArrayMinSize(1, { message: 'presentMembers must name at least one member' })
  @ArrayMaxSize(500)
  @Transform(upperEach)
  @ArrayUnique()
  @Matches(/^[A-Z]{3}$/, { each: true, message: 'presentMembers must be three-letter member codes' })
  presentMembers: string[];
}

@ArgsType()
class ScheduleBodyMeetingArgs {
  @Field(() => LocalDateScalar, {
    description:
      "The day it is held: a future day (ISO date, the body's time zone). A decision counts only with BODY_MEETING_NOTICE_DAYS of notice",
  })
  @IsString()
  heldOn: string;
}

@Resolver(() => BodyMeeting)
export class BodyMeetingsResolver {
  constructor(
    private readonly meetings: BodyMeetingsService,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  // Public like the meeting: the body's anchor of its audit trail, for the members to keep.
  @ResolveField(() => AuditCheckpoint, {
    nullable: true,
    description:
      'The signed checkpoint of the audit trail made when the attendance was recorded (the latest, after a correction); null before',
  })
  async auditCheckpoint(@Parent() meeting: BodyMeeting): Promise<AuditCheckpoint | null> {
    const checkpoint = await this.checkpoints.latestForMeeting(meeting.id);
    return checkpoint ? toAuditCheckpoint(checkpoint) : null;
  }

  @Public()
  @Query(() => [BodyMeeting], { description: "The body's meetings held from `from` to `to`, by day. Public" })
  async bodyMeetings(@Args() { from, to }: ClosedDaysArgs): Promise<BodyMeeting[]> {
    return (await this.meetings.list(from, to)).map((m) => toBodyMeeting(m));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => BodyMeeting, {
    description:
      "Schedules a meeting of the body on a future day; every case under surveillance whose SURVEILLANCE_AGENDA period has run by then goes on its agenda, with the respondent's status report due 10 days before (DSU 21.6). Secretariat only",
  })
  async scheduleBodyMeeting(@CurrentUser() actor: Actor, @Args() { heldOn }: ScheduleBodyMeetingArgs): Promise<BodyMeeting> {
    const { meeting, statusReportsDue } = await this.meetings.schedule(actor, heldOn);
    return toBodyMeeting(meeting, statusReportsDue);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => BodyMeeting, {
    description:
      'Records who attended a meeting of the body, on the day or after (a correction is a new list): the body decides only with a quorum (BODY_QUORUM_PERCENT of the active members). Signs a checkpoint of the audit trail. Secretariat only',
  })
  async recordMeetingAttendance(
    @CurrentUser() actor: Actor,
    @Args() { meetingId, presentMembers }: MeetingAttendanceArgs,
  ): Promise<BodyMeeting> {
    return toBodyMeeting(await this.meetings.recordAttendance(actor, meetingId, presentMembers));
  }
}
