import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ClientIp, Public } from './decorators';
import { AuthService } from './auth.service';
import { AuthPayload, toAuthPayload } from './auth.type';
import { LoginArgs, RefreshTokenArgs } from './dto/auth.input';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload)
  async login(@Args() { email, password, code }: LoginArgs, @ClientIp() ip: string): Promise<AuthPayload> {
    return toAuthPayload(await this.auth.login(email, password, ip, code));
  }

  @Public()
  @Mutation(() => AuthPayload)
  async refreshToken(@Args() { refreshToken }: RefreshTokenArgs): Promise<AuthPayload> {
    return toAuthPayload(await this.auth.refresh(refreshToken));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session of this refresh token' })
  logout(@Args() { refreshToken }: RefreshTokenArgs): Promise<boolean> {
    return this.auth.logout(refreshToken);
  }
}
