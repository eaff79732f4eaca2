import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, GraphqlContext, Member, MembersService, Roles, notFound, toMember } from '@app/core';
import { Dispute, DisputesService, toDispute } from '@app/registry';
import { RosterPerson, toRosterPerson } from '../roster/roster.type';
import { RosterService } from '../roster/roster.service';
import { Challenge, toChallenge } from './challenge.type';
import { ChallengesService } from './challenges.service';
import { ChallengeCandidateArgs, DecideChallengeArgs } from './dto/challenge.input';

@Resolver(() => Challenge)
export class ChallengesResolver {
  constructor(
    private readonly service: ChallengesService,
    private readonly roster: RosterService,
    private readonly disputes: DisputesService,
    private readonly members: MembersService,
  ) {}

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Challenge, {
    description: "Challenges a candidate for compelling reasons (DSU 8.6), within 15 days of the panel's establishment",
  })
  async challengeCandidate(@CurrentUser() actor: Actor, @Args() args: ChallengeCandidateArgs): Promise<Challenge> {
    return toChallenge(await this.service.challenge(actor, args));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Challenge, { description: 'Upholds or dismisses a challenge, with reasons (on the public docket)' })
  async decideChallenge(@CurrentUser() actor: Actor, @Args() args: DecideChallengeArgs): Promise<Challenge> {
    return toChallenge(await this.service.decide(actor, args));
  }

  @ResolveField(() => Dispute)
  async dispute(@Parent() challenge: Challenge, @Context() ctx: GraphqlContext): Promise<Dispute> {
    const dispute = await this.disputes.byIdLoader(ctx.loaders).load(challenge.disputeId);
    if (!dispute) throw notFound('Dispute', challenge.disputeId, 'DISPUTE_NOT_FOUND');
    return toDispute(dispute);
  }

  @ResolveField(() => RosterPerson, { description: 'The candidate challenged' })
  async person(@Parent() challenge: Challenge, @Context() ctx: GraphqlContext): Promise<RosterPerson> {
    const person = await this.roster.byId(ctx.loaders).load(challenge.personId);
    if (!person) throw notFound('Roster person', challenge.personId, 'ROSTER_PERSON_NOT_FOUND');
    return toRosterPerson(person);
  }

  @ResolveField(() => Member, { description: 'The party that filed the challenge' })
  async by(@Parent() challenge: Challenge, @Context() ctx: GraphqlContext): Promise<Member> {
    const member = await this.members.loader(ctx.loaders).load(challenge.byMemberId);
    if (!member) throw notFound('Member', challenge.byMemberId, 'MEMBER_NOT_FOUND');
    return toMember(member);
  }
}
