import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

@ArgsType()
export class LoginArgs {
  @Field({ description: 'Sign-in address (any case)' })
  @IsString()
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email: string;

  @Field({ description: "The account's password" })
  @IsString()
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password: string;

  @Field(() => String, {
    nullable: true,
    description: 'With a second factor: the code your authenticator app shows, or one of your recovery codes',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32, { message: 'code must be at most 32 characters' })
  code?: string | null;
}

@ArgsType()
export class ConfirmTotpArgs {
  @Field({ description: 'The code your authenticator app shows now' })
  @IsString()
  @Length(1, 16, { message: 'code must be the 6 digits your app shows' })
  code: string;
}

@ArgsType()
export class ResetTotpArgs {
  @Field(() => ID, { description: 'The user whose factor is lost (UUID); not yourself' })
  @IsUUID('all', { message: 'userId must be a user id' })
  userId: string;
}

@ArgsType()
export class RefreshTokenArgs {
  @Field({ description: 'The refresh token of a sign-in (from login or refreshToken)' })
  @IsString()
  @Length(1, 200, { message: 'refreshToken must be the token you were given' })
  refreshToken: string;
}
