import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, IsBase64Content, graphqlEnum, trim } from '@app/core';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { LANGUAGE_DESCRIPTION, TitleTranslationInput } from '../../languages/dto/translation.input';
import { CLASSIFICATIONS, DOCUMENT_KINDS, type Classification, type DocumentKind } from '../document.entity';

export const ClassificationEnum = graphqlEnum(CLASSIFICATIONS, 'Classification', 'Who may see a document', {
  PUBLIC: 'Anyone, without signing in',
  RESTRICTED:
    'The parties, the panel and the secretariat; third parties only where the rules give it to them (DSU 10.3: the first written submissions)',
  CONFIDENTIAL: 'Business-confidential information: only the people named on the document',
});
export const DocumentKindEnum = graphqlEnum(DOCUMENT_KINDS, 'DocumentKind', 'What a filed document is', {
  REQUEST_FOR_CONSULTATIONS: "The complainant's request for consultations (DSU 4.4)",
  REPLY_TO_REQUEST: "The respondent's reply to the request (DSU 4.3)",
  REQUEST_TO_JOIN: "A member's request to join the consultations (DSU 4.11)",
  PANEL_REQUEST: 'The request for the establishment of a panel (DSU 6.2)',
  FIRST_WRITTEN_SUBMISSION: "A party's first written submission (Appendix 3 ¶4)",
  REBUTTAL: "A party's written rebuttal (Appendix 3 ¶7)",
  THIRD_PARTY_SUBMISSION: "A third party's written submission (DSU 10.2)",
  ANSWERS_TO_QUESTIONS: "Answers to the panel's questions (Appendix 3 ¶8)",
  EXHIBIT: 'An exhibit to a submission',
  HEARING_RECORD: 'The record of a hearing',
  PANEL_REPORT: 'A version of the panel report (DSU 15, 16)',
  COMMENTS_ON_REPORT: "A party's comments on the descriptive part or the interim report (DSU 15)",
  APPELLATE_REPORT: 'The appellate report (DSU 17)',
  NOTIFICATION: 'A notification to the body (an appeal, an agreed solution, a status report)',
  NON_CONFIDENTIAL_SUMMARY: "A party's public summary of the information in one of its written submissions (DSU 18.2)",
  OTHER: 'Anything else',
});

/**
 * A file, base64-encoded or uploaded (POST /uploads), with its name and media type: what a filing and a language version of a
 * document (addDocumentVersion) carry. An argument type too, so that the version's arguments are
 * checked by exactly these rules.
 */
@InputType({ isAbstract: true })
@ArgsType()
export abstract class FileContentInput {
  @Field({ description: "The file's name with its extension, e.g. report.pdf" })
  @Transform(trim)
  @Length(1, 255, { message: 'fileName must be 1 to 255 characters' })
  // Control characters are what the pattern refuses.
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^/\\\u0000-\u001f]+$/, { message: 'fileName must be a plain file name, without folders' })
  fileName: string;

  @Field({ description: 'e.g. application/pdf' })
  @Matches(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { message: 'mediaType must be a media type such as application/pdf' })
  mediaType: string;

  @Field(() => String, {
    nullable: true,
    description: 'The file, base64-encoded (at most MAX_DOCUMENT_BYTES); a larger file is streamed to POST /uploads and named by uploadId',
  })
  @IsOptional()
  @IsString()
  @IsBase64Content({ message: 'content must be base64-encoded' })
  content?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Instead of content: the uploadId POST /uploads answered with (the file streamed, of any size up to DOCUMENT_MAX_BYTES)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'uploadId must be the id of an upload' })
  uploadId?: string | null;
}

/**
 * The file of a filing, base64-encoded, with its title: what every step that files a document
 * asks for (a filing, a report, comments on it, a hearing record).
 */
@InputType({ isAbstract: true })
export abstract class DocumentFileInput extends FileContentInput {
  @Field({ description: "The document's title" })
  @Transform(trim)
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;
}

@InputType({ description: 'A document filed in a dispute, with its file (base64) and who may see it' })
export class FileDocumentInput extends DocumentFileInput {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => DocumentKindEnum, {
    description: 'What the document is; reports, comments on them and hearing records have their own mutations',
  })
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @Field(() => ClassificationEnum, { description: 'Who may see it: PUBLIC, RESTRICTED or CONFIDENTIAL' })
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

  @Field(() => String, { nullable: true, description: `The language of the title and the file (${LANGUAGE_DESCRIPTION}); en when omitted` })
  @IsOptional()
  @IsString()
  language?: string | null;

  @Field(() => [TitleTranslationInput], {
    nullable: true,
    description: 'The title in other working languages, one each (a language version can add one later: addDocumentVersion)',
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @ArrayUnique((t: TitleTranslationInput) => t?.language?.trim().toLowerCase(), { message: 'titleTranslations must not repeat a language' })
  @ValidateNested({ each: true })
  @Type(() => TitleTranslationInput)
  titleTranslations?: TitleTranslationInput[] | null;

  @Field({ nullable: true, description: 'Send the same key when retrying: you get the first filing back' })
  @IsOptional()
  @Length(1, 200, { message: 'idempotencyKey must be 1 to 200 characters' })
  idempotencyKey?: string;
}

@InputType({ description: 'Narrows a list of documents; every field given must match' })
export class DocumentFilter {
  @Field(() => ID, { nullable: true, description: "Only this dispute's documents (UUID)" })
  @IsOptional()
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId?: string;

  @Field(() => DocumentKindEnum, { nullable: true, description: 'Only documents of this kind' })
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
  @Field(() => DocumentFilter, { nullable: true, description: 'Which documents; all you may see when omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentFilter)
  filter?: DocumentFilter;
}
