import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON, graphqlEnum } from '@app/core';
import { RosterPerson } from '../roster/roster.type';
import { CountingRulesEnum, type CountingRulesName, fromCountingRules } from './dto/election.input';
import { ELECTION_KINDS, ELECTION_STATUSES, ElectionEntity, type ElectionKind, type ElectionStatus } from './election.entity';

export const ElectionStatusEnum = graphqlEnum(ELECTION_STATUSES, 'ElectionStatus', 'Where an election stands', {
  OPEN: 'Ballots may be cast until the close',
  CLOSED: 'Counted, with a result',
  FAILED: 'The turnout missed the quorum; the election must be run again',
});
export const ElectionKindEnum = graphqlEnum(ELECTION_KINDS, 'ElectionKind', 'What an election fills', {
  PANEL: 'The whole panel of a dispute',
  VACANCY: 'A seat of a composed panel that fell vacant',
});

@ObjectType({ description: 'A counted ballot as published: its receipt and its ranking, with no voter' })
export class PublishedBallot {
  @Field()
  receipt: string;

  @Field(() => [String], { description: 'Candidate labels as in the count, most preferred first' })
  ranking: string[];
}

@ObjectType({ description: "The election of a dispute's panel, or of a vacant seat, by the members" })
export class Election {
  @Field(() => ID)
  id: string;

  @Field(() => ElectionKindEnum)
  kind: ElectionKind;

  @Field(() => Int)
  seats: number;

  @Field(() => ElectionStatusEnum)
  status: ElectionStatus;

  @Field(() => CountingRulesEnum)
  rules: CountingRulesName;

  @Field(() => Int)
  quorumPercent: number;

  @Field()
  opensAt: Date;

  @Field()
  closesAt: Date;

  @Field({ description: 'SHA-256 of the tie-break seed, published at opening' })
  seedHash: string;

  @Field(() => String, { nullable: true, description: 'The seed, revealed at the close: check it against seedHash' })
  seed: string | null;

  @Field(() => Int)
  electorateSize: number;

  @Field(() => Int, { nullable: true, description: 'Members that voted; known at the close' })
  turnout: number | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The count, every stage (quota, votes, transfers, tie-breaks); only when the ballots are published (ballotsPublished)',
  })
  count: Record<string, unknown> | null;

  @Field({
    description:
      'Whether the ballots, the BLT file and the stages of the count are published: only for a counted election with at least ' +
      'the configured number of ballots (BALLOT_PUBLICATION_MIN, 5 by default), so that no ballot is tied to one of a few voters. ' +
      'Otherwise only the elected and the turnout are; a failed election publishes no ballot. Receipts can be checked either way (verifyReceipt).',
  })
  ballotsPublished: boolean;

  disputeId: string;
}

@ObjectType()
export class CastBallotResult {
  @Field({ description: 'Keep it: after the close, find it among the published ballots' })
  receipt: string;
}

@ObjectType({ description: 'A seat on the panel' })
export class PanelMember {
  @Field(() => RosterPerson)
  person: RosterPerson;

  @Field()
  chair: boolean;

  @Field()
  seatedAt: Date;
}

export function toElection(entity: ElectionEntity): Election {
  const closed = entity.status !== 'OPEN';
  return {
    id: entity.id,
    kind: entity.kind,
    seats: entity.seats,
    status: entity.status,
    rules: fromCountingRules(entity.rules),
    quorumPercent: entity.quorumPercent,
    opensAt: entity.opensAt,
    closesAt: entity.closesAt,
    seedHash: entity.seedHash,
    seed: closed ? entity.seed : null,
    electorateSize: entity.electorateSize,
    turnout: entity.turnout,
    closedAt: entity.closedAt,
    count: entity.ballotsPublished ? entity.result : null,
    ballotsPublished: entity.ballotsPublished,
    disputeId: entity.disputeId,
  };
}
