import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionArgs, CurrentUser, GraphqlContext, Member, mapPage, notFound, toMember } from '@app/core';
import { DocketService } from '../docket/docket.service';
import { DocketEntryConnection, toDocketEntry } from '../docket/docket.type';
import { Deadline, toDeadline } from '../deadlines/deadline.type';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { isThirdParty, PartyKind } from './dispute-party.entity';
import { AllowedActionsResult, Dispute, DisputeParty } from './dispute.type';
import { DisputesService } from './disputes.service';

/**
 * The nested fields of a dispute, each batched across a page of disputes.
 *
 * The fields a list asks for on every row take graphql-js's own `(parent, args, context)` and no
 * parameter decorator: @nestjs/graphql 13 then binds the method to the schema as it is
 * (`ResolversExplorerService.canUseFastFieldResolver`; no field enhancers or field middleware are
 * configured), instead of resolving `@Parent()`/`@Context()` through Nest's context creator and the
 * global validation pipe on each call: 40 calls a page of the secretariat's docket list
 * (bench/RESULTS.md, "A leaner request path on Express"). Nothing else changes: a field resolver
 * runs no guard either way, and what a reader may see is decided by the query that listed the
 * disputes and by the services. A field with arguments to validate (`docket`) or that needs the
 * masked actor of `@CurrentUser()` (`allowedActions`) keeps Nest's parameter resolution.
 */
@Resolver(() => Dispute)
export class DisputeFieldsResolver {
  constructor(
    private readonly disputes: DisputesService,
    private readonly deadlineService: DeadlinesService,
    private readonly docketService: DocketService,
  ) {}

  private async partiesOf(dispute: Dispute, ctx: GraphqlContext, kind?: PartyKind): Promise<DisputeParty[]> {
    const parties = await this.disputes.partiesLoader(ctx.loaders).load(dispute.id);
    const chosen = kind ? parties.filter((p) => p.kind === kind) : parties;
    return chosen.map((p) => ({
      member: toMember(p.member),
      kind: p.kind,
      joinedAt: p.joinedAt,
      consultationsStatus: p.consultationsStatus,
      panelJoinedAt: p.panelJoinedAt,
    }));
  }

  @ResolveField(() => [DisputeParty], {
    description:
      'Complainant, respondents, third parties, and members whose request to join the consultations waits for the respondent or was rejected (see consultationsStatus)',
  })
  parties(dispute: Dispute, _args: unknown, ctx: GraphqlContext): Promise<DisputeParty[]> {
    return this.partiesOf(dispute, ctx);
  }

  @ResolveField(() => Member, { description: 'The member that requested consultations' })
  async complainant(dispute: Dispute, _args: unknown, ctx: GraphqlContext): Promise<Member> {
    const [party] = await this.partiesOf(dispute, ctx, 'COMPLAINANT');
    return party.member;
  }

  @ResolveField(() => [Member], { description: 'The members the consultations were requested with' })
  async respondents(dispute: Dispute, _args: unknown, ctx: GraphqlContext): Promise<Member[]> {
    return (await this.partiesOf(dispute, ctx, 'RESPONDENT')).map((p) => p.member);
  }

  @ResolveField(() => [Member], {
    description:
      'Third parties in either capacity: in the panel proceedings (DSU 10.2) or in the consultations, once the respondent accepted their request (DSU 4.11). A pending or rejected request is not listed; parties gives each capacity',
  })
  async thirdParties(dispute: Dispute, _args: unknown, ctx: GraphqlContext): Promise<Member[]> {
    return (await this.partiesOf(dispute, ctx, 'THIRD_PARTY')).filter(isThirdParty).map((p) => p.member);
  }

  @ResolveField(() => [Deadline], { description: 'Every time limit of the dispute, open and closed' })
  async deadlines(dispute: Dispute, _args: unknown, ctx: GraphqlContext): Promise<Deadline[]> {
    return (await this.deadlineService.byDispute(ctx.loaders).load(dispute.id)).map(toDeadline);
  }

  @ResolveField(() => Deadline, { nullable: true, description: 'The earliest running time limit' })
  async nextDeadline(dispute: Dispute, _args: unknown, ctx: GraphqlContext): Promise<Deadline | null> {
    const row = await this.deadlineService.nextByDispute(ctx.loaders).load(dispute.id);
    return row ? toDeadline(row) : null;
  }

  @ResolveField(() => DocketEntryConnection, { description: 'The docket, oldest entry first' })
  async docket(@Parent() dispute: Dispute, @Args() args: ConnectionArgs): Promise<DocketEntryConnection> {
    return mapPage(await this.docketService.list(dispute.id, args), toDocketEntry);
  }

  @ResolveField(() => AllowedActionsResult, { description: 'What you may do now, and later with the date' })
  async allowedActions(
    @Parent() dispute: Dispute,
    @CurrentUser() actor: Actor | null,
    @Context() ctx: GraphqlContext,
  ): Promise<AllowedActionsResult> {
    const entity = await this.disputes.byIdLoader(ctx.loaders).load(dispute.id);
    if (!entity) throw notFound('Dispute', dispute.id, 'DISPUTE_NOT_FOUND');
    const result = await this.disputes.allowedActionsFor(actor, entity, ctx.loaders);
    return {
      now: result.now.map((step) => ({ action: step.action, mutation: step.mutation })),
      later: result.later.map((l) => ({ action: l.action, mutation: l.mutation, allowedFrom: l.allowedFrom ?? null, reason: l.reason })),
    };
  }
}
