import { Args, ArgsType, Field, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, Roles } from '@app/core';
import { DEFAULT_LANGUAGE, type Language } from '@app/i18n';
import { Transform } from 'class-transformer';
import { IsUUID, Length } from 'class-validator';
import { DocketService } from './docket.service';
import { renderDocketText } from './docket-text';
import { DocketEntry, LanguageEnum, toDocketEntry } from './docket.type';

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

  // English by default: the text the docket has always shown. The request's language (when the
  // request has one) is for the lead to wire here; the argument always wins.
  @ResolveField(() => String, {
    description: 'What happened, in one or two sentences, as the public docket shows it, in the language asked for',
  })
  text(
    @Parent() entry: DocketEntry,
    @Args('language', {
      type: () => LanguageEnum,
      defaultValue: DEFAULT_LANGUAGE,
      description: 'The language of the text (English by default)',
    })
    language: Language,
  ): string {
    // English is the sentence written at append, byte for byte; the others are rendered now.
    return language === DEFAULT_LANGUAGE ? entry.text : renderDocketText(entry, language);
  }
}
