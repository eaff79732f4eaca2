import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs } from '@app/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Length } from 'class-validator';
import { trim } from '@app/core';
import { DISCLOSURE_KINDS, type DisclosureKind } from '../disclosure.entity';
import { DisclosureKindEnum } from '../disclosure.type';

@InputType({ description: 'An interest a roster person discloses (Rules of Conduct VI)' })
export class DeclareDisclosureInput {
  @Field(() => ID, { description: 'The roster person (UUID)' })
  @IsUUID('all', { message: 'personId must be a roster person id' })
  personId: string;

  @Field(() => DisclosureKindEnum, { description: 'The kind of interest (Rules of Conduct, Annex 2)' })
  @IsIn(DISCLOSURE_KINDS)
  kind: DisclosureKind;

  @Field({ description: 'What the interest is; seen by the secretariat, the person and, if it touches a dispute, its parties' })
  @Transform(trim)
  @Length(1, 5000, { message: 'text must be 1 to 5000 characters' })
  text: string;

  @Field(() => ID, { nullable: true, description: 'The dispute the interest touches, if any' })
  @IsOptional()
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId?: string;
}

@ArgsType()
export class DecideDisclosureArgs {
  @Field(() => ID, { description: 'The disclosure (UUID)' })
  @IsUUID('all', { message: 'id must be a disclosure id' })
  id: string;

  @Field({ description: 'true: a conflict is confirmed (not eligible in the dispute it touches); false: cleared' })
  @IsBoolean()
  upheld: boolean;

  @Field({ description: 'Why; recorded with the decision' })
  @Transform(trim)
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}

@ArgsType()
export class DisclosuresArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'The roster person (UUID)' })
  @IsUUID('all', { message: 'personId must be a roster person id' })
  personId: string;
}
