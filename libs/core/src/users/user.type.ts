import { Field, ID, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enum';
import { ROLES, Role } from '../auth/actor';
import { Connection } from '../graphql/pagination';
import { UserEntity } from './user.entity';

export const RoleEnum = graphqlEnum(ROLES, 'Role', 'What a user may do through the API', {
  SECRETARIAT: "Registry staff: manage members and users, keep the docket, record the body's decisions, run elections",
  MEMBER_DELEGATE: 'A delegate acting for one member: files and answers disputes, joins as third party, files documents, votes',
  PANELIST: 'An expert of the roster: manages the hearings and reports of the panels they sit on',
});

@ObjectType({ description: 'A person who signs in: registry staff, a delegate or a panelist' })
export class User {
  @Field(() => ID, { description: "The user's id (UUID)" })
  id: string;

  @Field({ description: 'Sign-in address, lower case; unique' })
  email: string;

  @Field({ description: "The person's name, as the application shows it to others" })
  displayName: string;

  @Field(() => RoleEnum, { description: "What the user may do: registry staff, a member's delegate or a panelist" })
  role: Role;

  @Field({ description: 'False once the secretariat deactivated the user: no sign-in, every session ended' })
  active: boolean;

  @Field({ description: 'When the account was created (UTC instant)' })
  createdAt: Date;

  /** Resolved by the `language` field, which only the user and the secretariat read. */
  languagePreference: string | null;

  /** Resolved by the `member` field; never exposed as a raw foreign key. */
  memberId: string | null;
}

@ObjectType({ description: 'A page of users, by email' })
export class UserConnection extends Connection(User) {}

export function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    email: entity.email,
    displayName: entity.displayName,
    role: entity.role,
    active: entity.active,
    createdAt: entity.createdAt,
    memberId: entity.memberId,
    languagePreference: entity.language,
  };
}
