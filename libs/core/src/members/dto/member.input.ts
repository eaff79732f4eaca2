import { trim, upper } from '../../graphql/transforms';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Length, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import * as countries from 'i18n-iso-countries';
import { LocalDateScalar, isLocalDate } from '../../graphql/local-date.scalar';
import { IsOmittable } from '../../graphql/omittable';
import { ConnectionArgs } from '../../graphql/pagination';
import { MEMBER_STATUSES, MemberStatus } from '../member.entity';
import { MemberStatusEnum } from '../member.type';

@ValidatorConstraint({ name: 'iso3166Alpha3' })
export class IsIso3166Alpha3 implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && countries.isValid(value);
  }
  defaultMessage(): string {
    return 'code must be an assigned ISO 3166-1 alpha-3 country code, such as CHN or KAZ';
  }
}

@ValidatorConstraint({ name: 'localDate' })
export class IsLocalDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isLocalDate(value);
  }
  defaultMessage(): string {
    return 'must be a calendar date YYYY-MM-DD';
  }
}

@InputType({ description: 'A state joining the organisation' })
export class CreateMemberInput {
  @Field({ description: 'ISO 3166-1 alpha-3 code, e.g. KAZ' })
  @Transform(upper)
  @Validate(IsIso3166Alpha3)
  code: string;

  @Field({ description: "The member's name, 1 to 200 characters" })
  @Transform(trim)
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field(() => LocalDateScalar, { description: 'The day it joined (ISO date)' })
  @Validate(IsLocalDate)
  joinedOn: string;

  @Field(() => MemberStatusEnum, { defaultValue: 'ACTIVE', description: 'ACTIVE unless given' })
  @IsIn(MEMBER_STATUSES)
  status: MemberStatus = 'ACTIVE';
}

@InputType({ description: 'Changes to a member; omitted fields stay as they are' })
export class UpdateMemberInput {
  @Field(() => ID, { description: "The member's id (UUID)" })
  @IsUUID('all', { message: 'id must be a member id' })
  id: string;

  @Field(() => Int, { description: 'The version you read; the update is refused if it changed' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true, description: 'The new name' })
  @IsOmittable()
  @Transform(trim)
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The corrected day of joining (ISO date)' })
  @IsOmittable()
  @Validate(IsLocalDate)
  joinedOn?: string;

  @Field(() => MemberStatusEnum, { nullable: true, description: 'ACTIVE, or SUSPENDED' })
  @IsOmittable()
  @IsIn(MEMBER_STATUSES)
  status?: MemberStatus;
}

@ArgsType()
export class MembersArgs extends ConnectionArgs {
  @Field(() => MemberStatusEnum, { nullable: true, description: 'Only members of this status' })
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: MemberStatus;
}
