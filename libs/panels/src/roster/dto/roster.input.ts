import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, IsBase64Content, trim } from '@app/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import * as countries from 'i18n-iso-countries';
import { ROSTER_STATUSES, type RosterStatus } from '../roster-person.entity';
import { RosterStatusEnum } from '../roster.type';

// A person may be a national of a non-member, so any assigned country code is accepted, not only
// the members' (DSU 8.3 compares it with the parties' codes).
@ValidatorConstraint({ name: 'nationality' })
export class IsNationality implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && countries.isValid(value);
  }
  defaultMessage(): string {
    return 'nationality must be an assigned ISO 3166-1 alpha-3 country code, such as CHN or KAZ';
  }
}

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

@InputType({ description: "The nominee's CV, published with the approved roster" })
export class RosterCvInput {
  @Field({ description: "The file's name, e.g. cv.pdf" })
  @Transform(trim)
  @Length(1, 255, { message: 'fileName must be 1 to 255 characters' })
  // Control characters are what the pattern refuses.
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^/\\\u0000-\u001f"]+$/, { message: 'fileName must be a plain file name, without folders' })
  fileName: string;

  @Field({ description: 'e.g. application/pdf' })
  @Matches(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { message: 'mediaType must be a media type such as application/pdf' })
  mediaType: string;

  @Field({ description: 'The file, base64-encoded; at most 5 MB' })
  @IsString()
  @IsBase64Content({ message: 'content must be base64-encoded' })
  content: string;
}

@InputType({ description: 'A person your member proposes for the roster (DSU 8.1, 8.4)' })
export class NominateRosterPersonInput {
  @Field({ description: 'Full name' })
  @Transform(trim)
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the nationality, e.g. PAK; a non-member is allowed' })
  @Transform(upper)
  @Validate(IsNationality)
  nationality: string;

  @Field(() => [String], { description: 'Fields of expertise, e.g. "trade in goods", "SPS"' })
  @Transform(trimEach)
  @ArrayMinSize(1, { message: 'expertise must name at least one field' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Length(1, 100, { each: true, message: 'each field of expertise must be 1 to 100 characters' })
  expertise: string[];

  @Field(() => [String], { description: 'Working languages, e.g. "English", "Chinese"' })
  @Transform(trimEach)
  @ArrayMinSize(1, { message: 'languages must name at least one language' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Length(1, 50, { each: true, message: 'each language must be 1 to 50 characters' })
  languages: string[];

  @Field({ defaultValue: true, description: 'Whether the person can serve now' })
  @IsBoolean()
  available: boolean = true;

  @Field(() => RosterCvInput, { nullable: true, description: 'The CV, published once the person is approved' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RosterCvInput)
  cv?: RosterCvInput;
}

@ArgsType()
export class DecideNominationArgs {
  @Field(() => ID, { description: 'The nomination (UUID)' })
  @IsUUID('all', { message: 'id must be a roster person id' })
  id: string;

  @Field({ description: 'true approves the nomination (DSU 8.4), false rejects it' })
  @IsBoolean()
  approve: boolean;

  @Field({ nullable: true, description: 'Required when rejecting' })
  @IsOptional()
  @Transform(trim)
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason?: string;
}

@ArgsType()
export class RemoveRosterPersonArgs {
  @Field(() => ID, { description: 'The person (UUID)' })
  @IsUUID('all', { message: 'id must be a roster person id' })
  id: string;

  @Field({ description: 'Why; it is recorded with the nomination' })
  @Transform(trim)
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}

@ArgsType()
export class LinkPanelistUserArgs {
  @Field(() => ID, { description: 'The approved roster person (UUID)' })
  @IsUUID('all', { message: 'personId must be a roster person id' })
  personId: string;

  @Field(() => ID, { description: "The person's own user, of role PANELIST (UUID)" })
  @IsUUID('all', { message: 'userId must be a user id' })
  userId: string;
}

@ArgsType()
export class SetAvailabilityArgs {
  @Field(() => ID, { description: 'The roster person (UUID)' })
  @IsUUID('all', { message: 'personId must be a roster person id' })
  personId: string;

  @Field({ description: 'True: can serve now; false: cannot (not eligible while so)' })
  @IsBoolean()
  available: boolean;
}

@InputType({ description: 'Narrows the roster; every field given must match' })
export class RosterFilter {
  @Field({ nullable: true, description: 'A field of expertise the person lists (case-insensitive)' })
  @IsOptional()
  @Transform(trim)
  @Length(1, 100, { message: 'expertise must be 1 to 100 characters' })
  expertise?: string;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-3 code' })
  @IsOptional()
  @Transform(upper)
  @Validate(IsNationality)
  nationality?: string;
}

@ArgsType()
export class RosterArgs extends ConnectionArgs {
  @Field(() => RosterFilter, { nullable: true, description: 'Which persons; the whole approved roster when omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RosterFilter)
  filter?: RosterFilter;
}

@ArgsType()
export class NominationsArgs extends ConnectionArgs {
  @Field(() => RosterStatusEnum, { nullable: true, description: 'Only nominations in this status' })
  @IsOptional()
  @IsIn(ROSTER_STATUSES)
  status?: RosterStatus;
}
