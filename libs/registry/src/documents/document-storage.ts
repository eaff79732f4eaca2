import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentContentEntity } from './document-content.entity';
import { DocumentVersionContentEntity } from './document-version-content.entity';

/**
 * Where document bytes live. PostgreSQL by default (one transaction with the metadata, so a
 * filing is never half-written); a deployment can bind another implementation, e.g. an object
 * store, without touching the services.
 */
export abstract class DocumentStorage {
  /** Stores the content inside the filing's transaction. */
  abstract put(em: EntityManager, documentId: string, content: Buffer): Promise<void>;
  /** The content as a stream, or null if there is none. */
  abstract open(documentId: string): Promise<Readable | null>;
  /** Stores a language version's content inside the transaction that records the version. */
  abstract putVersion(em: EntityManager, versionId: string, content: Buffer): Promise<void>;
  /** A language version's content as a stream, or null if there is none. */
  abstract openVersion(versionId: string): Promise<Readable | null>;
}

@Injectable()
export class PostgresDocumentStorage extends DocumentStorage {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async put(em: EntityManager, documentId: string, content: Buffer): Promise<void> {
    await em.getRepository(DocumentContentEntity).insert({ documentId, content });
  }

  async open(documentId: string): Promise<Readable | null> {
    const row = await this.dataSource.getRepository(DocumentContentEntity).findOneBy({ documentId });
    return row ? Readable.from([row.content]) : null;
  }

  async putVersion(em: EntityManager, versionId: string, content: Buffer): Promise<void> {
    await em.getRepository(DocumentVersionContentEntity).insert({ versionId, content });
  }

  async openVersion(versionId: string): Promise<Readable | null> {
    const row = await this.dataSource.getRepository(DocumentVersionContentEntity).findOneBy({ versionId });
    return row ? Readable.from([row.content]) : null;
  }
}
