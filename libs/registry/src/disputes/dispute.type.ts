import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, LocalDateScalar, Member, graphqlEnum } from '@app/core';
import { STAGE_LABELS, type Stage } from '@app/procedure';
import { CONSULTATIONS_STATUSES, PARTY_KINDS, PartyKind, type ConsultationsStatus } from './dispute-party.entity';
import { DisputeEntity, docketNumber } from './dispute.entity';
import { StageEnum } from './dto/dispute.input';

export const PartyKindEnum = graphqlEnum(PARTY_KINDS, 'PartyKind', 'How a member takes part in a dispute', {
  COMPLAINANT: 'The member that requested consultations',
  RESPONDENT: 'The member whose measures are at issue',
  THIRD_PARTY: 'A member with a substantial interest that joined (DSU 4.11, 10.2)',
});
export const ConsultationsStatusEnum = graphqlEnum(
  CONSULTATIONS_STATUSES,
  'ConsultationsStatus',
  "A member's request to join the consultations (DSU 4.11): REQUESTED until the respondent accepts or rejects it",
  {
    REQUESTED: 'Asked to join the consultations; awaiting the respondent',
    ACCEPTED: 'The respondent accepted: joined the consultations',
    REJECTED: 'The respondent refused (the member may ask for consultations of its own, DSU 4.11)',
  },
);

@ObjectType({ description: "A member's place in a dispute" })
export class DisputeParty {
  @Field(() => Member, { description: 'The member taking part' })
  member: Member;

  @Field(() => PartyKindEnum, {
    description:
      'THIRD_PARTY for a member that asked to join the consultations or joined the panel proceedings; see consultationsStatus and panelJoinedAt',
  })
  kind: PartyKind;

  @Field({ description: 'When the member took this place: the filing, or its first request or notification as a third party' })
  joinedAt: Date;

  @Field(() => ConsultationsStatusEnum, {
    nullable: true,
    description:
      'Its request to join the consultations (DSU 4.11); only ACCEPTED makes it a third party in the consultations. Null if it never asked',
  })
  consultationsStatus: ConsultationsStatus | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When it became a third party in the panel proceedings (DSU 10.2), with the rights of DSU 10.3: the first written submissions, its own submission, the third-party session. Null if it is not one',
  })
  panelJoinedAt: Date | null;
}

@ObjectType({ description: 'A step you can take now, and the mutation that takes it' })
export class AllowedAction {
  @Field({ description: 'The step (an action of the procedure, or an act such as objectToAdoption)' })
  action: string;

  @Field({ description: 'The mutation that takes it (takeAction for the steps of the procedure it takes)' })
  mutation: string;
}

@ObjectType({ description: 'A step that becomes possible later' })
export class LaterAction {
  @Field({ description: 'The step (an action of the procedure, or an act such as objectToAdoption)' })
  action: string;

  @Field({ description: 'The mutation that will take it' })
  mutation: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The first day it is allowed, when a date decides it' })
  allowedFrom: string | null;

  @Field({ description: 'Why not now, and what would make it possible' })
  reason: string;
}

@ObjectType({ description: 'The steps of the procedure the signed-in user can take in this dispute' })
export class AllowedActionsResult {
  @Field(() => [AllowedAction], { description: 'Steps you can take now, each with its mutation' })
  now: AllowedAction[];

  @Field(() => [LaterAction], { description: 'Steps not yet open to you, each with why and, where a date decides it, from when' })
  later: LaterAction[];
}

@ObjectType({ description: 'A dispute between members, from the request for consultations on' })
export class Dispute {
  @Field(() => ID, { description: "The dispute's id (UUID)" })
  id: string;

  @Field({ description: 'DS<n>, in filing order, never reused' })
  docketNumber: string;

  /** As filed, in `language`; the field `title(language:)` is resolved with the translations. */
  title: string;

  /** As filed, in `language`; the field `summary(language:)` is resolved with the translations. */
  summary: string;

  @Field({ description: 'The working language the request was filed in (en, zh, fr, es, ru or ar): title and summary as filed are in it' })
  language: string;

  @Field(() => [String], { description: 'The measures at issue' })
  measures: string[];

  @Field(() => [String], { description: 'The provisions the complainant relies on, e.g. "GATT 1994 Art. III:4" (DSU 4.4)' })
  legalBasis: string[];

  @Field({ description: 'A case of urgency (DSU 4.8)' })
  urgent: boolean;

  @Field(() => StageEnum, { description: 'Where the dispute stands now' })
  stage: Stage;

  @Field({ description: 'The stage in words, as the public docket shows it' })
  stageLabel: string;

  @Field({
    description: "When the dispute entered its stage (UTC instant); counts of days in a stage run from its day in the body's time zone",
  })
  stageEnteredAt: Date;

  @Field(() => StageEnum, { nullable: true, description: 'While suspended: the stage it resumes to' })
  stageBeforeSuspension: Stage | null;

  @Field({ description: 'Good offices, conciliation or mediation under way (DSU 5)' })
  goodOffices: boolean;

  @Field({ description: 'When the request for consultations was filed (UTC instant): day 0 of the consultation periods' })
  filedAt: Date;

  @Field(() => Int, { description: 'Incremented by every change of the dispute' })
  version: number;
}

@ObjectType({ description: 'A page of disputes, newest first' })
export class DisputeConnection extends Connection(Dispute) {}

/** The columns a {@link Dispute} is made of: what a list of disputes reads. */
export const DISPUTE_SUMMARY_COLUMNS = [
  'id',
  'number',
  'title',
  'summary',
  'language',
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
    language: entity.language,
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
