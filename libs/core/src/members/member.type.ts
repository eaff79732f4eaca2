import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enum';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { Connection } from '../graphql/pagination';
import { MEMBER_STATUSES, MemberEntity, MemberStatus } from './member.entity';

export const MemberStatusEnum = graphqlEnum(MEMBER_STATUSES, 'MemberStatus', "Whether a member takes part in the body's work", {
  ACTIVE: 'A member in good standing',
  SUSPENDED: 'A suspended member: may not file a dispute nor nominate to the roster',
});

@ObjectType({ description: 'A member state of the organisation' })
export class Member {
  @Field(() => ID, { description: "The member's id (UUID)" })
  id: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code' })
  code: string;

  @Field({ description: "The member's name as the body records it" })
  name: string;

  @Field(() => LocalDateScalar, { description: 'The day the state joined the organisation (ISO date)' })
  joinedOn: string;

  @Field(() => MemberStatusEnum, { description: 'ACTIVE or SUSPENDED' })
  status: MemberStatus;

  @Field(() => Int, { description: 'Pass it back when updating; a stale version is refused' })
  version: number;
}

@ObjectType({ description: 'A page of members, by code' })
export class MemberConnection extends Connection(Member) {}

/** The columns a {@link Member} is made of. */
export const MEMBER_COLUMNS = ['id', 'code', 'name', 'joinedOn', 'status', 'version'] as const satisfies readonly (keyof MemberEntity)[];

export function toMember(entity: Pick<MemberEntity, (typeof MEMBER_COLUMNS)[number]>): Member {
  return {
    id: entity.id,
    code: entity.code,
    name: entity.name,
    joinedOn: entity.joinedOn,
    status: entity.status,
    version: entity.version,
  };
}
