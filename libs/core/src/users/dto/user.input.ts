import { trim } from '../../graphql/transforms';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { ROLES, Role } from '../../auth/actor';
import { ConnectionArgs } from '../../graphql/pagination';
import { RoleEnum } from '../user.type';

const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

@InputType({ description: 'A new account, created by the secretariat' })
export class CreateUserInput {
  @Field({ description: 'Sign-in address (stored in lower case); must be unused' })
  @Transform(normaliseEmail)
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  email: string;

  @Field({ description: "The person's name, as the application shows it to others" })
  @Transform(trim)
  @Length(1, 200, { message: 'displayName must be 1 to 200 characters' })
  displayName: string;

  @Field(() => RoleEnum, { description: 'SECRETARIAT, MEMBER_DELEGATE (then memberCode is required) or PANELIST' })
  @IsIn(ROLES)
  role: Role;

  @Field({ nullable: true, description: 'The member a MEMBER_DELEGATE acts for (alpha-3 code)' })
  @ValidateIf((input: CreateUserInput) => input.role === 'MEMBER_DELEGATE' || input.memberCode !== undefined)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString({ message: 'memberCode is required for a MEMBER_DELEGATE' })
  @Length(3, 3, { message: 'memberCode must be a three-letter member code' })
  memberCode?: string;

  @Field({ description: 'Initial password, at least 12 characters' })
  @IsString()
  // OWASP: length over composition rules; at most 128 to bound the hashing work.
  @Length(12, 128, { message: 'password must be 12 to 128 characters' })
  password: string;
}

@ArgsType()
export class UsersArgs extends ConnectionArgs {
  @Field(() => RoleEnum, { nullable: true, description: 'Only users of this role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @Field({ nullable: true, description: 'Only active (true) or deactivated (false) users' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ArgsType()
export class UserIdArgs {
  @Field(() => ID, { description: "The user's id (UUID)" })
  @IsUUID('all', { message: 'id must be a user id' })
  id: string;
}
