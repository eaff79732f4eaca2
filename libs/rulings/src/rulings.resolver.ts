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
  @Mutation(() => ReportVersionView, { description: 'A seated panelist submits a version; the descriptive part is issued at once (DSU 15)' })
  async submitReport(@CurrentUser() actor: Actor, @Args('input') input: SubmitReportInput): Promise<ReportVersionView> {
    const report = await this.reports.submit(actor, input);
    return this.version(actor, report.disputeId, report.id);
  }

  @Roles('PANELIST')
  @Mutation(() => Boolean, { description: 'A seated panelist votes on a draft; final once cast (DSU 14.1)' })
  async voteOnReport(@CurrentUser() actor: Actor, @Args() { reportId, approve }: VoteArgs): Promise<boolean> {
    await this.reports.vote(actor, reportId, approve);
    return true;
  }

  @Roles('PANELIST')
  @Mutation(() => ReportVersionView, { description: 'Issues a draft a majority approved to the parties (DSU 15.2, 15.3)' })
  async issueReport(@CurrentUser() actor: Actor, @Args() { reportId }: ReportIdArgs): Promise<ReportVersionView> {
    const report = await this.reports.issue(actor, reportId);
    return this.version(actor, report.disputeId, report.id);
  }

  @Roles('PANELIST')
  @Mutation(() => Boolean, { description: 'An unsigned separate opinion (DSU 14.3)' })
  submitSeparateOpinion(@CurrentUser() actor: Actor, @Args() { reportId, text }: SeparateOpinionArgs): Promise<boolean> {
    return this.reports.separateOpinion(actor, reportId, text);
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Boolean, { description: 'A party comments on the interim report (DSU 15.2)' })
  async commentOnReport(@CurrentUser() actor: Actor, @Args('input') input: CommentOnReportInput): Promise<boolean> {
    await this.reports.comment(actor, input);
    return true;
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ReportVersionView, { description: 'Circulates the final report to all members; it becomes public (DSU 16.1)' })
  async circulateReport(@CurrentUser() actor: Actor, @Args() { disputeId }: DisputeIdArgs): Promise<ReportVersionView> {
    const report = await this.reports.circulate(actor, disputeId);
    return this.version(actor, disputeId, report.id);
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Boolean, { description: 'Your member objects to the adoption of the report before the body (DSU 16.2)' })
  async objectToAdoption(@CurrentUser() actor: Actor, @Args() { disputeId }: DisputeIdArgs): Promise<boolean> {
    await this.adoption.object(actor, disputeId);
    return true;
  }

  @Roles('SECRETARIAT')
  @Mutation(() => AdoptionMeeting, {
    description:
      'The decision of a meeting of the body on the report before it: adopted unless every member present objected in time (DSU 16.2, 16.4, 17.14, 21.5)',
  })
  async recordAdoptionMeeting(@CurrentUser() actor: Actor, @Args() { disputeId, meetingId }: AdoptionMeetingArgs): Promise<AdoptionMeeting> {
    return toAdoptionMeeting(await this.adoption.recordMeeting(actor, disputeId, meetingId));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => AppellateMember, { description: 'Adds a person to the standing appellate roster (DSU 17.1-17.3)' })
  async addAppellateMember(@CurrentUser() actor: Actor, @Args() { name, nationality }: AddAppellateMemberArgs): Promise<AppellateMember> {
    const m = await this.appeals.addMember(actor, name, nationality);
    return { id: m.id, name: m.name, nationality: m.nationality };
  }

  @Public()
  @Query(() => [AppellateMember], { description: 'The standing appellate roster' })
  async appellateMembers(): Promise<AppellateMember[]> {
    return (await this.appeals.roster()).map((m) => ({ id: m.id, name: m.name, nationality: m.nationality }));
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Appeal, { description: 'A party appeals before adoption; the division is drawn by lot (DSU 16.4, 17)' })
  async fileAppeal(@CurrentUser() actor: Actor, @Args() { disputeId, findingIds }: FileAppealArgs): Promise<Appeal> {
    return this.views.toAppeal(await this.appeals.file(actor, disputeId, findingIds));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ReportVersionView, { description: 'Records and circulates the appellate report; it is public (DSU 17.5)' })
  async recordAppellateReport(@CurrentUser() actor: Actor, @Args('input') input: RecordAppellateReportInput): Promise<ReportVersionView> {
    const report = await this.appeals.recordReport(actor, input);
    return this.version(actor, input.disputeId, report.id);
  }

  @Public()
  @Query(() => AdoptedReportConnection, { description: 'Adopted reports with their findings, appellate outcomes and separate opinions' })
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
