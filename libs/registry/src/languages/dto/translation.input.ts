import { Field, InputType } from '@nestjs/graphql';
import { trim } from '@app/core';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

export const LANGUAGE_DESCRIPTION = 'A working language: en, zh (Simplified Chinese), fr, es, ru or ar';

@InputType({ description: "A dispute's title and summary in a working language other than the one it is filed in" })
export class DisputeTranslationInput {
  @Field({ description: LANGUAGE_DESCRIPTION })
  @IsString()
  language: string;

  @Field({ description: 'The title in that language, 1 to 300 characters' })
  @Transform(trim)
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;

  @Field({ description: 'The summary in that language, 1 to 20000 characters' })
  @Transform(trim)
  @Length(1, 20000, { message: 'summary must be 1 to 20000 characters' })
  summary: string;
}

@InputType({ description: "A document's title in a working language other than the one it is filed in" })
export class TitleTranslationInput {
  @Field({ description: LANGUAGE_DESCRIPTION })
  @IsString()
  language: string;

  @Field({ description: 'The title in that language, 1 to 300 characters' })
  @Transform(trim)
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;
}
