import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from './actor';
import { TotpConfirmation, TotpEnrollment } from './auth.type';
import { AllowDuringMfaEnrolment, CurrentUser, Roles } from './decorators';
import { ConfirmTotpArgs, ResetTotpArgs } from './dto/auth.input';
import { SecondFactorService } from './second-factor.service';

@Resolver()
export class SecondFactorResolver {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @AllowDuringMfaEnrolment()
  @Mutation(() => TotpEnrollment, {
    description:
      'Starts enrolling a TOTP second factor: a new secret, shown this once; confirm it with confirmTotp. Any signed-in user, also a sign-in that may only enrol its second factor',
  })
  enrollTotp(@CurrentUser() actor: Actor): Promise<TotpEnrollment> {
    return this.secondFactor.enroll(actor);
  }

  @AllowDuringMfaEnrolment()
  @Mutation(() => TotpConfirmation, {
    description:
      'Turns the second factor on with a code of the app; returns the recovery codes, this once. Any signed-in user, also a sign-in that may only enrol its second factor',
  })
  async confirmTotp(@CurrentUser() actor: Actor, @Args() { code }: ConfirmTotpArgs): Promise<TotpConfirmation> {
    return { recoveryCodes: await this.secondFactor.confirm(actor, code) };
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Boolean, {
    description: "Removes a user's lost second factor and ends their sign-ins (the secretariat, never for itself)",
  })
  resetTotp(@CurrentUser() actor: Actor, @Args() { userId }: ResetTotpArgs): Promise<boolean> {
    return this.secondFactor.reset(actor, userId);
  }
}
