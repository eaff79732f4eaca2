import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ClientIp, Public } from './decorators';
import { AuthService } from './auth.service';
import { AuthPayload, toAuthPayload } from './auth.type';
import { LoginArgs, RefreshTokenArgs } from './dto/auth.input';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Signs in with email and password (and a TOTP or recovery code where the role requires a second factor). Failed attempts are throttled per address and per account. Public',
  })
  async login(@Args() { email, password, code }: LoginArgs, @ClientIp() ip: string): Promise<AuthPayload> {
    return toAuthPayload(await this.auth.login(email, password, ip, code));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Exchanges a refresh token for a new access and refresh token; the old refresh token is spent. Public',
  })
  async refreshToken(@Args() { refreshToken }: RefreshTokenArgs): Promise<AuthPayload> {
    return toAuthPayload(await this.auth.refresh(refreshToken));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session of this refresh token. Public: the token is the credential' })
  logout(@Args() { refreshToken }: RefreshTokenArgs): Promise<boolean> {
    return this.auth.logout(refreshToken);
  }
}
