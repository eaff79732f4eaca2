import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { graphqlEnum, trim } from '@app/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { DocumentFileInput } from '@app/registry';
import { APPELLATE_OUTCOMES, type AppellateOutcome } from '../appeals/appeal.entity';
import { FINDING_RESULTS, type FindingResult } from '../reports/report.entity';

export const PANEL_REPORT_VERSIONS = ['DESCRIPTIVE_PART', 'INTERIM_REPORT', 'FINAL_REPORT', 'COMPLIANCE_REPORT'] as const;
export type PanelReportVersion = (typeof PANEL_REPORT_VERSIONS)[number];
export const PanelReportVersionEnum = graphqlEnum(PANEL_REPORT_VERSIONS, 'PanelReportVersion', 'A version of the panel report (DSU 15)', {
  DESCRIPTIVE_PART: 'The descriptive sections, issued to the parties for comment (DSU 15.1)',
  INTERIM_REPORT: 'The interim report, issued to the parties for review (DSU 15.2)',
  FINAL_REPORT: 'The final report, issued to the parties and then circulated (DSU 12.7, 16)',
  COMPLIANCE_REPORT: 'The report of a compliance panel (DSU 21.5)',
});
export const FindingResultEnum = graphqlEnum(FINDING_RESULTS, 'FindingResult', 'What the panel found on a claim', {
  INCONSISTENT: 'The measure is inconsistent with the provision',
  CONSISTENT: 'The measure is consistent with the provision',
  NOT_DECIDED: 'The panel made no finding on the claim (e.g. judicial economy)',
  OUTSIDE_TERMS_OF_REFERENCE: "The claim is outside the panel's terms of reference (DSU 7)",
});
export const AppellateOutcomeEnum = graphqlEnum(
  APPELLATE_OUTCOMES,
  'AppellateOutcome',
  'What the appellate report did to a finding (DSU 17.13)',
  {
    UPHELD: 'The finding stands',
    MODIFIED: 'The finding stands as modified',
    REVERSED: 'The finding is reversed',
  },
);

@InputType({ description: 'A finding on one claim' })
export class FindingInput {
  @Field({ description: "One of the dispute's measures" })
  @Transform(trim)
  @Length(1, 500)
  measure: string;

  @Field({ description: "One of the dispute's legal basis (provisions)" })
  @Transform(trim)
  @Length(1, 500)
  provision: string;

  @Field(() => FindingResultEnum, { description: 'What the panel found' })
  @IsIn(FINDING_RESULTS)
  finding: FindingResult;

  @Field({ description: 'A short summary of the reasoning' })
  @Transform(trim)
  @Length(1, 5000)
  reasoning: string;

  @Field(() => String, { nullable: true, description: 'DSU 19.1: bring the measure into conformity' })
  @IsOptional()
  @Transform(trim)
  @Length(1, 5000)
  recommendation?: string;
}

@InputType({ description: 'A version of the panel report, with its document and findings' })
export class SubmitReportInput extends DocumentFileInput {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => PanelReportVersionEnum, {
    description: 'Which version: the descriptive part is issued at once; the others are drafts the panel votes on',
  })
  @IsIn(PANEL_REPORT_VERSIONS)
  version: PanelReportVersion;

  @Field(() => [FindingInput], { defaultValue: [], description: 'Interim and final reports: one per claim' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FindingInput)
  findings: FindingInput[] = [];
}

@ArgsType()
export class VoteArgs {
  @Field(() => ID, { description: 'The draft (report version UUID)' })
  @IsUUID('all', { message: 'reportId must be a report id' })
  reportId: string;

  @Field(() => Boolean, { description: 'True approves the draft; false is against' })
  @IsBoolean()
  approve: boolean;
}

@ArgsType()
export class ReportIdArgs {
  @Field(() => ID, { description: 'The draft a majority approved (report version UUID)' })
  @IsUUID('all', { message: 'reportId must be a report id' })
  reportId: string;
}

@ArgsType()
export class SeparateOpinionArgs {
  @Field(() => ID, { description: 'The report version (UUID)' })
  @IsUUID('all', { message: 'reportId must be a report id' })
  reportId: string;

  @Field({ description: 'The opinion; published unsigned (DSU 14.3)' })
  @Transform(trim)
  @Length(1, 50_000, { message: 'text must be 1 to 50000 characters' })
  text: string;
}

@InputType({ description: "A party's comments on the descriptive part or the interim report, with its document" })
export class CommentOnReportInput extends DocumentFileInput {
  @Field(() => ID, { description: 'The issued descriptive part or interim report (report version UUID)' })
  @IsUUID('all', { message: 'reportId must be a report id' })
  reportId: string;
}

@ArgsType()
export class DisputeIdArgs {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;
}

@ArgsType()
export class AdoptionMeetingArgs {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => ID, { description: 'The meeting of the body (scheduleBodyMeeting; its attendance recorded with recordMeetingAttendance)' })
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;
}

@ArgsType()
export class FileAppealArgs {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => [ID], { description: 'The findings appealed (issues of law, DSU 17.6)' })
  @ArrayMinSize(1, { message: 'findingIds must name at least one finding' })
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'findingIds must be finding ids' })
  findingIds: string[];
}

@ArgsType()
export class AddAppellateMemberArgs {
  @Field({ description: 'Full name' })
  @Transform(trim)
  @Length(1, 200)
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-3' })
  @Matches(/^[A-Z]{3}$/, { message: 'nationality must be a three-letter code' })
  nationality: string;
}

@InputType({ description: "The appellate report's outcome on one appealed finding" })
export class AppellateOutcomeInput {
  @Field(() => ID, { description: 'The appealed finding (UUID)' })
  @IsUUID('all', { message: 'findingId must be a finding id' })
  findingId: string;

  @Field(() => AppellateOutcomeEnum, { description: 'UPHELD, MODIFIED or REVERSED' })
  @IsIn(APPELLATE_OUTCOMES)
  outcome: AppellateOutcome;

  @Field({ description: "A short summary of the appellate report's reasoning" })
  @Transform(trim)
  @Length(1, 5000)
  reasoning: string;
}

@InputType({ description: 'The appellate report, with its document and an outcome per appealed finding' })
export class RecordAppellateReportInput extends DocumentFileInput {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => [AppellateOutcomeInput], { description: 'One per appealed finding' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AppellateOutcomeInput)
  outcomes: AppellateOutcomeInput[];

  @Field(() => String, { nullable: true, description: 'Required once the 60 days of DSU 17.5 have run' })
  @IsOptional()
  @Transform(trim)
  @Length(1, 5000)
  delayReason?: string;
}
