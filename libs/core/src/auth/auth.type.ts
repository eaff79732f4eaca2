import { Field, ObjectType } from '@nestjs/graphql';
import { User, toUser } from '../users/user.type';
import type { IssuedTokens } from './auth.service';

@ObjectType({ description: 'A signed-in session: a short-lived access token and its refresh token' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`; valid at most 15 minutes' })
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field({ description: 'Exchange with refreshToken for a new pair; usable once' })
  refreshToken: string;

  @Field()
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}

export function toAuthPayload(tokens: IssuedTokens): AuthPayload {
  return { ...tokens, user: toUser(tokens.user) };
}
