import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { LocalDateScalar, graphqlEnum } from '@app/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { TIMETABLE_STEP_KINDS, type TimetableStepKind } from './appendix3';
import { TIMETABLE_STEP_STATUSES, type TimetableStepStatus } from './timetable-step.entity';

export const TimetableStepKindEnum = graphqlEnum(TIMETABLE_STEP_KINDS, 'TimetableStepKind', 'Steps of the panel timetable (DSU Appendix 3 ¶12)');
export const TimetableStepStatusEnum = graphqlEnum(TIMETABLE_STEP_STATUSES, 'TimetableStepStatus');

@InputType()
export class TimetableStepDate {
  @Field(() => TimetableStepKindEnum)
  @IsIn(TIMETABLE_STEP_KINDS)
  kind: TimetableStepKind;

  @Field(() => LocalDateScalar)
  @IsString()
  dueDate: string;
}

@InputType()
export class AdoptTimetableInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Counted from this date; today when left out' })
  @IsOptional()
  @IsString()
  startDate?: string;

  @Field(() => [TimetableStepDate], { defaultValue: [], description: 'Dates that differ from the Appendix 3 proposal' })
  @ArrayMaxSize(TIMETABLE_STEP_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => TimetableStepDate)
  steps: TimetableStepDate[] = [];
}

@ArgsType()
export class TimetableStepsArgs {
  @Field(() => TimetableStepStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(TIMETABLE_STEP_STATUSES)
  status?: TimetableStepStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  disputeId?: string;
}
