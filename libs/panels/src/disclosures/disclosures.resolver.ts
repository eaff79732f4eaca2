import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, GraphqlContext, Roles, mapPage, notFound } from '@app/core';
import { Dispute, DisputesService, toDispute } from '@app/registry';
import { RosterPerson, toRosterPerson } from '../roster/roster.type';
import { RosterService } from '../roster/roster.service';
import { Disclosure, DisclosureConnection, toDisclosure } from './disclosure.type';
import { DisclosuresService } from './disclosures.service';
import { DeclareDisclosureInput, DecideDisclosureArgs, DisclosuresArgs } from './dto/disclosure.input';

@Resolver(() => Disclosure)
export class DisclosuresResolver {
  constructor(
    private readonly service: DisclosuresService,
    private readonly roster: RosterService,
    private readonly disputes: DisputesService,
  ) {}

  @Query(() => DisclosureConnection, {
    description:
      "A person's disclosures you may see, newest first: the secretariat all, the person their own, a delegate of a party those touching its disputes",
  })
  async disclosures(@CurrentUser() actor: Actor, @Args() args: DisclosuresArgs): Promise<DisclosureConnection> {
    return mapPage(await this.service.list(actor, args), toDisclosure);
  }

  @Roles('PANELIST', 'SECRETARIAT')
  @Mutation(() => Disclosure, {
    description:
      'Discloses an interest (Rules of Conduct VI); while open it excludes the person from the dispute it touches. The person themselves (their PANELIST account) or the secretariat for them',
  })
  async declareDisclosure(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The person, the kind of interest, what it is and the dispute it touches' })
    input: DeclareDisclosureInput,
  ): Promise<Disclosure> {
    return toDisclosure(await this.service.declare(actor, input));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Disclosure, {
    description: 'Clears a disclosure (no conflict) or upholds it (a conflict: not eligible in the dispute it touches). Secretariat only',
  })
  async decideDisclosure(@CurrentUser() actor: Actor, @Args() args: DecideDisclosureArgs): Promise<Disclosure> {
    return toDisclosure(await this.service.decide(actor, args));
  }

  @ResolveField(() => RosterPerson, { description: 'The roster person who disclosed it' })
  async person(@Parent() disclosure: Disclosure, @Context() ctx: GraphqlContext): Promise<RosterPerson> {
    const person = await this.roster.byId(ctx.loaders).load(disclosure.personId);
    if (!person) throw notFound('Roster person', disclosure.personId, 'ROSTER_PERSON_NOT_FOUND');
    return toRosterPerson(person);
  }

  @ResolveField(() => Dispute, { nullable: true, description: 'The dispute the interest touches' })
  async dispute(@Parent() disclosure: Disclosure, @Context() ctx: GraphqlContext): Promise<Dispute | null> {
    if (!disclosure.disputeId) return null;
    const dispute = await this.disputes.byIdLoader(ctx.loaders).load(disclosure.disputeId);
    return dispute ? toDispute(dispute) : null;
  }
}
