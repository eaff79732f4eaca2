import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { LocalDateScalar, graphqlEnum } from '@app/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { TIMETABLE_STEP_KINDS, type TimetableStepKind } from './appendix3';
import { TIMETABLE_STEP_STATUSES, type TimetableStepStatus } from './timetable-step.entity';

export const TimetableStepKindEnum = graphqlEnum(
  TIMETABLE_STEP_KINDS,
  'TimetableStepKind',
  'Steps of the panel timetable (DSU Appendix 3 ¶12)',
  {
    FIRST_SUBMISSION_COMPLAINANT: "The complainant's first written submission (Appendix 3 ¶12(a))",
    FIRST_SUBMISSION_RESPONDENT: "The respondent's first written submission (Appendix 3 ¶12(a))",
    FIRST_SUBSTANTIVE_MEETING: 'The first substantive meeting with the parties (Appendix 3 ¶12(b))',
    THIRD_PARTY_SESSION: 'The third-party session (Appendix 3 ¶12(b))',
    REBUTTALS: "The parties' written rebuttals (Appendix 3 ¶12(c))",
    SECOND_SUBSTANTIVE_MEETING: 'The second substantive meeting (Appendix 3 ¶12(d))',
    DESCRIPTIVE_PART: 'The descriptive part of the report issued to the parties (Appendix 3 ¶12(e), DSU 15.1)',
    COMMENTS_ON_DESCRIPTIVE_PART: "The parties' comments on the descriptive part (Appendix 3 ¶12(f))",
    INTERIM_REPORT: 'The interim report issued to the parties (Appendix 3 ¶12(g), DSU 15.2)',
    REVIEW_REQUESTS: "The parties' requests for review of parts of the interim report (Appendix 3 ¶12(h))",
    INTERIM_REVIEW: 'The interim review, with any further meeting (Appendix 3 ¶12(i))',
    FINAL_REPORT_TO_PARTIES: 'The final report issued to the parties (Appendix 3 ¶12(j))',
    CIRCULATION: 'The final report circulated to the members (Appendix 3 ¶12(k))',
  },
);
export const TimetableStepStatusEnum = graphqlEnum(
  TIMETABLE_STEP_STATUSES,
  'TimetableStepStatus',
  'Where a step of the timetable stands; the same states as its deadline row',
  {
    OPEN: "Running (or stopped while the panel's work is suspended)",
    MET: 'The step happened in time',
    MISSED: 'The date passed without the step, or it came late',
    EXTENDED: 'Moved: replaced by a later date',
    LAPSED: 'A period ran its course without its act; nobody owed it',
    SUPERSEDED: 'No longer applies (the case moved on, a meeting the panel dispensed with)',
  },
);

@InputType({ description: 'A step of the timetable with the date the panel sets' })
export class TimetableStepDate {
  @Field(() => TimetableStepKindEnum, { description: 'The step of Appendix 3 ¶12 to date' })
  @IsIn(TIMETABLE_STEP_KINDS)
  kind: TimetableStepKind;

  @Field(() => LocalDateScalar, { description: "The day it is due (ISO date, the body's time zone)" })
  @IsString()
  dueDate: string;
}

@InputType({ description: "The panel's timetable: Appendix 3 ¶12's proposal from a start date, with the dates the panel changes" })
export class AdoptTimetableInput {
  @Field(() => ID, { description: 'The dispute (UUID)' })
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
  @Field(() => TimetableStepStatusEnum, { nullable: true, description: 'Only steps in this status' })
  @IsOptional()
  @IsIn(TIMETABLE_STEP_STATUSES)
  status?: TimetableStepStatus;

  @Field(() => ID, { nullable: true, description: "Only this dispute's steps (UUID)" })
  @IsOptional()
  @IsUUID('all')
  disputeId?: string;
}
