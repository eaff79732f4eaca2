import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionArgs, CurrentUser, GraphqlContext, Public, Roles, mapPage } from '@app/core';
import { Dispute, DisputesService, toDispute } from '@app/registry';
import { AdoptionService } from './adoption/adoption.service';
import { AppealsService } from './appeals/appeals.service';
import {
  AddAppellateMemberArgs,
  AdoptionMeetingArgs,
  CommentOnReportInput,
  DisputeIdArgs,
  FileAppealArgs,
  RecordAppellateReportInput,
  ReportIdArgs,
  SeparateOpinionArgs,
  SubmitReportInput,
  VoteArgs,
} from './dto/rulings.input';
import { ReportViewService } from './reports/report-view.service';
import {
  AdoptedReportConnection,
  AdoptionMeeting,
  Appeal,
  AppellateMember,
  DisputeReport,
  ReportVersionView,
  toAdoptionMeeting,
} from './reports/report.type';
import { ReportsService } from './reports/reports.service';

/** Reports, deliberation, adoption and appeal: thin resolvers over the rulings' services. */
@Resolver()
export class RulingsResolver {
  constructor(
    private readonly reports: ReportsService,
    private readonly adoption: AdoptionService,
    private readonly appeals: AppealsService,
    private readonly views: ReportViewService,
    private readonly disputes: DisputesService,
  ) {}

  private async version(actor: Actor, disputeId: string, reportId: string): Promise<ReportVersionView> {
    const view = await this.views.view(actor, await this.disputes.get({ id: disputeId }));
    return view.versions.find((v) => v.id === reportId) as ReportVersionView;
  }

  @Roles('PANELIST')
  @Mutation(() => ReportVersionView, {
    description:
      'Submits a version of the panel report; the descriptive part is issued to the parties at once (DSU 15.1), the others are drafts the panel votes on. A panelist seated on the dispute',
  })
  async submitReport(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The version, its document and findings' }) input: SubmitReportInput,
  ): Promise<ReportVersionView> {
    const report = await this.reports.submit(actor, input);
    return this.version(actor, report.disputeId, report.id);
  }

  @Roles('PANELIST')
  @Mutation(() => Boolean, {
    description: 'Votes on a draft; final once cast; the votes stay confidential (DSU 14.1). A panelist seated on the dispute',
  })
  async voteOnReport(@CurrentUser() actor: Actor, @Args() { reportId, approve }: VoteArgs): Promise<boolean> {
    await this.reports.vote(actor, reportId, approve);
    return true;
  }

  @Roles('PANELIST')
  @Mutation(() => ReportVersionView, {
    description: 'Issues a draft a majority approved to the parties (DSU 15.2, 15.3). A panelist seated on the dispute',
  })
  async issueReport(@CurrentUser() actor: Actor, @Args() { reportId }: ReportIdArgs): Promise<ReportVersionView> {
    const report = await this.reports.issue(actor, reportId);
    return this.version(actor, report.disputeId, report.id);
  }

  @Roles('PANELIST')
  @Mutation(() => Boolean, {
    description: 'Adds a separate opinion to a version, published unsigned (DSU 14.3). A panelist seated on the dispute',
  })
  submitSeparateOpinion(@CurrentUser() actor: Actor, @Args() { reportId, text }: SeparateOpinionArgs): Promise<boolean> {
    return this.reports.separateOpinion(actor, reportId, text);
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Boolean, {
    description:
      "Files your member's comments on the descriptive part or the interim report (DSU 15.1, 15.2). A delegate of the complainant or a respondent",
  })
  async commentOnReport(
    @CurrentUser() actor: Actor,
    @Args('input', { description: "The version commented on and the comments' document" }) input: CommentOnReportInput,
  ): Promise<boolean> {
    await this.reports.comment(actor, input);
    return true;
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ReportVersionView, {
    description: 'Circulates the final report to all members; it becomes public (DSU 16.1). Secretariat only',
  })
  async circulateReport(@CurrentUser() actor: Actor, @Args() { disputeId }: DisputeIdArgs): Promise<ReportVersionView> {
    const report = await this.reports.circulate(actor, disputeId);
    return this.version(actor, disputeId, report.id);
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Boolean, {
    description:
      'Your member objects in writing to the adoption of the report before the body (DSU 16.2); once per report. Member delegates',
  })
  async objectToAdoption(@CurrentUser() actor: Actor, @Args() { disputeId }: DisputeIdArgs): Promise<boolean> {
    await this.adoption.object(actor, disputeId);
    return true;
  }

  @Roles('SECRETARIAT')
  @Mutation(() => AdoptionMeeting, {
    description:
      'Records the decision of a meeting of the body on the report before it: adopted unless every member present objected in time (DSU 16.2, 16.4, 17.14, 21.5). Secretariat only',
  })
  async recordAdoptionMeeting(
    @CurrentUser() actor: Actor,
    @Args() { disputeId, meetingId }: AdoptionMeetingArgs,
  ): Promise<AdoptionMeeting> {
    return toAdoptionMeeting(await this.adoption.recordMeeting(actor, disputeId, meetingId));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => AppellateMember, { description: 'Adds a person to the standing appellate roster (DSU 17.1-17.3). Secretariat only' })
  async addAppellateMember(@CurrentUser() actor: Actor, @Args() { name, nationality }: AddAppellateMemberArgs): Promise<AppellateMember> {
    const m = await this.appeals.addMember(actor, name, nationality);
    return { id: m.id, name: m.name, nationality: m.nationality };
  }

  @Public()
  @Query(() => [AppellateMember], { description: 'The standing appellate roster. Public' })
  async appellateMembers(): Promise<AppellateMember[]> {
    return (await this.appeals.roster()).map((m) => ({ id: m.id, name: m.name, nationality: m.nationality }));
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Appeal, {
    description:
      'Files a notice of appeal on issues of law before adoption (within 60 days of circulation, DSU 16.4); the division of three is drawn by lot (DSU 17.1). Another party may cross-appeal within 5 days. A delegate of the complainant or a respondent',
  })
  async fileAppeal(@CurrentUser() actor: Actor, @Args() { disputeId, findingIds }: FileAppealArgs): Promise<Appeal> {
    return this.views.toAppeal(await this.appeals.file(actor, disputeId, findingIds));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ReportVersionView, {
    description: 'Records and circulates the appellate report; it is public (DSU 17.5). Secretariat only',
  })
  async recordAppellateReport(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The report, its document and an outcome per appealed finding' }) input: RecordAppellateReportInput,
  ): Promise<ReportVersionView> {
    const report = await this.appeals.recordReport(actor, input);
    return this.version(actor, input.disputeId, report.id);
  }

  @Public()
  @Query(() => AdoptedReportConnection, {
    description: 'Adopted reports with their findings, appellate outcomes and separate opinions, newest filing first. Public',
  })
  async adoptedReports(
    @CurrentUser() actor: Actor | null,
    @Args() args: ConnectionArgs,
    @Context() ctx: GraphqlContext,
  ): Promise<AdoptedReportConnection> {
    const page = await this.views.adopted(args);
    const reports = await this.views.viewAll(actor, page.nodes, ctx.loaders);
    return mapPage(page, (d) => ({ dispute: toDispute(d), report: reports[page.nodes.indexOf(d)] }));
  }
}

/** `dispute.report`, batched across a page of disputes. */
@Resolver(() => Dispute)
export class DisputeReportResolver {
  constructor(private readonly views: ReportViewService) {}

  @ResolveField(() => DisputeReport, { description: 'Its report: versions, findings, opinions, appeal, adoption, as you may see them' })
  report(@Parent() dispute: Dispute, @CurrentUser() actor: Actor | null, @Context() ctx: GraphqlContext): Promise<DisputeReport> {
    return this.views.reportOf(actor, ctx.loaders).load(dispute.id);
  }
}
