import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLJSON } from '@app/core';
import { DocketEntryEntity } from './docket-entry.entity';
import type { DocketParams } from './docket-text';

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

  /**
   * The English text as written at append (`docket_entries.text`). The GraphQL field `text` is
   * the resolver's: rendered from `message` and `params` in the language asked for.
   */
  text: string;

  @Field({
    description:
      'What happened, as a key of the docket message catalogue (docket.fileDocument.public, docket.step.requestPanel, …): ' +
      'with `params`, for integrators that render the entry themselves',
  })
  message: string;

  @Field(() => GraphQLJSON, {
    description:
      "The message's parameters, plain values as written: names as they then were, days (YYYY-MM-DD), counts, DSU articles, " +
      'codes of stages and kinds; free text (a note, reasons, a correction) is never translated',
  })
  params: DocketParams;

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
    message: entity.message,
    params: entity.params,
    correctsId: entity.correctsId,
    documentIds: entity.documentIds,
    disputeId: entity.disputeId,
  };
}
