import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLJSON, graphqlEnum } from '@app/core';
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
  @Field({ description: 'The receipt the voter was given when casting it' })
  receipt: string;

  @Field(() => [String], { description: 'Candidate labels as in the count, most preferred first' })
  ranking: string[];
}

@ObjectType({ description: "The election of a dispute's panel, or of a vacant seat, by the members" })
export class Election {
  @Field(() => ID, { description: "The election's id (UUID)" })
  id: string;

  @Field(() => ElectionKindEnum, { description: 'The whole panel, or a vacant seat' })
  kind: ElectionKind;

  @Field(() => Int, {
    description: 'Seats to fill: 3, or 5 if the parties agreed within 10 days of establishment (DSU 8.5); for a vacancy, the vacant seats',
  })
  seats: number;

  @Field(() => ElectionStatusEnum, { description: 'OPEN, CLOSED or FAILED' })
  status: ElectionStatus;

  @Field(() => CountingRulesEnum, { description: 'How the ballots are counted' })
  rules: CountingRulesName;

  @Field(() => Int, { description: 'The share of the electorate (in percent) that must vote for the election to count' })
  quorumPercent: number;

  @Field({ description: 'When voting opens (UTC instant)' })
  opensAt: Date;

  @Field({ description: 'When voting closes and the count may run (UTC instant)' })
  closesAt: Date;

  @Field({ description: 'SHA-256 of the tie-break seed, published at opening' })
  seedHash: string;

  @Field(() => String, { nullable: true, description: 'The seed, revealed at the close: check it against seedHash' })
  seed: string | null;

  @Field(() => Int, { description: 'Members entitled to vote: the active members that are not parties to the dispute' })
  electorateSize: number;

  @Field(() => Int, { nullable: true, description: 'Members that voted; known at the close' })
  turnout: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was counted (UTC instant); null while open' })
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

@ObjectType({ description: 'A page of elections' })
export class ElectionConnection extends Connection(Election) {}

@ObjectType({ description: 'The receipt of a cast ballot' })
export class CastBallotResult {
  @Field({ description: 'Keep it: after the close, find it among the published ballots' })
  receipt: string;
}

@ObjectType({ description: 'A seat on the panel' })
export class PanelMember {
  @Field(() => RosterPerson, { description: 'The roster person seated' })
  person: RosterPerson;

  @Field({ description: 'Whether the panelist chairs the panel' })
  chair: boolean;

  @Field({ description: 'When the panelist took the seat (UTC instant)' })
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
    // A list reads elections without their count (ElectionsService.list): undefined, read on demand (countOf).
    count: entity.ballotsPublished ? entity.result : null,
    ballotsPublished: entity.ballotsPublished,
    disputeId: entity.disputeId,
  };
}
