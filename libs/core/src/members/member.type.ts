import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enum';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { Connection } from '../graphql/pagination';
import { MEMBER_STATUSES, MemberEntity, MemberStatus } from './member.entity';

export const MemberStatusEnum = graphqlEnum(MEMBER_STATUSES, 'MemberStatus');

@ObjectType({ description: 'A member state of the organisation' })
export class Member {
  @Field(() => ID)
  id: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code' })
  code: string;

  @Field()
  name: string;

  @Field(() => LocalDateScalar)
  joinedOn: string;

  @Field(() => MemberStatusEnum)
  status: MemberStatus;

  @Field(() => Int, { description: 'Pass it back when updating; a stale version is refused' })
  version: number;
}

@ObjectType()
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
