import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { AllowDuringMfaEnrolment, CurrentUser, Roles } from '../auth/decorators';
import { mapPage } from '../graphql/pagination';
import type { GraphqlContext } from '../graphql/request-context';
import { Member, toMember } from '../members/member.type';
import { MembersService } from '../members/members.service';
import { CreateUserInput, UserIdArgs, UsersArgs } from './dto/user.input';
import { User, UserConnection, toUser } from './user.type';
import { UsersService } from './users.service';

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly service: UsersService,
    private readonly members: MembersService,
  ) {}

  @AllowDuringMfaEnrolment()
  @Query(() => User, { description: 'The signed-in user. Any signed-in user, also a sign-in that may only enrol its second factor' })
  async me(@CurrentUser() actor: Actor): Promise<User> {
    return toUser(await this.service.me(actor));
  }

  @Roles('SECRETARIAT')
  @Query(() => UserConnection, { description: 'Every account, by email. Secretariat only' })
  async users(@CurrentUser() actor: Actor, @Args() args: UsersArgs): Promise<UserConnection> {
    return mapPage(await this.service.list(actor, args), toUser);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => User, { description: 'Creates an account with its initial password. Secretariat only' })
  async createUser(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The account: email, name, role, member (for a delegate) and initial password' }) input: CreateUserInput,
  ): Promise<User> {
    return toUser(await this.service.create(actor, input));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => User, { description: 'Deactivates an account and ends its sign-ins; never your own. Secretariat only' })
  async deactivateUser(@CurrentUser() actor: Actor, @Args() { id }: UserIdArgs): Promise<User> {
    return toUser(await this.service.deactivate(actor, id));
  }

  @Mutation(() => User, {
    description:
      'Sets the working language the API answers you in when a request names none (?lang=): en, zh, fr, es, ru or ar; null clears it (then Accept-Language, then English). Any signed-in user, for themself',
  })
  async updateMyLanguage(
    @CurrentUser() actor: Actor,
    @Args('language', { type: () => String, nullable: true, description: 'A working language code (en, zh, fr, es, ru, ar), or null' })
    language: string | null,
    @Context() ctx: GraphqlContext,
  ): Promise<User> {
    const user = await this.service.updateMyLanguage(actor, language ?? null);
    // The answer to the change is already in the new language (requestLanguage sees the new preference).
    if (ctx.req.user) ctx.req.user.language = user.language;
    return toUser(user);
  }

  // Open to a sign-in that may only enrol its second factor, as `me` is: it is the user's own choice.
  @AllowDuringMfaEnrolment()
  @ResolveField(() => String, {
    name: 'language',
    nullable: true,
    description:
      'The working language the user chose (en, zh, fr, es, ru, ar), null if none: read by the user themself and the secretariat (null for others)',
  })
  language(@Parent() user: User, @CurrentUser() actor: Actor | null): string | null {
    return this.service.languageFor(actor, { id: user.id, language: user.languagePreference });
  }

  @ResolveField(() => Member, { nullable: true, description: 'The member a delegate acts for' })
  async member(@Parent() user: User, @Context() ctx: GraphqlContext): Promise<Member | null> {
    if (!user.memberId) return null;
    const member = await this.members.loader(ctx.loaders).load(user.memberId);
    return member ? toMember(member) : null;
  }
}
