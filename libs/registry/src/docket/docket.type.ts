import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@app/core';
import { DocketEntryEntity } from './docket-entry.entity';

@ObjectType({ description: 'One numbered, dated step of a dispute; never edited' })
export class DocketEntry {
  @Field(() => ID, { description: "The entry's id (UUID)" })
  id: string;

  @Field(() => Int, { description: '1, 2, 3, … within the dispute' })
  seq: number;

  @Field({ description: 'When it happened (UTC instant)' })
  occurredAt: Date;

  @Field({ description: 'The capacity in which the actor acted: COMPLAINANT, SECRETARIAT, SYSTEM, …' })
  actorRole: string;

  @Field({ description: 'What happened: the action (requestConsultations, requestPanel, deadlineMissed, …)' })
  kind: string;

  @Field({ description: 'What happened, in one or two sentences, as the public docket shows it' })
  text: string;

  @Field(() => ID, { nullable: true, description: 'The entry this one corrects' })
  correctsId: string | null;

  /** Resolved by the `documents` field, through the access policy. */
  documentIds: string[];

  /** Not a field: the dispute, for fields other modules resolve (the entry's proof of service). */
  disputeId: string;
}

@ObjectType({ description: "A page of a dispute's docket, oldest entry first" })
export class DocketEntryConnection extends Connection(DocketEntry) {}

export function toDocketEntry(entity: DocketEntryEntity): DocketEntry {
  return {
    id: entity.id,
    seq: entity.seq,
    occurredAt: entity.occurredAt,
    actorRole: entity.actorRole,
    kind: entity.kind,
    text: entity.text,
    correctsId: entity.correctsId,
    documentIds: entity.documentIds,
    disputeId: entity.disputeId,
  };
}
