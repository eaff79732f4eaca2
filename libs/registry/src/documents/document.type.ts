import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@app/core';
import type { Language } from '@app/i18n';
import { DocumentVersionEntity } from './document-version.entity';
import { DocumentEntity, type Classification, type DocumentKind } from './document.entity';
import { ClassificationEnum, DocumentKindEnum } from './dto/document.input';

@ObjectType({ description: 'A filing in a dispute' })
export class Document {
  @Field(() => ID, { description: "The document's id (UUID)" })
  id: string;

  @Field(() => DocumentKindEnum, { description: 'What the document is' })
  kind: DocumentKind;

  /** As filed, in `language`; the field `title(language:)` is resolved with the translations. */
  title: string;

  @Field({ description: 'The working language it was filed in (en, zh, fr, es, ru or ar): its title as filed and its own file are in it' })
  language: string;

  @Field({ description: "The file's name, as filed" })
  fileName: string;

  @Field({ description: "The content's media type, e.g. application/pdf" })
  mediaType: string;

  // A Float: GraphQL's Int stops at 2^31 - 1 bytes, below the size limit (DOCUMENT_MAX_BYTES, 2 GB).
  @Field(() => Float, { description: 'Size of the content in bytes (a whole number; a Float because a file may pass 2^31 bytes)' })
  sizeBytes: number;

  @Field({ description: 'SHA-256 of the content, hex: check a copy against it' })
  sha256: string;

  @Field(() => ClassificationEnum, { description: 'Who may see it' })
  classification: Classification;

  @Field({ description: 'When it was filed (UTC instant)' })
  filedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the secretariat or its author made it public (UTC instant); null if never' })
  derestrictedAt: Date | null;

  @Field({ description: 'CONFIDENTIAL: the panelists seated on the dispute read it too' })
  panelOnly: boolean;

  @Field({ description: 'GET it (with your access token, if any) to download the content' })
  downloadPath: string;

  disputeId: string;
  filedForMemberId: string | null;
  summaryOfId: string | null;
  titleTranslations: Partial<Record<Language, string>>;
}

@ObjectType({ description: "A document's file in another working language: the same filing, another language" })
export class DocumentVersion {
  @Field({ description: 'Its working language (zh, fr, es, ru, ar or en)' })
  language: string;

  @Field({ description: "The file's name, as filed" })
  fileName: string;

  @Field({ description: "The content's media type, e.g. application/pdf" })
  mediaType: string;

  // A Float: GraphQL's Int stops at 2^31 - 1 bytes, below the size limit (DOCUMENT_MAX_BYTES, 2 GB).
  @Field(() => Float, { description: 'Size of the content in bytes (a whole number; a Float because a file may pass 2^31 bytes)' })
  sizeBytes: number;

  @Field({ description: 'SHA-256 of the content, hex: check a copy against it' })
  sha256: string;

  @Field({ description: 'When it was filed (UTC instant)' })
  filedAt: Date;

  @Field({ description: "GET it (with your access token, if any) to download this version: the document's download path with ?lang=" })
  downloadPath: string;
}

export function toDocumentVersion(entity: DocumentVersionEntity): DocumentVersion {
  return {
    language: entity.language,
    fileName: entity.fileName,
    mediaType: entity.mediaType,
    sizeBytes: entity.sizeBytes,
    sha256: entity.sha256,
    filedAt: entity.filedAt,
    downloadPath: `/documents/${entity.documentId}/content?lang=${entity.language}`,
  };
}

@ObjectType({ description: 'A page of documents, newest first' })
export class DocumentConnection extends Connection(Document) {}

export function toDocument(entity: DocumentEntity): Document {
  return {
    id: entity.id,
    kind: entity.kind,
    title: entity.title,
    language: entity.language,
    titleTranslations: entity.titleTranslations ?? {},
    fileName: entity.fileName,
    mediaType: entity.mediaType,
    sizeBytes: entity.sizeBytes,
    sha256: entity.sha256,
    classification: entity.classification,
    filedAt: entity.filedAt,
    derestrictedAt: entity.derestrictedAt,
    panelOnly: entity.panelOnly,
    downloadPath: `/documents/${entity.id}/content`,
    disputeId: entity.disputeId,
    filedForMemberId: entity.filedForMemberId,
    summaryOfId: entity.summaryOfId,
  };
}
