import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, LocalDateScalar, graphqlEnum } from '@app/core';
import { Dispute } from '@app/registry';
import { ADOPTION_ROUNDS, MEETING_OUTCOMES, type AdoptionRound, type MeetingOutcome } from '../adoption/adoption.entity';
import { AppellateOutcomeEnum, FindingResultEnum } from '../dto/rulings.input';
import type { AppellateOutcome } from '../appeals/appeal.entity';
import { REPORT_STATUSES, REPORT_VERSIONS, type FindingResult, type ReportStatus, type ReportVersion } from './report.entity';

export const ReportVersionEnum = graphqlEnum(REPORT_VERSIONS, 'ReportVersion');
export const ReportStatusEnum = graphqlEnum(REPORT_STATUSES, 'ReportStatus');
export const AdoptionRoundEnum = graphqlEnum(ADOPTION_ROUNDS, 'AdoptionRound');
export const MeetingOutcomeEnum = graphqlEnum(MEETING_OUTCOMES, 'MeetingOutcome');

@ObjectType({ description: 'The document of a report version, as the document policy lets you see it' })
export class ReportDocumentRef {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() fileName: string;
  @Field() sha256: string;
  @Field() classification: string;
}

@ObjectType()
export class AppellateOutcomeView {
  @Field(() => AppellateOutcomeEnum) outcome: AppellateOutcome;
  @Field() reasoning: string;
}

@ObjectType({ description: 'A finding on one claim of the terms of reference' })
export class Finding {
  @Field(() => ID) id: string;
  @Field() measure: string;
  @Field() provision: string;
  @Field(() => FindingResultEnum) finding: FindingResult;
  @Field() reasoning: string;
  @Field(() => String, { nullable: true }) recommendation: string | null;
  @Field(() => AppellateOutcomeView, { nullable: true, description: 'What the appellate report did to it, if appealed' })
  appellateOutcome: AppellateOutcomeView | null;
}

@ObjectType({ description: 'An unsigned separate opinion (DSU 14.3), listed by the SHA-256 of its text' })
export class SeparateOpinion {
  @Field() text: string;
  @Field() textSha256: string;
}

@ObjectType({ description: "One panelist's vote on a draft" })
export class ReportVote {
  @Field(() => ID) personId: string;
  @Field() name: string;
  @Field(() => Boolean) approve: boolean;
}

@ObjectType({ description: 'The confidential deliberation (DSU 14.1): only the seated panelists see it' })
export class Deliberation {
  @Field(() => Int) seats: number;
  @Field(() => Int, { description: 'Approvals needed: a majority of the seated panelists' }) needed: number;
  @Field(() => [ReportVote]) votes: ReportVote[];
}

@ObjectType({ description: 'A version of the report: descriptive part, interim, final, appellate' })
export class ReportVersionView {
  @Field(() => ID) id: string;
  @Field(() => ReportVersionEnum) version: ReportVersion;
  @Field(() => ReportStatusEnum) status: ReportStatus;
  @Field() title: string;
  @Field(() => Date, { nullable: true }) issuedAt: Date | null;
  @Field(() => Date, { nullable: true }) circulatedAt: Date | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Interim report: last day for the parties’ comments' })
  commentsDueOn: string | null;
  @Field(() => ReportDocumentRef, { nullable: true }) document: ReportDocumentRef | null;
  @Field(() => [Finding]) findings: Finding[];
  @Field(() => [SeparateOpinion]) separateOpinions: SeparateOpinion[];
  @Field(() => Deliberation, { nullable: true, description: 'Only for the seated panelists of this dispute' })
  deliberation: Deliberation | null;
}

@ObjectType({ description: 'A member of the standing appellate roster' })
export class AppellateMember {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() nationality: string;
}

@ObjectType({ description: 'A notice of appeal and the division drawn for it' })
export class Appeal {
  @Field(() => ID) id: string;
  @Field() filedAt: Date;
  @Field(() => [ID]) findingIds: string[];
  @Field({ description: "The draw's seed: order the roster by SHA-256(seed + ':' + member id), take the first three" })
  seed: string;
  @Field(() => [AppellateMember], { description: 'In draw order' }) division: AppellateMember[];
  @Field(() => String, { nullable: true }) delayReason: string | null;
}

@ObjectType()
export class AdoptionMeeting {
  @Field() heldAt: Date;
  @Field(() => AdoptionRoundEnum) round: AdoptionRound;
  @Field(() => [String]) presentMembers: string[];
  @Field(() => [String]) objectingMembers: string[];
  @Field(() => MeetingOutcomeEnum) outcome: MeetingOutcome;
}

@ObjectType({ description: "A dispute's report as you may see it" })
export class DisputeReport {
  @Field(() => [ReportVersionView]) versions: ReportVersionView[];
  @Field(() => Appeal, { nullable: true }) appeal: Appeal | null;
  @Field(() => [AdoptionMeeting]) meetings: AdoptionMeeting[];
  @Field(() => Boolean) adopted: boolean;
}

@ObjectType({ description: 'An adopted report and its dispute' })
export class AdoptedReport {
  @Field(() => Dispute) dispute: Dispute;
  @Field(() => DisputeReport) report: DisputeReport;
}

@ObjectType()
export class AdoptedReportConnection extends Connection(AdoptedReport) {}

@ObjectType()
export class AppealResult {
  @Field(() => Appeal) appeal: Appeal;
}
