import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, LocalDateScalar, graphqlEnum } from '@app/core';
import { Dispute } from '@app/registry';
import { ADOPTION_ROUNDS, MEETING_OUTCOMES, type AdoptionMeetingEntity, type AdoptionRound, type MeetingOutcome } from '../adoption/adoption.entity';
import { AppellateOutcomeEnum, FindingResultEnum } from '../dto/rulings.input';
import type { AppellateOutcome } from '../appeals/appeal.entity';
import { REPORT_STATUSES, REPORT_VERSIONS, type FindingResult, type ReportStatus, type ReportVersion } from './report.entity';

export const ReportVersionEnum = graphqlEnum(REPORT_VERSIONS, 'ReportVersion', 'A version of a report', {
  DESCRIPTIVE_PART: 'The descriptive sections of the panel report (DSU 15.1)',
  INTERIM_REPORT: 'The interim report (DSU 15.2)',
  FINAL_REPORT: "The panel's final report (DSU 12.7)",
  APPELLATE_REPORT: 'The appellate report (DSU 17)',
  COMPLIANCE_REPORT: 'The report of a compliance panel (DSU 21.5)',
});
export const ReportStatusEnum = graphqlEnum(REPORT_STATUSES, 'ReportStatus', 'Where a version of a report stands', {
  DRAFT: 'Under deliberation by the panel',
  REJECTED: 'Voted down by a majority of the panel',
  ISSUED: 'Issued to the parties',
  CIRCULATED: 'Circulated to all members: public (DSU 16.1)',
});
export const AdoptionRoundEnum = graphqlEnum(ADOPTION_ROUNDS, 'AdoptionRound', 'Which report is before the body', {
  PANEL: 'The panel report (DSU 16)',
  APPELLATE: 'The appellate report with the panel report it modifies (DSU 17.14)',
});
export const MeetingOutcomeEnum = graphqlEnum(MEETING_OUTCOMES, 'MeetingOutcome', 'What a meeting of the body decided on a report', {
  ADOPTED: 'Adopted',
  NOT_ADOPTED: 'Not adopted: the body decided by consensus not to adopt it (DSU 16.4, 17.14)',
});

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
  @Field(() => Int, { description: '0: the original panel; n: the n-th compliance proceeding (DSU 21.5)' }) proceeding: number;
  @Field(() => ReportStatusEnum) status: ReportStatus;
  @Field() title: string;
  @Field(() => Date, { nullable: true }) issuedAt: Date | null;
  @Field(() => Date, { nullable: true }) circulatedAt: Date | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Interim report: last day of the interim review period of the timetable (the parties’ requests for review)' })
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

@ObjectType({ description: 'A notice of appeal and the division drawn for it (a cross-appeal is heard by the same division)' })
export class Appeal {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: '0: the panel report; n: the n-th compliance report (DSU 21.5)' }) proceeding: number;
  @Field(() => Boolean, { description: "Another party's appeal within the window (Working Procedures, rule 23)" }) crossAppeal: boolean;
  @Field() filedAt: Date;
  @Field(() => [ID]) findingIds: string[];
  @Field({ description: "The draw's seed: order the roster by SHA-256(seed + ':' + member id), take the first three" })
  seed: string;
  @Field(() => [AppellateMember], { description: 'In draw order' }) division: AppellateMember[];
  @Field(() => String, { nullable: true }) delayReason: string | null;
}

@ObjectType({ description: "A meeting of the body's decision on a report" })
export class AdoptionMeeting {
  @Field() heldAt: Date;
  @Field(() => ID, { nullable: true, description: 'The meeting of the body (bodyMeetings)' }) meetingId: string | null;
  @Field(() => Int, { description: '0: the original reports; n: the n-th compliance proceeding (DSU 21.5)' }) proceeding: number;
  @Field(() => AdoptionRoundEnum) round: AdoptionRound;
  @Field(() => [String]) presentMembers: string[];
  @Field(() => [String], { description: 'Members present that objected in time (DSU 16.2)' }) objectingMembers: string[];
  @Field(() => MeetingOutcomeEnum) outcome: MeetingOutcome;
}

export function toAdoptionMeeting(m: AdoptionMeetingEntity): AdoptionMeeting {
  return {
    heldAt: m.heldAt,
    meetingId: m.meetingId,
    proceeding: m.proceeding,
    round: m.round,
    presentMembers: m.presentMembers,
    objectingMembers: m.objectingMembers,
    outcome: m.outcome,
  };
}

@ObjectType({ description: "A dispute's report as you may see it" })
export class DisputeReport {
  @Field(() => [ReportVersionView]) versions: ReportVersionView[];
  @Field(() => [Appeal], { description: 'Every notice of appeal, of every proceeding, in order' }) appeals: Appeal[];
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
