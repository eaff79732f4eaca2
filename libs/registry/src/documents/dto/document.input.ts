import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, IsBase64Content, graphqlEnum, trim } from '@app/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CLASSIFICATIONS, DOCUMENT_KINDS, type Classification, type DocumentKind } from '../document.entity';

export const ClassificationEnum = graphqlEnum(CLASSIFICATIONS, 'Classification', 'Who may see a document');
export const DocumentKindEnum = graphqlEnum(DOCUMENT_KINDS, 'DocumentKind');

/**
 * The file of a filing, base64-encoded: what every step that files a document asks for (a filing,
 * a report, comments on it, a hearing record).
 */
@InputType({ isAbstract: true })
export abstract class DocumentFileInput {
  @Field()
  @Transform(trim)
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;

  @Field()
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

@InputType()
export class FileDocumentInput extends DocumentFileInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => DocumentKindEnum)
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @Field(() => ClassificationEnum)
  @IsIn(CLASSIFICATIONS)
  classification: Classification;

  @Field(() => [ID], { nullable: true, description: 'CONFIDENTIAL only: the users who may see it' })
  @IsOptional()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'readerIds must be user ids' })
  readerIds?: string[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'CONFIDENTIAL only: for the panel. The panelists seated on the dispute read it (whoever sits when it is read), besides the readers named',
  })
  @IsOptional()
  @IsBoolean()
  panelOnly?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'NON_CONFIDENTIAL_SUMMARY only: the written submission it summarises (DSU 18.2)' })
  @IsOptional()
  @IsUUID('all', { message: 'summaryOf must be a document id' })
  summaryOf?: string | null;

  @Field({ nullable: true, description: 'Send the same key when retrying: you get the first filing back' })
  @IsOptional()
  @Length(1, 200, { message: 'idempotencyKey must be 1 to 200 characters' })
  idempotencyKey?: string;
}

@InputType()
export class DocumentFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId?: string;

  @Field(() => DocumentKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(DOCUMENT_KINDS)
  kind?: DocumentKind;

  @Field({ nullable: true, description: 'Words of the title' })
  @IsOptional()
  @Transform(trim)
  @Length(1, 200)
  text?: string;
}

@ArgsType()
export class DocumentsArgs extends ConnectionArgs {
  @Field(() => DocumentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentFilter)
  filter?: DocumentFilter;
}
