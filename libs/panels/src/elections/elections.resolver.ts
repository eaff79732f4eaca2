import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, GraphQLJSON, GraphqlContext, Public, Roles, mapPage, notFound } from '@app/core';
import { Dispute, DisputesService, toDispute } from '@app/registry';
import { RosterPerson, toRosterPerson } from '../roster/roster.type';
import { CastBallotInput, ElectionIdArgs, OpenElectionInput, ReceiptArgs, VacateSeatArgs } from './dto/election.input';
import { ElectionClosingService } from './election-closing.service';
import { ElectionsArgs } from './dto/elections.args';
import { CastBallotResult, Election, ElectionConnection, PanelMember, PublishedBallot, toElection } from './election.type';
import { ElectionsService } from './elections.service';
import { PanelService } from './panel.service';

@Resolver(() => Election)
export class ElectionsResolver {
  constructor(
    private readonly service: ElectionsService,
    private readonly closing: ElectionClosingService,
    private readonly disputes: DisputesService,
  ) {}

  @Public()
  @Query(() => Election, {
    description:
      'An election: candidates and seed hash while open; the elected, the seed and, when published, the ballots and the count once closed. Public',
  })
  async election(@Args('id', { type: () => ID, description: "The election's id (UUID)" }) id: string): Promise<Election> {
    return toElection(await this.service.get(this.service.manager, id));
  }

  @Public()
  @Query(() => ElectionConnection, {
    description:
      'Every panel election, the latest closing first, each as the election query shows it. Public: the results are published for the members to check (libs/panels/README.md)',
  })
  async elections(@Args() args: ElectionsArgs): Promise<ElectionConnection> {
    return mapPage(await this.service.list(args), toElection);
  }

  @Public()
  @Query(() => Boolean, { description: 'Whether this receipt is among the counted ballots of a closed election. Public' })
  verifyReceipt(@Args() { electionId, receipt }: ReceiptArgs): Promise<boolean> {
    return this.service.verifyReceipt(electionId, receipt);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Election, {
    description:
      "Opens the election of an established dispute's panel from the eligible roster persons, voting for at least ELECTION_MIN_VOTING_DAYS and closing after the parties' 15 days to challenge candidates (DSU 8.6); or, with vacancy, of a composed panel's vacant seats. Secretariat only",
  })
  async openElection(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The dispute, the voting period, the counting rules and the quorum' }) input: OpenElectionInput,
  ): Promise<Election> {
    return toElection(await this.service.open(actor, input));
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => CastBallotResult, {
    description:
      'Casts your member’s ranked ballot while the election is open; secret until the close, final once cast. A delegate of a member in the electorate (not a party to the dispute)',
  })
  castBallot(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The election and your ranking' }) input: CastBallotInput,
  ): Promise<CastBallotResult> {
    return this.service.cast(actor, input);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Election, {
    description:
      'Closes an election at or after its closing time (the worker does it too): the seed is revealed, the count runs and the elected form the panel or fill the vacant seats. Refused while a challenge awaits decision (DSU 8.6). Secretariat only',
  })
  async closeElection(@CurrentUser() actor: Actor, @Args() { id }: ElectionIdArgs): Promise<Election> {
    return toElection(await this.closing.close(actor, id));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Boolean, {
    description: 'Records that a seated panelist withdraws or is removed; open a vacancy election next. Secretariat only',
  })
  async vacatePanelSeat(@CurrentUser() actor: Actor, @Args() { disputeId, personId, reason }: VacateSeatArgs): Promise<boolean> {
    await this.closing.vacate(actor, disputeId, personId, reason);
    return true;
  }

  @ResolveField(() => Dispute, { description: 'The dispute whose panel it elects' })
  async dispute(@Parent() election: Election, @Context() ctx: GraphqlContext): Promise<Dispute> {
    const dispute = await this.disputes.byIdLoader(ctx.loaders).load(election.disputeId);
    if (!dispute) throw notFound('Dispute', election.disputeId, 'DISPUTE_NOT_FOUND');
    return toDispute(dispute);
  }

  @ResolveField(() => GraphQLJSON, {
    nullable: true,
    description: 'The count, every stage (quota, votes, transfers, tie-breaks); only when the ballots are published (ballotsPublished)',
  })
  async count(@Parent() election: Election, @Context() ctx: GraphqlContext): Promise<Record<string, unknown> | null> {
    if (!election.ballotsPublished) return null;
    // Undefined when the election was read in a list, which leaves the count out (ElectionsService.list).
    return election.count !== undefined ? election.count : this.service.countOf(ctx.loaders).load(election.id);
  }

  @ResolveField(() => [RosterPerson], { description: 'The eligible roster persons when it opened: the choices on the ballot' })
  async candidates(@Parent() election: Election): Promise<RosterPerson[]> {
    return (await this.service.candidatesOf(election.id)).map(toRosterPerson);
  }

  @ResolveField(() => [RosterPerson], { description: 'In order of election; empty until the close' })
  async elected(@Parent() election: Election, @Context() ctx: GraphqlContext): Promise<RosterPerson[]> {
    return (await this.closing.electedLoader(ctx.loaders).load(election.id)).map(toRosterPerson);
  }

  @ResolveField(() => [PublishedBallot], {
    nullable: true,
    description: 'Every counted ballot, once closed, when published (ballotsPublished)',
  })
  async ballots(@Parent() election: Election): Promise<PublishedBallot[] | null> {
    if (!election.ballotsPublished) return null;
    return this.closing.publishedBallots(election.id);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The ballots as a BLT file for any STV tool (npm run tally), when published (ballotsPublished)',
  })
  async blt(@Parent() election: Election): Promise<string | null> {
    if (!election.ballotsPublished) return null;
    return this.closing.blt(await this.service.get(this.service.manager, election.id));
  }
}

/** A dispute's panel and its elections. */
@Resolver(() => Dispute)
export class DisputePanelResolver {
  constructor(
    private readonly electionsService: ElectionsService,
    private readonly panelService: PanelService,
  ) {}

  @ResolveField(() => [PanelMember], { description: 'The panelists now seated, the chair first' })
  panel(@Parent() dispute: Dispute, @Context() ctx: GraphqlContext): Promise<PanelMember[]> {
    return this.panelService.seated(ctx.loaders).load(dispute.id);
  }

  @ResolveField(() => [Election], { description: 'The elections of its panel, oldest first' })
  async elections(@Parent() dispute: Dispute, @Context() ctx: GraphqlContext): Promise<Election[]> {
    return (await this.electionsService.forDispute(ctx.loaders).load(dispute.id)).map(toElection);
  }
}
