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
  @Field(() => ID, { description: "The person's id (UUID)" })
  id: string;

  @Field({ description: 'Full name' })
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code' })
  nationality: string;

  @Field(() => [String], { description: 'Fields of expertise, e.g. "trade in goods", "SPS"' })
  expertise: string[];

  @Field(() => [String], { description: 'Working languages' })
  languages: string[];

  @Field({ description: 'Whether the person can serve now; an unavailable person is not eligible' })
  available: boolean;
}

@ObjectType({ description: 'A page of the approved roster, by name' })
export class RosterPersonConnection extends Connection(RosterPerson) {}

/** A nomination as the secretariat (and the nominating member) sees it. */
@ObjectType({ description: 'A nomination to the roster, with its decision' })
export class Nomination {
  @Field(() => ID, { description: "The person's id (UUID): the same as on the roster once approved" })
  id: string;

  @Field({ description: 'Full name' })
  name: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code' })
  nationality: string;

  @Field(() => [String], { description: 'Fields of expertise' })
  expertise: string[];

  @Field(() => [String], { description: 'Working languages' })
  languages: string[];

  @Field({ description: 'Whether the person can serve now' })
  available: boolean;

  @Field(() => RosterStatusEnum, { description: 'Where the nomination stands' })
  status: RosterStatus;

  @Field(() => String, { nullable: true, description: "The secretariat's reason for a rejection or removal" })
  decisionReason: string | null;

  @Field(() => Date, { nullable: true, description: 'When the secretariat approved, rejected or removed the person (UTC instant)' })
  decidedAt: Date | null;

  @Field({ description: 'When the member proposed the person (UTC instant)' })
  nominatedAt: Date;

  @Field(() => Int, { description: 'Incremented by every change' })
  version: number;

  nominatedByMemberId: string;
  userId: string | null;
}

@ObjectType({ description: 'A page of nominations, newest first' })
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
