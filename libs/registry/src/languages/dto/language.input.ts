import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBase64Content, trim } from '@app/core';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { LANGUAGE_DESCRIPTION } from './translation.input';

@ArgsType()
export class AddDisputeTranslationArgs {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field({ description: `${LANGUAGE_DESCRIPTION}; not the one the dispute was filed in` })
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

/** The file of a language version, checked as a filing's file is (DocumentFileInput); its title is the document's. */
@ArgsType()
export class AddDocumentVersionArgs {
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

  @Field({ description: "The file's name with its extension, e.g. request-fr.pdf" })
  @Transform(trim)
  @Length(1, 255, { message: 'fileName must be 1 to 255 characters' })
  // Control characters are what the pattern refuses.
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^/\\\u0000-\u001f]+$/, { message: 'fileName must be a plain file name, without folders' })
  fileName: string;

  @Field({ description: 'e.g. application/pdf' })
  @Matches(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { message: 'mediaType must be a media type such as application/pdf' })
  mediaType: string;

  @Field({ description: 'The file, base64-encoded' })
  @IsString()
  @IsBase64Content({ message: 'content must be base64-encoded' })
  content: string;
}
