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
  @Query(() => MemberConnection, { description: 'Members of the organisation, by code. Public' })
  async members(@Args() args: MembersArgs): Promise<MemberConnection> {
    return mapPage(await this.service.list(args), toMember);
  }

  @Public()
  @Query(() => Member, { description: 'One member, by id or by code (give one). Public' })
  async member(
    @Args('id', { type: () => ID, nullable: true, description: "The member's id (UUID)" }) id?: string,
    @Args('code', { nullable: true, description: "The member's alpha-3 code, e.g. KAZ (any case)" }) code?: string,
  ): Promise<Member> {
    return toMember(await this.service.get({ id, code }));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Member, { description: 'Records a new member state. Secretariat only' })
  async createMember(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'Its code, name, day of joining and status' }) input: CreateMemberInput,
  ): Promise<Member> {
    return toMember(await this.service.create(actor, input));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Member, {
    description: "Changes a member's name, day of joining or status (optimistic: pass the version you read). Secretariat only",
  })
  async updateMember(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The changes and the version you read' }) input: UpdateMemberInput,
  ): Promise<Member> {
    return toMember(await this.service.update(actor, input));
  }
}
