import { Injectable } from '@nestjs/common';
import {
  Actor,
  CommandRunner,
  MembersService,
  RequestLoaders,
  conflict,
  forbidden,
  groupedInKeyOrder,
  notFound,
  requireActor,
} from '@app/core';
import { LANGUAGES, type Language } from '@app/i18n';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { DocketService } from '../docket/docket.service';
import { AddDocumentVersionArgs } from '../languages/dto/language.input';
import { parseLanguage } from '../languages/language';
import { documentVersionEntry } from '../languages/language-docket';
import type { DocketParams } from '../docket/docket-text';
import { PanelSeatsService } from '../panel-seats/panel-seats.service';
import { DocumentStorage, type ByteRange } from './document-storage';
import { DocumentVersionEntity } from './document-version.entity';
import { DocumentEntity } from './document.entity';
import { DocumentsService } from './documents.service';

/**
 * Language versions of documents: one filing, a file in each working language it is given in.
 * Who sees a version is who sees its document (the document policy, through DocumentsService);
 * a version's content is stored and hashed as a document's.
 */
@Injectable()
export class DocumentVersionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly storage: DocumentStorage,
    private readonly documents: DocumentsService,
    private readonly docket: DocketService,
    private readonly seats: PanelSeatsService,
    private readonly members: MembersService,
  ) {}

  /**
   * Files a document's version in another working language: the filer, a delegate of the member
   * that filed it, or the secretariat (which circulates documents in the body's languages). A
   * document someone may not see is NOT_FOUND here too; one file per language
   * (DOCUMENT_VERSION_EXISTS, the filing language included: the document's own file is in it).
   */
  add(actor: Actor | null, args: AddDocumentVersionArgs): Promise<DocumentEntity> {
    const caller = requireActor(actor);
    const language = parseLanguage(args.language, 'language');
    const content = this.documents.fileOf(args, '');
    return this.commands.run({ actor, operation: 'addDocumentVersion' }, async (ctx) => {
      const { doc, parties } = await this.documents.visibleInCommand(ctx, args.documentId);
      const forMember = caller.role === 'MEMBER_DELEGATE' && !!caller.memberId && caller.memberId === doc.filedForMemberId;
      if (doc.filedById !== caller.userId && !forMember && caller.role !== 'SECRETARIAT') {
        throw forbidden(
          'Only the filer, a delegate of the member that filed it, or the secretariat files a version of a document',
          'NOT_THE_FILER',
        );
      }
      const repo = ctx.em.getRepository(DocumentVersionEntity);
      if (language === doc.language || (await repo.existsBy({ documentId: doc.id, language }))) {
        throw conflict(`The document has a file in ${language} already`, 'DOCUMENT_VERSION_EXISTS', { field: 'language' });
      }
      if (args.title !== undefined && args.title !== null) {
        const has = doc.titleTranslations[language];
        if (has !== undefined && has !== args.title) {
          throw conflict(`The document's title in ${language} was given already: "${has}"`, 'DUPLICATE', { field: 'title' });
        }
        doc.titleTranslations = { ...doc.titleTranslations, [language]: args.title };
        await ctx.em.getRepository(DocumentEntity).update({ id: doc.id }, { titleTranslations: doc.titleTranslations });
      }
      const version = repo.create({
        id: randomUUID(),
        documentId: doc.id,
        language,
        fileName: args.fileName,
        mediaType: args.mediaType.toLowerCase(),
        filedAt: ctx.now,
        filedById: caller.userId,
      });
      const { sha256 } = Object.assign(version, await this.documents.storeContent(ctx, version.id, content));
      await repo.save(version);
      // Who filed, by name, as fileDocument dockets it: the member, the panel, the secretariat.
      const place = parties.find((p) => p.memberId === caller.memberId);
      const seated = caller.role === 'PANELIST' && (await this.seats.seatOf(ctx.em, doc.disputeId, caller.userId)) !== null;
      const who: DocketParams =
        caller.role === 'MEMBER_DELEGATE' && caller.memberId
          ? { actor: (await this.members.existing(ctx.em, caller.memberId)).name }
          : { actorOrgan: seated ? ('PANEL' as const) : ('SECRETARIAT' as const) };
      await this.docket.append(ctx, {
        disputeId: doc.disputeId,
        actorRole: caller.role === 'MEMBER_DELEGATE' ? (place?.kind ?? 'MEMBER') : seated ? 'PANEL' : caller.role,
        kind: 'addDocumentVersion',
        // The docket is public: a non-public document is named by its kind, never its title.
        ...documentVersionEntry(who, language, doc),
        documentIds: [doc.id],
      });
      ctx.target('Document', doc.id, { disputeId: doc.disputeId, language, versionId: version.id, sha256 });
      return doc;
    });
  }

  /**
   * A document's file in a language, for a viewer who may see the document: its own file when
   * the language is its filing language or none is asked for, else the version in it
   * (DOCUMENT_VERSION_NOT_FOUND when it has none). The content is read by `read`, whole or a
   * range of it, once the caller has checked the range against the file's size.
   */
  async open(
    actor: Actor | null,
    id: string,
    language: Language | null,
  ): Promise<{
    document: DocumentEntity;
    file: Pick<DocumentVersionEntity, 'language' | 'fileName' | 'mediaType' | 'sizeBytes' | 'sha256'>;
    read: (range?: ByteRange) => Promise<Readable>;
  }> {
    const document = await this.documents.get(actor, id);
    let file: Pick<DocumentVersionEntity, 'language' | 'fileName' | 'mediaType' | 'sizeBytes' | 'sha256'> & { id: string } = document;
    if (language !== null && language !== document.language) {
      const version = await this.dataSource.getRepository(DocumentVersionEntity).findOneBy({ documentId: document.id, language });
      if (!version) throw notFound(`Version in ${language} of document`, id, 'DOCUMENT_VERSION_NOT_FOUND');
      file = version;
    }
    const read = async (range?: ByteRange) => {
      const content = await this.storage.read(file.id, range);
      if (!content) throw notFound('Document content', id, 'DOCUMENT_CONTENT_NOT_FOUND');
      return content;
    };
    return { document, file, read };
  }

  /**
   * The versions of documents the caller already holds through the policy (a Document reached the
   * API only through it), batched per request, in the order of the working languages.
   */
  loader(loaders: RequestLoaders): DataLoader<string, DocumentVersionEntity[]> {
    return loaders.get(
      'documents.versions',
      () =>
        new DataLoader<string, DocumentVersionEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(DocumentVersionEntity)
            .createQueryBuilder('v')
            .where('v.document_id = ANY(:ids)', { ids: [...ids] })
            .getMany();
          rows.sort((a, b) => LANGUAGES.indexOf(a.language) - LANGUAGES.indexOf(b.language));
          return groupedInKeyOrder(ids, rows, (row) => row.documentId);
        }),
    );
  }
}
