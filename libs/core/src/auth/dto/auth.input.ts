import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';

@ArgsType()
export class LoginArgs {
  @Field()
  @IsString()
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email: string;

  @Field()
  @IsString()
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password: string;
}

@ArgsType()
export class RefreshTokenArgs {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'refreshToken must be the token you were given' })
  refreshToken: string;
}
