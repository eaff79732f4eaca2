import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import { User } from '../users/user.type';
import { AdvanceClockArgs, SandboxInfo } from './sandbox.type';
import { SandboxService } from './sandbox.service';

/** The training sandbox's operation and its banner (README, "Training sandbox"). */
@Resolver(() => SandboxInfo)
export class SandboxResolver {
  constructor(private readonly service: SandboxService) {}

  @Public()
  @Query(() => SandboxInfo, {
    nullable: true,
    description: 'The banner of a training sandbox, for the public docket and every screen; null outside a sandbox. Anyone',
  })
  sandbox(): SandboxInfo | null {
    return this.service.state();
  }

  @Roles('SECRETARIAT')
  @Mutation(() => SandboxInfo, {
    description:
      "Training sandbox only (SANDBOX=true): moves the clock of every process forward to `to`, running the worker's timed work at each instant it would have run on the way (limits running out, automatic steps, elections closing, reminders), and returns once caught up. Secretariat only",
  })
  advanceClock(@CurrentUser() actor: Actor, @Args() args: AdvanceClockArgs): Promise<SandboxInfo> {
    return this.service.advance(actor, args.to);
  }
}

/** The banner on `me` (and on any user read): null outside a sandbox. */
@Resolver(() => User)
export class UserSandboxResolver {
  constructor(private readonly service: SandboxService) {}

  @ResolveField(() => SandboxInfo, { nullable: true, description: 'The banner of a training sandbox; null outside a sandbox' })
  sandbox(): SandboxInfo | null {
    return this.service.state();
  }
}
