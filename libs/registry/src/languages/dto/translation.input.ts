import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { trim } from '@app/core';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

export const LANGUAGE_DESCRIPTION = 'A working language: en, zh (Simplified Chinese), fr, es, ru or ar';

/** A title in a working language, checked as a filed title is. An argument type too (addDisputeTranslation). */
@InputType({ isAbstract: true })
@ArgsType()
export abstract class TranslatedTitle {
  @Field({ description: 'The title in that language, 1 to 300 characters' })
  @Transform(trim)
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;
}

/** A dispute's title and summary in a working language. */
@InputType({ isAbstract: true })
@ArgsType()
export abstract class TranslatedTitleAndSummary extends TranslatedTitle {
  @Field({ description: 'The summary in that language, 1 to 20000 characters' })
  @Transform(trim)
  @Length(1, 20000, { message: 'summary must be 1 to 20000 characters' })
  summary: string;
}

@InputType({ description: "A dispute's title and summary in a working language other than the one it is filed in" })
export class DisputeTranslationInput extends TranslatedTitleAndSummary {
  @Field({ description: LANGUAGE_DESCRIPTION })
  @IsString()
  language: string;
}

@InputType({ description: "A document's title in a working language other than the one it is filed in" })
export class TitleTranslationInput extends TranslatedTitle {
  @Field({ description: LANGUAGE_DESCRIPTION })
  @IsString()
  language: string;
}
