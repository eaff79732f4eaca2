import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, LocalDateScalar } from '@app/core';
import { DEADLINE_RULE_CODES, DEADLINE_STATUSES, type DeadlineRuleCode, type DeadlineStatus } from '@app/procedure';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { DeadlineRuleEnum, DeadlineStatusEnum } from '../deadline.type';

@InputType()
export class DeadlineFilter {
  @Field(() => LocalDateScalar, { nullable: true, description: 'Due strictly before this day' })
  @IsOptional()
  dueBefore?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Due on or after this day' })
  @IsOptional()
  dueFrom?: string;

  @Field(() => DeadlineStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(DEADLINE_STATUSES)
  status?: DeadlineStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId?: string;

  @Field(() => DeadlineRuleEnum, { nullable: true })
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
  @Field(() => DeadlineFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeadlineFilter)
  filter?: DeadlineFilter;
}
