import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection, graphqlEnum } from '@app/core';
import {
  DISCLOSURE_KINDS,
  DISCLOSURE_STATUSES,
  DisclosureEntity,
  type DisclosureKind,
  type DisclosureStatus,
} from './disclosure.entity';

export const DisclosureKindEnum = graphqlEnum(DISCLOSURE_KINDS, 'DisclosureKind', 'Rules of Conduct (WT/DSB/RC/1), Annex 2', {
  FINANCIAL: 'A financial interest, e.g. investments, loans, shares',
  PROFESSIONAL: 'A professional interest, e.g. past or present clients',
  PUBLIC_STATEMENT: 'Publications or statements of personal opinion on the issues',
  EMPLOYMENT: 'Employment, past or present',
  FAMILY: 'Interests of family members',
});
export const DisclosureStatusEnum = graphqlEnum(DISCLOSURE_STATUSES, 'DisclosureStatus', 'OPEN: awaiting decision; CLEARED: no conflict; UPHELD: a conflict, not eligible in the dispute it touches', {
  OPEN: "Awaiting the secretariat's decision; the person is not eligible in the dispute it touches meanwhile",
  CLEARED: 'No conflict',
  UPHELD: 'A conflict: not eligible in the dispute it touches',
});

@ObjectType({ description: 'An interest a roster person disclosed (Rules of Conduct WT/DSB/RC/1)' })
export class Disclosure {
  @Field(() => ID)
  id: string;

  @Field(() => DisclosureKindEnum)
  kind: DisclosureKind;

  @Field()
  text: string;

  @Field(() => DisclosureStatusEnum)
  status: DisclosureStatus;

  @Field()
  declaredAt: Date;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true })
  decisionReason: string | null;

  personId: string;
  disputeId: string | null;
}

@ObjectType()
export class DisclosureConnection extends Connection(Disclosure) {}

export function toDisclosure(entity: DisclosureEntity): Disclosure {
  return {
    id: entity.id,
    kind: entity.kind,
    text: entity.text,
    status: entity.status,
    declaredAt: entity.declaredAt,
    decidedAt: entity.decidedAt,
    decisionReason: entity.decisionReason,
    personId: entity.personId,
    disputeId: entity.disputeId,
  };
}
