import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, GraphqlContext, Member, MembersService, Roles, notFound, toMember } from '@app/core';
import { DEADLINE_RULES } from '@app/procedure';
import { Dispute, DisputesService, toDispute } from '@app/registry';
import { RosterPerson, toRosterPerson } from '../roster/roster.type';
import { RosterService } from '../roster/roster.service';
import { Challenge, toChallenge } from './challenge.type';
import { ChallengesService } from './challenges.service';
import { ChallengeCandidateArgs, DecideChallengeArgs } from './dto/challenge.input';

// The period is the engine's CANDIDATE_CHALLENGES rule (DSU 8.6, the body's own length): the schema
// states the catalogue's figure, so a change of the rule cannot leave the API's text behind.
const CHALLENGES = DEADLINE_RULES.CANDIDATE_CHALLENGES;

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
    description: `Challenges a candidate for compelling reasons (${CHALLENGES.article}), within ${CHALLENGES.length.value} days of the panel's establishment (CANDIDATE_CHALLENGES). A delegate of the complainant or a respondent`,
  })
  async challengeCandidate(@CurrentUser() actor: Actor, @Args() args: ChallengeCandidateArgs): Promise<Challenge> {
    return toChallenge(await this.service.challenge(actor, args));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Challenge, {
    description:
      'Upholds or dismisses a challenge, with reasons (on the public docket); an upheld challenge excludes the candidate from this dispute. Secretariat only',
  })
  async decideChallenge(@CurrentUser() actor: Actor, @Args() args: DecideChallengeArgs): Promise<Challenge> {
    return toChallenge(await this.service.decide(actor, args));
  }

  @ResolveField(() => Dispute, { description: 'The dispute whose panel is at issue' })
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
