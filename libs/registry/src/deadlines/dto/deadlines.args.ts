import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, LocalDateScalar } from '@app/core';
import { DEADLINE_RULE_CODES, DEADLINE_STATUSES, type DeadlineRuleCode, type DeadlineStatus } from '@app/procedure';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { DeadlineRuleEnum, DeadlineStatusEnum } from '../deadline.type';

@InputType({ description: 'Narrows a list of time limits; every field given must match' })
export class DeadlineFilter {
  @Field(() => LocalDateScalar, { nullable: true, description: 'Due strictly before this day' })
  @IsOptional()
  dueBefore?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Due on or after this day' })
  @IsOptional()
  dueFrom?: string;

  @Field(() => DeadlineStatusEnum, { nullable: true, description: 'Only limits in this status (OPEN: the running ones)' })
  @IsOptional()
  @IsIn(DEADLINE_STATUSES)
  status?: DeadlineStatus;

  @Field(() => ID, { nullable: true, description: 'Only the limits of this dispute (UUID)' })
  @IsOptional()
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId?: string;

  @Field(() => DeadlineRuleEnum, { nullable: true, description: 'Only this time limit' })
  @IsOptional()
  @IsIn(DEADLINE_RULE_CODES)
  rule?: DeadlineRuleCode;

  @Field({ nullable: true, description: 'Deadlines of the disputes this member (alpha-3 code) takes part in' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'member must be a three-letter member code' })
  member?: string;
}

@ArgsType()
export class DeadlinesArgs extends ConnectionArgs {
  @Field(() => DeadlineFilter, { nullable: true, description: 'Which time limits; all when omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeadlineFilter)
  filter?: DeadlineFilter;
}
