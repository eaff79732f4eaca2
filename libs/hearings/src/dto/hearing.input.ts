import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, IsInstant, LocalDateScalar, graphqlEnum } from '@app/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DocumentFileInput } from '@app/registry';
import { HEARING_KINDS, type HearingKind } from '../hearings/hearing.entity';

export const HearingKindEnum = graphqlEnum(HEARING_KINDS, 'HearingKind', 'The kinds of panel meeting (DSU Appendix 3)', {
  ORGANISATIONAL_MEETING: "The panel's meeting with the parties on its working procedures and timetable (DSU 12.3)",
  FIRST_SUBSTANTIVE_MEETING: 'First substantive meeting with the parties (Appendix 3 ¶5)',
  THIRD_PARTY_SESSION: 'The session at which third parties present their views (DSU 10.2, Appendix 3 ¶6)',
  SECOND_SUBSTANTIVE_MEETING: 'Second substantive meeting, for rebuttals (Appendix 3 ¶7)',
  EXPERT_CONSULTATION: 'A meeting with experts the panel consults (DSU 13)',
  INTERIM_REVIEW_MEETING: 'A further meeting with the parties on the issues they raised on the interim report (DSU 15.2)',
});

@InputType({
  description:
    'A hearing to schedule; refused if a panelist, a party, the room or staff are already booked, or a party declared the day unavailable',
})
export class ScheduleHearingInput {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => HearingKindEnum, {
    description: 'Which meeting of the panel; a THIRD_PARTY_SESSION also invites the third parties in the panel proceedings',
  })
  @IsIn(HEARING_KINDS)
  kind: HearingKind;

  @Field({ description: 'When it starts: an ISO 8601 date-time with its offset, e.g. 2026-03-02T09:00:00+01:00' })
  @IsInstant()
  startsAt: Date;

  @Field({ description: 'When it ends: an ISO 8601 date-time with its offset' })
  @IsInstant()
  endsAt: Date;

  @Field({ description: 'IANA time zone it is shown in, e.g. Europe/Geneva' })
  @IsString()
  @Length(1, 64)
  timeZone: string;

  @Field(() => ID, { nullable: true, description: 'A room from the secretariat’s list' })
  @IsOptional()
  @IsUUID('all', { message: 'roomId must be a room id' })
  roomId?: string | null;

  @Field(() => String, { nullable: true, description: 'An https:// link for a virtual or hybrid hearing' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  virtualLink?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Secretariat staff attending, by user id' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'staffUserIds must list user ids' })
  staffUserIds: string[] = [];
}

@InputType({ description: 'A new time (and venue) for a hearing; the reason goes on the docket' })
export class RescheduleHearingInput {
  @Field(() => ID, { description: 'The hearing (UUID)' })
  @IsUUID('all', { message: 'hearingId must be a hearing id' })
  hearingId: string;

  @Field({ description: 'The new start (UTC instant)' })
  @IsInstant()
  startsAt: Date;

  @Field({ description: 'The new end (UTC instant)' })
  @IsInstant()
  endsAt: Date;

  @Field(() => String, { nullable: true, description: 'Keeps the current zone when left out' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Keeps the current venue when neither room nor link is given' })
  @IsOptional()
  @IsUUID('all', { message: 'roomId must be a room id' })
  roomId?: string | null;

  @Field(() => String, { nullable: true, description: 'A new https:// link; keeps the current venue when neither room nor link is given' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  virtualLink?: string | null;

  @Field({ description: 'Why; it goes on the docket' })
  @IsString()
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}

@InputType({ description: 'A hearing to cancel, with the reason' })
export class CancelHearingInput {
  @Field(() => ID, { description: 'The hearing (UUID)' })
  @IsUUID('all', { message: 'hearingId must be a hearing id' })
  hearingId: string;

  @Field({ description: 'Why; it goes on the docket' })
  @IsString()
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}

@InputType({ description: 'A room for hearings' })
export class AddHearingRoomInput {
  @Field({ description: "The room's name; unique" })
  @IsString()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true, description: 'Where it is (building, address)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;
}

@InputType({ description: "A day your member's delegation cannot attend hearings" })
export class DeclareUnavailabilityInput {
  @Field(() => LocalDateScalar, { description: 'The day (ISO date), meant in timeZone' })
  @IsString()
  day: string;

  @Field({ defaultValue: 'UTC', description: 'The IANA zone the day is meant in' })
  @IsString()
  @Length(1, 64)
  timeZone: string = 'UTC';

  @Field({ description: 'Why, e.g. a national holiday' })
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters' })
  reason: string;
}

@InputType({
  description: "A party's answer on public observation of a hearing (Appendix 3 ¶2: hearings are closed unless every party agrees)",
})
export class ObservationConsentInput {
  @Field(() => ID, { description: 'The hearing (UUID)' })
  @IsUUID('all', { message: 'hearingId must be a hearing id' })
  hearingId: string;

  @Field({ description: 'true gives consent to public observation; false withholds or withdraws it' })
  @IsBoolean()
  consent: boolean;
}

@InputType({ description: 'Opens or closes a hearing to public observation' })
export class SetHearingPublicInput {
  @Field(() => ID, { description: 'The hearing (UUID)' })
  @IsUUID('all', { message: 'hearingId must be a hearing id' })
  hearingId: string;

  @Field({ name: 'public', description: 'True opens it (every party must have consented); false closes it' })
  @IsBoolean()
  public: boolean;
}

@InputType({ description: 'Narrows a list of hearings; every field given must match' })
export class HearingsFilter {
  @Field({ nullable: true, description: 'Hearings ending after this instant' })
  @IsOptional()
  @IsInstant()
  from?: Date;

  @Field({ nullable: true, description: 'Hearings starting before this instant' })
  @IsOptional()
  @IsInstant()
  to?: Date;

  @Field(() => ID, { nullable: true, description: "Only this dispute's hearings (UUID)" })
  @IsOptional()
  @IsUUID('all')
  disputeId?: string;

  @Field(() => ID, { nullable: true, description: 'A roster person sitting in the hearing' })
  @IsOptional()
  @IsUUID('all')
  panelistId?: string;

  @Field(() => ID, { nullable: true, description: 'Only hearings in this room (UUID)' })
  @IsOptional()
  @IsUUID('all')
  roomId?: string;

  @Field({ defaultValue: false, description: 'Include cancelled hearings' })
  @IsBoolean()
  includeCancelled: boolean = false;
}

@ArgsType()
export class HearingsArgs extends ConnectionArgs {
  @Field(() => HearingsFilter, { nullable: true, description: 'Which hearings; all you may see when omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HearingsFilter)
  filter?: HearingsFilter;
}

@InputType({ description: 'The minutes or transcript of a hearing, with its file (base64)' })
export class FileHearingRecordInput extends DocumentFileInput {
  @Field(() => ID, { description: 'The hearing (UUID)' })
  @IsUUID('all', { message: 'hearingId must be a hearing id' })
  hearingId: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Public, for a hearing the public could observe' })
  @IsBoolean()
  public: boolean = false;
}
