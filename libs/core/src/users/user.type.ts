import { Field, ID, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enum';
import { ROLES, Role } from '../auth/actor';
import { Connection } from '../graphql/pagination';
import { UserEntity } from './user.entity';

export const RoleEnum = graphqlEnum(ROLES, 'Role');

@ObjectType({ description: 'A person who signs in: registry staff, a delegate or a panelist' })
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field()
  active: boolean;

  @Field()
  createdAt: Date;

  /** Resolved by the `member` field; never exposed as a raw foreign key. */
  memberId: string | null;
}

@ObjectType()
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
  };
}
