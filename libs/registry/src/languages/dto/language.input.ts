import { ArgsType, Field, ID } from '@nestjs/graphql';
import { trim } from '@app/core';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { FileContentInput } from '../../documents/dto/document.input';
import { LANGUAGE_DESCRIPTION, TranslatedTitleAndSummary } from './translation.input';

/** A dispute's title and summary in another working language than the one it is filed in. */
@ArgsType()
export class AddDisputeTranslationArgs extends TranslatedTitleAndSummary {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field({ description: `${LANGUAGE_DESCRIPTION}; not the one the dispute was filed in` })
  @IsString()
  language: string;
}

/** The file of a language version, checked as a filing's file is (FileContentInput); its title is the document's. */
@ArgsType()
export class AddDocumentVersionArgs extends FileContentInput {
  @Field(() => ID, { description: 'The document (UUID)' })
  @IsUUID('all', { message: 'documentId must be a document id' })
  documentId: string;

  @Field({ description: `${LANGUAGE_DESCRIPTION}; one the document has no file in yet` })
  @IsString()
  language: string;

  @Field({
    nullable: true,
    description: "The document's title in that language, if it has none yet; omitted, the title is shown as filed",
  })
  @IsOptional()
  @Transform(trim)
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title?: string;
}
