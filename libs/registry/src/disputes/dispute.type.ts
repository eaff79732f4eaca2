import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, LocalDateScalar, Member, graphqlEnum } from '@app/core';
import { STAGE_LABELS, type Stage } from '../procedure';
import { PARTY_KINDS, PartyKind } from './dispute-party.entity';
import { DisputeEntity, docketNumber } from './dispute.entity';
import { StageEnum } from './dto/dispute.input';

export const PartyKindEnum = graphqlEnum(PARTY_KINDS, 'PartyKind');

@ObjectType({ description: "A member's place in a dispute" })
export class DisputeParty {
  @Field(() => Member)
  member: Member;

  @Field(() => PartyKindEnum)
  kind: PartyKind;

  @Field()
  joinedAt: Date;
}

@ObjectType({ description: 'An action that becomes possible later' })
export class LaterAction {
  @Field()
  action: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The first day it is allowed, when a date decides it' })
  allowedFrom: string | null;

  @Field({ description: 'Why not now, and what would make it possible' })
  reason: string;
}

@ObjectType({ description: 'What the signed-in user may do in this dispute' })
export class AllowedActionsResult {
  @Field(() => [String], { description: 'Actions allowed now' })
  now: string[];

  @Field(() => [LaterAction])
  later: LaterAction[];
}

@ObjectType({ description: 'A dispute between members, from the request for consultations on' })
export class Dispute {
  @Field(() => ID)
  id: string;

  @Field({ description: 'DS<n>, in filing order, never reused' })
  docketNumber: string;

  @Field()
  title: string;

  @Field()
  summary: string;

  @Field(() => [String])
  measures: string[];

  @Field(() => [String])
  legalBasis: string[];

  @Field({ description: 'A case of urgency (DSU 4.8)' })
  urgent: boolean;

  @Field(() => StageEnum)
  stage: Stage;

  @Field()
  stageLabel: string;

  @Field()
  stageEnteredAt: Date;

  @Field(() => StageEnum, { nullable: true, description: 'While suspended: the stage it resumes to' })
  stageBeforeSuspension: Stage | null;

  @Field({ description: 'Good offices, conciliation or mediation under way (DSU 5)' })
  goodOffices: boolean;

  @Field()
  filedAt: Date;

  @Field(() => Int)
  version: number;
}

@ObjectType()
export class DisputeConnection extends Connection(Dispute) {}

/** The columns a {@link Dispute} is made of: what a list of disputes reads. */
export const DISPUTE_SUMMARY_COLUMNS = [
  'id',
  'number',
  'title',
  'summary',
  'measures',
  'legalBasis',
  'urgent',
  'stage',
  'stageEnteredAt',
  'stageBeforeSuspension',
  'goodOffices',
  'filedAt',
  'version',
] as const satisfies readonly (keyof DisputeEntity)[];

export type DisputeSummary = Pick<DisputeEntity, (typeof DISPUTE_SUMMARY_COLUMNS)[number]>;

export function toDispute(entity: DisputeSummary): Dispute {
  return {
    id: entity.id,
    docketNumber: docketNumber(entity),
    title: entity.title,
    summary: entity.summary,
    measures: entity.measures,
    legalBasis: entity.legalBasis,
    urgent: entity.urgent,
    stage: entity.stage,
    stageLabel: STAGE_LABELS[entity.stage],
    stageEnteredAt: entity.stageEnteredAt,
    stageBeforeSuspension: entity.stageBeforeSuspension,
    goodOffices: entity.goodOffices,
    filedAt: entity.filedAt,
    version: entity.version,
  };
}
