import { Field, ObjectType } from '@nestjs/graphql';
import { User, toUser } from '../users/user.type';
import type { IssuedTokens } from './auth.service';

@ObjectType({ description: 'A signed-in session: a short-lived access token and its refresh token' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`; valid at most 15 minutes' })
  accessToken: string;

  @Field({ description: 'When the access token stops working (UTC instant)' })
  accessTokenExpiresAt: Date;

  @Field({ description: 'Exchange with refreshToken for a new pair; usable once' })
  refreshToken: string;

  @Field({ description: 'When the refresh token stops working (UTC instant)' })
  refreshTokenExpiresAt: Date;

  @Field(() => User, { description: 'The signed-in user' })
  user: User;

  @Field({
    description:
      'True when your role requires a second factor and you have none: this sign-in may only enrol one (enrollTotp, then confirmTotp), which makes it a full one',
  })
  totpEnrollmentRequired: boolean;
}

export function toAuthPayload(tokens: IssuedTokens): AuthPayload {
  const { scope, ...rest } = tokens;
  return { ...rest, user: toUser(tokens.user), totpEnrollmentRequired: scope === 'MFA_ENROLMENT' };
}

@ObjectType({ description: 'A TOTP secret to put in an authenticator app, shown this once' })
export class TotpEnrollment {
  @Field({ description: 'The secret in base32, to type into the app' })
  secret: string;

  @Field({ description: 'The otpauth:// URI, to show as a QR code for the app to scan' })
  otpauthUri: string;
}

@ObjectType({ description: 'The second factor is on' })
export class TotpConfirmation {
  @Field(() => [String], { description: 'Ten single-use recovery codes, shown this once: keep them apart from the device' })
  recoveryCodes: string[];
}
