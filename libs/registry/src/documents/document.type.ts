import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@app/core';
import { DocumentEntity, type Classification, type DocumentKind } from './document.entity';
import { ClassificationEnum, DocumentKindEnum } from './dto/document.input';

@ObjectType({ description: 'A filing in a dispute' })
export class Document {
  @Field(() => ID)
  id: string;

  @Field(() => DocumentKindEnum)
  kind: DocumentKind;

  @Field()
  title: string;

  @Field()
  fileName: string;

  @Field()
  mediaType: string;

  @Field(() => Int)
  sizeBytes: number;

  @Field({ description: 'SHA-256 of the content, hex: check a copy against it' })
  sha256: string;

  @Field(() => ClassificationEnum)
  classification: Classification;

  @Field()
  filedAt: Date;

  @Field(() => Date, { nullable: true })
  derestrictedAt: Date | null;

  @Field({ description: 'CONFIDENTIAL: the panelists seated on the dispute read it too' })
  panelOnly: boolean;

  @Field({ description: 'GET it (with your access token, if any) to download the content' })
  downloadPath: string;

  disputeId: string;
  filedForMemberId: string | null;
  summaryOfId: string | null;
}

@ObjectType()
export class DocumentConnection extends Connection(Document) {}

export function toDocument(entity: DocumentEntity): Document {
  return {
    id: entity.id,
    kind: entity.kind,
    title: entity.title,
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
