import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection, graphqlEnum } from '@app/core';
import { DISCLOSURE_KINDS, DISCLOSURE_STATUSES, DisclosureEntity, type DisclosureKind, type DisclosureStatus } from './disclosure.entity';

export const DisclosureKindEnum = graphqlEnum(DISCLOSURE_KINDS, 'DisclosureKind', 'Rules of Conduct (WT/DSB/RC/1), Annex 2', {
  FINANCIAL: 'A financial interest, e.g. investments, loans, shares',
  PROFESSIONAL: 'A professional interest, e.g. past or present clients',
  PUBLIC_STATEMENT: 'Publications or statements of personal opinion on the issues',
  EMPLOYMENT: 'Employment, past or present',
  FAMILY: 'Interests of family members',
});
export const DisclosureStatusEnum = graphqlEnum(
  DISCLOSURE_STATUSES,
  'DisclosureStatus',
  'OPEN: awaiting decision; CLEARED: no conflict; UPHELD: a conflict, not eligible in the dispute it touches',
  {
    OPEN: "Awaiting the secretariat's decision; the person is not eligible in the dispute it touches meanwhile",
    CLEARED: 'No conflict',
    UPHELD: 'A conflict: not eligible in the dispute it touches',
  },
);

@ObjectType({ description: 'An interest a roster person disclosed (Rules of Conduct WT/DSB/RC/1)' })
export class Disclosure {
  @Field(() => ID, { description: "The disclosure's id (UUID)" })
  id: string;

  @Field(() => DisclosureKindEnum, { description: 'The kind of interest (Rules of Conduct, Annex 2)' })
  kind: DisclosureKind;

  @Field({ description: 'What the interest is' })
  text: string;

  @Field(() => DisclosureStatusEnum, { description: 'OPEN, CLEARED or UPHELD' })
  status: DisclosureStatus;

  @Field({ description: 'When it was disclosed (UTC instant)' })
  declaredAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the secretariat decided it (UTC instant); null while open' })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The secretariat's reason for its decision" })
  decisionReason: string | null;

  personId: string;
  disputeId: string | null;
}

@ObjectType({ description: 'A page of disclosures, newest first' })
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
