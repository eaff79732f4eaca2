import { Args, ArgsType, Field, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, Roles } from '@app/core';
import { Transform } from 'class-transformer';
import { IsUUID, Length } from 'class-validator';
import { DocketService } from './docket.service';
import { DocketEntry, toDocketEntry } from './docket.type';

@ArgsType()
export class CorrectDocketEntryArgs {
  @Field(() => ID, { description: 'The entry to correct (UUID)' })
  @IsUUID('all', { message: 'entryId must be a docket entry id' })
  entryId: string;

  @Field({ description: 'What was wrong and what is right' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 2000, { message: 'text must be 1 to 2000 characters' })
  text: string;
}

@Resolver(() => DocketEntry)
export class DocketResolver {
  constructor(private readonly docket: DocketService) {}

  @Roles('SECRETARIAT')
  @Mutation(() => DocketEntry, { description: 'Appends a correction of a docket entry (entries are never edited). Secretariat only' })
  async correctDocketEntry(@CurrentUser() actor: Actor, @Args() { entryId, text }: CorrectDocketEntryArgs): Promise<DocketEntry> {
    return toDocketEntry(await this.docket.correct(actor, entryId, text));
  }
}
