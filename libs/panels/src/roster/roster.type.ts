import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, graphqlEnum } from '@app/core';
import { ROSTER_STATUSES, RosterPersonEntity, type RosterStatus } from './roster-person.entity';

export const RosterStatusEnum = graphqlEnum(ROSTER_STATUSES, 'RosterStatus', 'Where a nomination to the roster stands', {
  NOMINATED: "Nominated by a member, awaiting the secretariat's decision",
  APPROVED: 'On the roster: may be elected',
  REJECTED: 'Not admitted to the roster',
  REMOVED: 'Taken off the roster',
});

/**
 * A person on the roster as anyone may see them (DSU 8.4: the indicative list): who nominated
 * them, their account and their disclosures are not public.
 */
@ObjectType({ description: 'A person on the indicative list of panelists (DSU 8.4)' })
export class RosterPerson {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code' })
  nationality: string;

  @Field(() => [String])
  expertise: string[];

  @Field(() => [String])
  languages: string[];

  @Field()
  available: boolean;
}

@ObjectType()
export class RosterPersonConnection extends Connection(RosterPerson) {}

/** A nomination as the secretariat (and the nominating member) sees it. */
@ObjectType({ description: 'A nomination to the roster, with its decision' })
export class Nomination {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code' })
  nationality: string;

  @Field(() => [String])
  expertise: string[];

  @Field(() => [String])
  languages: string[];

  @Field()
  available: boolean;

  @Field(() => RosterStatusEnum)
  status: RosterStatus;

  @Field(() => String, { nullable: true })
  decisionReason: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field()
  nominatedAt: Date;

  @Field(() => Int)
  version: number;

  nominatedByMemberId: string;
  userId: string | null;
}

@ObjectType()
export class NominationConnection extends Connection(Nomination) {}

export function toRosterPerson(entity: RosterPersonEntity): RosterPerson {
  return {
    id: entity.id,
    name: entity.name,
    nationality: entity.nationality,
    expertise: entity.expertise,
    languages: entity.languages,
    available: entity.available,
  };
}

export function toNomination(entity: RosterPersonEntity): Nomination {
  return {
    ...toRosterPerson(entity),
    status: entity.status,
    decisionReason: entity.decisionReason,
    decidedAt: entity.decidedAt,
    nominatedAt: entity.createdAt,
    version: entity.version,
    nominatedByMemberId: entity.nominatedByMemberId,
    userId: entity.userId,
  };
}
