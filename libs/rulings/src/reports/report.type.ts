import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, LocalDateScalar, graphqlEnum } from '@app/core';
import { Dispute } from '@app/registry';
import {
  ADOPTION_ROUNDS,
  MEETING_OUTCOMES,
  type AdoptionMeetingEntity,
  type AdoptionRound,
  type MeetingOutcome,
} from '../adoption/adoption.entity';
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
  @Field(() => ID, { description: "The document's id (UUID)" }) id: string;
  @Field({ description: "The document's title" }) title: string;
  @Field({ description: "The file's name" }) fileName: string;
  @Field({ description: 'SHA-256 of the content, hex: check a copy against it' }) sha256: string;
  @Field({ description: 'PUBLIC, RESTRICTED or CONFIDENTIAL (see Classification)' }) classification: string;
}

@ObjectType({ description: 'What the appellate report did to a finding (DSU 17.13)' })
export class AppellateOutcomeView {
  @Field(() => AppellateOutcomeEnum, { description: 'UPHELD, MODIFIED or REVERSED' }) outcome: AppellateOutcome;
  @Field({ description: "A short summary of the appellate report's reasoning" }) reasoning: string;
}

@ObjectType({ description: 'A finding on one claim of the terms of reference' })
export class Finding {
  @Field(() => ID, { description: "The finding's id (UUID): name it in fileAppeal" }) id: string;
  @Field({ description: "The measure at issue, one of the dispute's measures" }) measure: string;
  @Field({ description: "The provision, one of the dispute's legal basis" }) provision: string;
  @Field(() => FindingResultEnum, { description: 'What the panel found' }) finding: FindingResult;
  @Field({ description: 'A short summary of the reasoning' }) reasoning: string;
  @Field(() => String, {
    nullable: true,
    description: 'The recommendation to bring the measure into conformity (DSU 19.1), with an inconsistency',
  })
  recommendation: string | null;
  @Field(() => AppellateOutcomeView, { nullable: true, description: 'What the appellate report did to it, if appealed' })
  appellateOutcome: AppellateOutcomeView | null;
}

@ObjectType({ description: 'An unsigned separate opinion (DSU 14.3), listed by the SHA-256 of its text' })
export class SeparateOpinion {
  @Field({ description: 'The opinion, unsigned (DSU 14.3)' }) text: string;
  @Field({ description: 'SHA-256 of the text, hex: opinions are listed in this order, so nothing reveals who wrote which' })
  textSha256: string;
}

@ObjectType({ description: "One panelist's vote on a draft" })
export class ReportVote {
  @Field(() => ID, { description: 'The panelist (roster person UUID)' }) personId: string;
  @Field({ description: "The panelist's name" }) name: string;
  @Field(() => Boolean, { description: 'True: approves the draft; false: against' }) approve: boolean;
}

@ObjectType({ description: 'The confidential deliberation (DSU 14.1): only the seated panelists see it' })
export class Deliberation {
  @Field(() => Int, { description: 'Panelists seated now' }) seats: number;
  @Field(() => Int, { description: 'Approvals needed: a majority of the seated panelists' }) needed: number;
  @Field(() => [ReportVote], { description: 'The votes cast so far' }) votes: ReportVote[];
}

@ObjectType({ description: 'A version of the report: descriptive part, interim, final, appellate' })
export class ReportVersionView {
  @Field(() => ID, { description: "The version's id (UUID)" }) id: string;
  @Field(() => ReportVersionEnum, { description: 'Which version' }) version: ReportVersion;
  @Field(() => Int, { description: '0: the original panel; n: the n-th compliance proceeding (DSU 21.5)' }) proceeding: number;
  @Field(() => ReportStatusEnum, { description: 'DRAFT, REJECTED, ISSUED or CIRCULATED' }) status: ReportStatus;
  @Field({ description: 'The title of its document' }) title: string;
  @Field(() => Date, { nullable: true, description: 'When it was issued to the parties (UTC instant)' }) issuedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was circulated to all members, becoming public (UTC instant)' })
  circulatedAt: Date | null;
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Interim report: last day of the interim review period of the timetable (the parties’ requests for review)',
  })
  commentsDueOn: string | null;
  @Field(() => ReportDocumentRef, { nullable: true, description: 'Its document, if you may see it' }) document: ReportDocumentRef | null;
  @Field(() => [Finding], { description: 'One finding per claim (interim, final, compliance and appellate reports)' }) findings: Finding[];
  @Field(() => [SeparateOpinion], { description: 'The unsigned separate opinions on it (DSU 14.3)' }) separateOpinions: SeparateOpinion[];
  @Field(() => Deliberation, { nullable: true, description: 'Only for the seated panelists of this dispute' })
  deliberation: Deliberation | null;
}

@ObjectType({ description: 'A member of the standing appellate roster' })
export class AppellateMember {
  @Field(() => ID, { description: "The appellate member's id (UUID)" }) id: string;
  @Field({ description: 'Full name' }) name: string;
  @Field({ description: 'ISO 3166-1 alpha-3 code' }) nationality: string;
}

@ObjectType({ description: 'A notice of appeal and the division drawn for it (a cross-appeal is heard by the same division)' })
export class Appeal {
  @Field(() => ID, { description: "The appeal's id (UUID)" }) id: string;
  @Field(() => Int, { description: '0: the panel report; n: the n-th compliance report (DSU 21.5)' }) proceeding: number;
  @Field(() => Boolean, { description: "Another party's appeal within the window (Working Procedures, rule 23)" }) crossAppeal: boolean;
  @Field({ description: 'When the notice was filed (UTC instant)' }) filedAt: Date;
  @Field(() => [ID], { description: 'The findings appealed (issues of law, DSU 17.6)' }) findingIds: string[];
  @Field({ description: "The draw's seed: order the roster by SHA-256(seed + ':' + member id), take the first three" })
  seed: string;
  @Field(() => [AppellateMember], { description: 'In draw order' }) division: AppellateMember[];
  @Field(() => String, { nullable: true, description: "The appellate body's reasons for a report later than 60 days (DSU 17.5)" })
  delayReason: string | null;
}

@ObjectType({ description: "A meeting of the body's decision on a report" })
export class AdoptionMeeting {
  @Field({ description: 'When the decision was recorded (UTC instant)' }) heldAt: Date;
  @Field(() => ID, { nullable: true, description: 'The meeting of the body (bodyMeetings)' }) meetingId: string | null;
  @Field(() => Int, { description: '0: the original reports; n: the n-th compliance proceeding (DSU 21.5)' }) proceeding: number;
  @Field(() => AdoptionRoundEnum, { description: 'Which report was before the body' }) round: AdoptionRound;
  @Field(() => [String], { description: 'The members present (alpha-3 codes)' }) presentMembers: string[];
  @Field(() => [String], { description: 'Members present that objected in time (DSU 16.2)' }) objectingMembers: string[];
  @Field(() => MeetingOutcomeEnum, { description: 'ADOPTED or NOT_ADOPTED' }) outcome: MeetingOutcome;
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
  @Field(() => [ReportVersionView], {
    description:
      'Every version you may see: drafts to the seated panelists, issued ones to the parties, the panel and the secretariat, circulated ones to everyone',
  })
  versions: ReportVersionView[];
  @Field(() => [Appeal], { description: 'Every notice of appeal, of every proceeding, in order' }) appeals: Appeal[];
  @Field(() => [AdoptionMeeting], { description: "The body's decisions on the reports, in order" }) meetings: AdoptionMeeting[];
  @Field(() => Boolean, { description: 'Whether the body adopted the report (DSU 16.4, 17.14)' }) adopted: boolean;
}

@ObjectType({ description: 'An adopted report and its dispute' })
export class AdoptedReport {
  @Field(() => Dispute, { description: 'The dispute whose report the body adopted' }) dispute: Dispute;
  @Field(() => DisputeReport, { description: 'Its report as you may see it' }) report: DisputeReport;
}

@ObjectType({ description: 'A page of adopted reports, newest filing first' })
export class AdoptedReportConnection extends Connection(AdoptedReport) {}

@ObjectType({ description: 'A notice of appeal filed' })
export class AppealResult {
  @Field(() => Appeal, { description: 'The appeal' }) appeal: Appeal;
}
