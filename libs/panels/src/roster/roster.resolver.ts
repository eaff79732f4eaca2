import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Actor,
  CurrentUser,
  GraphqlContext,
  Member,
  MembersService,
  Public,
  Roles,
  User,
  mapPage,
  notFound,
  toMember,
  toUser,
} from '@app/core';
import {
  DecideNominationArgs,
  LinkPanelistUserArgs,
  NominateRosterPersonInput,
  NominationsArgs,
  RemoveRosterPersonArgs,
  RosterArgs,
  SetAvailabilityArgs,
} from './dto/roster.input';
import { Nomination, NominationConnection, RosterPerson, RosterPersonConnection, toNomination, toRosterPerson } from './roster.type';
import { RosterService } from './roster.service';

const cvPath = (personId: string) => `/roster/${personId}/cv`;

@Resolver(() => RosterPerson)
export class RosterResolver {
  constructor(private readonly service: RosterService) {}

  // DSU 8.4: the indicative list is public, so that members and parties know who may serve.
  @Public()
  @Query(() => RosterPersonConnection, {
    description:
      'The approved roster of panelists, by name. Public: the indicative list lets members and parties know who may serve (DSU 8.4)',
  })
  async roster(@Args() args: RosterArgs): Promise<RosterPersonConnection> {
    return mapPage(await this.service.list(args), toRosterPerson);
  }

  @Public()
  @Query(() => RosterPerson, { description: 'One approved person on the roster. Public' })
  async rosterPerson(@Args('id', { type: () => ID, description: "The person's id (UUID)" }) id: string): Promise<RosterPerson> {
    return toRosterPerson(await this.service.getApproved(id));
  }

  @ResolveField(() => String, { nullable: true, description: 'GET it to download the CV, if one was filed' })
  async cvPath(@Parent() person: RosterPerson, @Context() ctx: GraphqlContext): Promise<string | null> {
    return (await this.service.hasCv(ctx.loaders).load(person.id)) ? cvPath(person.id) : null;
  }
}

@Resolver(() => Nomination)
export class NominationsResolver {
  constructor(
    private readonly service: RosterService,
    private readonly members: MembersService,
  ) {}

  @Roles('SECRETARIAT', 'MEMBER_DELEGATE')
  @Query(() => NominationConnection, {
    description: 'Nominations to the roster, newest first: all for the secretariat, your own member’s for a delegate',
  })
  async nominations(@CurrentUser() actor: Actor, @Args() args: NominationsArgs): Promise<NominationConnection> {
    return mapPage(await this.service.nominations(actor, args), toNomination);
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Nomination, {
    description: 'Proposes a person for the roster (DSU 8.4), for your member; the secretariat decides. A delegate of an active member',
  })
  async nominateRosterPerson(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The person and their CV' }) input: NominateRosterPersonInput,
  ): Promise<Nomination> {
    return toNomination(await this.service.nominate(actor, input));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Nomination, { description: 'Approves or rejects a nomination (DSU 8.4). Secretariat only' })
  async decideNomination(@CurrentUser() actor: Actor, @Args() args: DecideNominationArgs): Promise<Nomination> {
    return toNomination(await this.service.decide(actor, args));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Nomination, { description: 'Takes an approved person off the roster. Secretariat only' })
  async removeRosterPerson(@CurrentUser() actor: Actor, @Args() args: RemoveRosterPersonArgs): Promise<Nomination> {
    return toNomination(await this.service.remove(actor, args));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Nomination, {
    description: "Links the person's own PANELIST account, with which they act on the panels they sit on. Secretariat only",
  })
  async linkPanelistUser(@CurrentUser() actor: Actor, @Args() args: LinkPanelistUserArgs): Promise<Nomination> {
    return toNomination(await this.service.linkUser(actor, args));
  }

  @Roles('PANELIST', 'SECRETARIAT')
  @Mutation(() => Nomination, {
    description: 'Records whether the person can serve now. The person themselves (their linked PANELIST account) or the secretariat',
  })
  async setAvailability(@CurrentUser() actor: Actor, @Args() args: SetAvailabilityArgs): Promise<Nomination> {
    return toNomination(await this.service.setAvailability(actor, args));
  }

  @ResolveField(() => Member, { description: 'The member that proposed the person' })
  async nominatedBy(@Parent() nomination: Nomination, @Context() ctx: GraphqlContext): Promise<Member> {
    const member = await this.members.loader(ctx.loaders).load(nomination.nominatedByMemberId);
    if (!member) throw notFound('Member', nomination.nominatedByMemberId, 'MEMBER_NOT_FOUND');
    return toMember(member);
  }

  @ResolveField(() => User, { nullable: true, description: "The person's own PANELIST account, once linked (secretariat and the person)" })
  async panelistUser(
    @Parent() nomination: Nomination,
    @CurrentUser() actor: Actor | null,
    @Context() ctx: GraphqlContext,
  ): Promise<User | null> {
    // An account's email is not the nominating member's business.
    if (!nomination.userId || (actor?.role !== 'SECRETARIAT' && actor?.userId !== nomination.userId)) return null;
    const user = await this.service.users(ctx.loaders).load(nomination.userId);
    return user ? toUser(user) : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'GET it to download the CV (once the person is approved)' })
  async cvPath(@Parent() nomination: Nomination, @Context() ctx: GraphqlContext): Promise<string | null> {
    return (await this.service.hasCv(ctx.loaders).load(nomination.id)) ? cvPath(nomination.id) : null;
  }
}
