import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar, Member, graphqlEnum } from '@app/core';
import type { DeadlineRuleCode, DeadlineStatus, Stage } from '@app/procedure';
import { DeadlineRuleEnum, DeadlineStatusEnum } from '../deadlines/deadline.type';
import type { PartyKind } from '../disputes/dispute-party.entity';
import { PartyKindEnum } from '../disputes/dispute.type';
import { StageEnum } from '../disputes/dto/dispute.input';
import { STATUS_REPORT_STANDINGS, type StatusReportStanding } from './reputation';

export const StatusReportStandingEnum = graphqlEnum(
  STATUS_REPORT_STANDINGS,
  'StatusReportStanding',
  'How a status report owed before a meeting of the body stands (DSU 21.6)',
  {
    ON_TIME: 'Filed by its due day, 10 days before the meeting',
    LATE: 'Filed after its due day, by the day of the meeting',
    MISSING: 'Not filed by the day of the meeting',
    DUE: 'Owed, its due day not yet passed or the limit still open',
  },
);

@ObjectType({ description: "A dispute in a member's public record, and the member's place in it" })
export class MemberDispute {
  @Field({ description: 'The docket number, e.g. DS12' })
  docketNumber: string;
  /** The dispute's id: what its title's translations are read by (not a field). */
  disputeId: string;
  /** As filed, in `language`; the field `title(language:)` is resolved with the translations. */
  title: string;
  @Field({ description: 'The working language the dispute was filed in' })
  language: string;
  @Field(() => PartyKindEnum, { description: 'Complainant, respondent or third party (in the consultations or the panel proceedings)' })
  role: PartyKind;
  @Field(() => StageEnum, { description: 'Where the dispute stands now' })
  stage: Stage;
  @Field({ description: 'When it was filed (UTC instant)' })
  filedAt: Date;
}

@ObjectType({ description: 'A time limit that bound a member, met or missed' })
export class MemberLimit {
  @Field({ description: 'The docket number of its dispute' })
  docketNumber: string;
  @Field(() => DeadlineRuleEnum, { description: 'The limit' })
  rule: DeadlineRuleCode;
  @Field({ description: 'The article that sets it, e.g. "DSU 21.3"' })
  article: string;
  @Field(() => LocalDateScalar, { description: 'Its due day' })
  dueDate: string;
  @Field(() => DeadlineStatusEnum, { description: 'MET or MISSED' })
  status: DeadlineStatus;
  @Field(() => Date, { nullable: true, description: 'When it was closed (UTC instant)' })
  closedAt: Date | null;
}

@ObjectType({ description: 'A status report on implementation owed before a meeting of the body (DSU 21.6)' })
export class StatusReportRecord {
  @Field({ description: 'The docket number of its dispute' })
  docketNumber: string;
  @Field(() => LocalDateScalar, { description: 'The due day, 10 days before the meeting' })
  dueDate: string;
  @Field(() => LocalDateScalar, { description: 'The day of the meeting it was owed for' })
  meetingOn: string;
  @Field(() => StatusReportStandingEnum, { description: 'On time, late, missing or still due' })
  standing: StatusReportStanding;
  @Field(() => Date, { nullable: true, description: 'When it was filed (UTC instant); null when missing or still due' })
  filedAt: Date | null;
}

@ObjectType({ description: 'Where compliance with an adopted ruling stands' })
export class ComplianceRecord {
  @Field({ description: 'The docket number' })
  docketNumber: string;
  /** The dispute's id: what its title's translations are read by (not a field). */
  disputeId: string;
  /** As filed, in `language`; the field `title(language:)` is resolved with the translations. */
  title: string;
  @Field({ description: 'The working language the dispute was filed in' })
  language: string;
  @Field(() => StageEnum, { description: 'Where the dispute stands now: implementation, compliance proceedings, retaliation, complied' })
  stage: Stage;
  @Field({ description: 'Since when (UTC instant)' })
  stageSince: Date;
  @Field({ description: 'When the report was adopted (UTC instant; the first adoption)' })
  adoptedAt: Date;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The last day of the reasonable period of time, once fixed (DSU 21.3)' })
  rptEndsOn: string | null;
  @Field(() => Date, { nullable: true, description: 'When the body recorded compliance (UTC instant); null while outstanding' })
  compliedAt: Date | null;
}

@ObjectType({
  description:
    "A member's public record before the body: its disputes, the time limits that bound it, its status reports and the state of " +
    'compliance with the rulings against it. Drawn only from public facts: the docket, the parties, the time limits and the stages',
})
export class MemberRecord {
  @Field(() => Member, { description: 'The member' })
  member: Member;
  @Field({ description: 'The moment the record describes' })
  asOf: Date;
  @Field(() => Int, { description: 'Disputes it brought' })
  asComplainant: number;
  @Field(() => Int, { description: 'Disputes brought against it' })
  asRespondent: number;
  @Field(() => Int, { description: 'Disputes it joined as a third party (its request accepted, or notified to the panel)' })
  asThirdParty: number;
  @Field(() => [MemberDispute], { description: `Its disputes, newest first (at most ${500})` })
  disputes: MemberDispute[];
  @Field(() => Int, { description: 'Time limits binding it as a party that it met (deadlines, not windows: DSU articles per limit)' })
  limitsMet: number;
  @Field(() => Int, { description: 'Time limits binding it as a party that ran out without its act' })
  limitsMissed: number;
  @Field(() => [MemberLimit], { description: 'The missed ones, latest due first (at most 100)' })
  missedLimits: MemberLimit[];
  @Field(() => [StatusReportRecord], { description: 'Its status reports as respondent (DSU 21.6), latest due first (at most 200)' })
  statusReports: StatusReportRecord[];
  @Field(() => Int, { description: 'Status reports filed on time' })
  statusReportsOnTime: number;
  @Field(() => Int, { description: 'Status reports filed late' })
  statusReportsLate: number;
  @Field(() => Int, { description: 'Status reports not filed by the meeting' })
  statusReportsMissing: number;
  @Field(() => [ComplianceRecord], { description: 'Every ruling adopted against it, with where compliance stands' })
  compliance: ComplianceRecord[];
}

@ObjectType({ description: 'The time spent in one stage within a period, against its limit' })
export class PeriodStage {
  @Field(() => StageEnum, { description: 'The stage' })
  stage: Stage;
  @Field(() => Int, { description: 'Stays in the stage that ended within the period' })
  ended: number;
  @Field(() => Float, { nullable: true, description: 'Median days of those stays' })
  medianDays: number | null;
  @Field(() => String, { nullable: true, description: 'The article of the limit that bounds the stage' })
  limitArticle: string | null;
  @Field(() => Int, { nullable: true, description: 'Its length in days (ordinary cases)' })
  limitDays: number | null;
  @Field(() => Int, { nullable: true, description: 'Its length in calendar months (ordinary cases)' })
  limitMonths: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Stays past the limit: ended late within the period, or still running past it at its end; null without a dated limit',
  })
  overran: number | null;
  @Field(() => Int, { nullable: true, description: 'The base of the overrun share: ended stays plus running ones past the limit' })
  counted: number | null;
}

@ObjectType({ description: 'A ruling adopted and not complied with at the end of the period' })
export class OutstandingCompliance {
  @Field({ description: 'The docket number' })
  docketNumber: string;
  /** The dispute's id: what its title's translations are read by (not a field). */
  disputeId: string;
  /** As filed, in `language`; the field `title(language:)` is resolved with the translations. */
  title: string;
  @Field({ description: 'The working language the dispute was filed in' })
  language: string;
  @Field(() => [String], { description: 'The respondents (names)' })
  respondents: string[];
  @Field({ description: 'When the report was adopted (UTC instant)' })
  adoptedAt: Date;
  @Field(() => StageEnum, { description: 'The stage at the end of the period' })
  stage: Stage;
}

@ObjectType({
  description:
    "The body's periodic report: what it did in a period (days of the body, both included), computed from the docket's dated facts " +
    'up to the end of the period (or now, while it runs), so that the same period always gives the same figures',
})
export class PeriodicReport {
  @Field(() => LocalDateScalar, { description: 'The first day of the period' })
  from: string;
  @Field(() => LocalDateScalar, { description: 'The last day of the period' })
  to: string;
  @Field({ description: 'The moment the figures describe: the end of the period, or now while it runs' })
  asOf: Date;
  @Field(() => Int, { description: 'Disputes filed (requests for consultations)' })
  filed: number;
  @Field(() => Int, { description: 'Disputes settled by a mutually agreed solution (DSU 3.6)' })
  settled: number;
  @Field(() => Int, { description: 'Disputes withdrawn (DSU 3.7)' })
  withdrawn: number;
  @Field(() => Int, { description: 'Reports adopted by the body (DSU 16.4, 17.14)' })
  decided: number;
  @Field(() => Int, { description: 'Disputes in which the body recorded compliance (DSU 22.8)' })
  complied: number;
  @Field(() => [PeriodStage], { description: 'Every stage a dispute moves on from, with the time spent in it' })
  stages: PeriodStage[];
  @Field(() => [OutstandingCompliance], { description: 'Rulings adopted and not complied with at the end of the period' })
  outstandingCompliance: OutstandingCompliance[];
}
