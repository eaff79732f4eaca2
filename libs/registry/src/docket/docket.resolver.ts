import { Args, ArgsType, Field, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, GraphqlContext, Roles, SchemaArg, requestLanguage } from '@app/core';
import { DEFAULT_LANGUAGE } from '@app/i18n';
import { Transform } from 'class-transformer';
import { IsUUID, Length } from 'class-validator';
import { DocketService } from './docket.service';
import { renderDocketText } from './docket-text';
import { LanguageArgs, REQUEST_LANGUAGE_ARG, parseOptionalLanguage } from '../languages/language';
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

  // The request's language by default (`?lang=`, the user's preference, Accept-Language: README,
  // "Working languages"), English when none: the argument always wins. A string like the other
  // `language` arguments (`title(language:)`), refused with UNKNOWN_LANGUAGE when not one of the six.
  // Asked for on every entry of a docket page: graphql-js's own `(parent, args, context)`, see SchemaArg.
  @ResolveField(() => String, {
    description: 'What happened, in one or two sentences, as the public docket shows it, in the language asked for',
  })
  text(entry: DocketEntry, @SchemaArg('language', REQUEST_LANGUAGE_ARG) args: LanguageArgs, ctx: GraphqlContext): string {
    const wanted = parseOptionalLanguage(args.language, 'language') ?? requestLanguage(ctx);
    // English is the sentence written at append, byte for byte; the others are rendered now.
    return wanted === DEFAULT_LANGUAGE ? entry.text : renderDocketText(entry, wanted);
  }
}
