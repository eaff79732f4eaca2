import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { mapPage } from '../graphql/pagination';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import { CreateMemberInput, MembersArgs, UpdateMemberInput } from './dto/member.input';
import { Member, MemberConnection, toMember } from './member.type';
import { MembersService } from './members.service';

@Resolver(() => Member)
export class MembersResolver {
  constructor(private readonly service: MembersService) {}

  @Public()
  @Query(() => MemberConnection, { description: 'Members of the organisation, by code' })
  async members(@Args() args: MembersArgs): Promise<MemberConnection> {
    return mapPage(await this.service.list(args), toMember);
  }

  @Public()
  @Query(() => Member)
  async member(
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('code', { nullable: true }) code?: string,
  ): Promise<Member> {
    return toMember(await this.service.get({ id, code }));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Member)
  async createMember(
    @CurrentUser() actor: Actor,
    @Args('input') input: CreateMemberInput,
  ): Promise<Member> {
    return toMember(await this.service.create(actor, input));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Member)
  async updateMember(
    @CurrentUser() actor: Actor,
    @Args('input') input: UpdateMemberInput,
  ): Promise<Member> {
    return toMember(await this.service.update(actor, input));
  }
}
