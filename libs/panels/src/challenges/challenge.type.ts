import { Field, ID, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '@app/core';
import { CHALLENGE_STATUSES, ChallengeEntity, type ChallengeStatus } from './challenge.entity';

export const ChallengeStatusEnum = graphqlEnum(
  CHALLENGE_STATUSES,
  'ChallengeStatus',
  "Where a party's challenge of a candidate for cause stands (DSU 8.6)",
  {
    PENDING: "Awaiting the secretariat's decision",
    UPHELD: "Upheld: the candidate may not sit on this dispute's panel",
    DISMISSED: 'Dismissed: the candidate stays eligible',
  },
);

@ObjectType({ description: "A party's challenge of a candidate for cause (DSU 8.6)" })
export class Challenge {
  @Field(() => ID, { description: "The challenge's id (UUID)" })
  id: string;

  @Field({ description: 'The compelling reasons given (DSU 8.6)' })
  grounds: string;

  @Field(() => ChallengeStatusEnum, { description: 'PENDING, UPHELD or DISMISSED' })
  status: ChallengeStatus;

  @Field({ description: 'When it was filed (UTC instant)' })
  filedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the secretariat decided it (UTC instant); null while pending' })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The secretariat's reasons for its decision, as on the docket" })
  reasons: string | null;

  disputeId: string;
  personId: string;
  byMemberId: string;
}

export function toChallenge(entity: ChallengeEntity): Challenge {
  return {
    id: entity.id,
    grounds: entity.grounds,
    status: entity.status,
    filedAt: entity.filedAt,
    decidedAt: entity.decidedAt,
    reasons: entity.reasons,
    disputeId: entity.disputeId,
    personId: entity.personId,
    byMemberId: entity.byMemberId,
  };
}
