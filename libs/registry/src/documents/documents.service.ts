import { Injectable } from '@nestjs/common';
import {
  Actor,
  AppConfig,
  CommandContext,
  CommandRunner,
  DomainError,
  Page,
  RequestLoaders,
  badInput,
  conflict,
  forbidden,
  keysetPage,
  notFound,
  requireActor,
  requireRole,
  MembersService,
  UsersService,
} from '@app/core';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
import { DisputePartyEntity, isPanelThirdParty, isThirdParty } from '../disputes/dispute-party.entity';
import { DisputesService } from '../disputes/disputes.service';
import { DocketService } from '../docket/docket.service';
import type { DocketMessage, DocketParams } from '../docket/docket-text';
import { ClosedDaysService } from '../closed-days/closed-days.service';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { PanelSeatsService } from '../panel-seats/panel-seats.service';
import { canSeeDocument, documentVisibilitySql, type Viewer } from './document-policy';
import { filingDifferences, isWrittenSubmission, kindLabel, neverPublicBecause } from './document-rules';
import { DocumentStorage } from './document-storage';
import { DocumentEntity, type Classification, type DocumentKind } from './document.entity';
import { DocumentsArgs, FileDocumentInput } from './dto/document.input';
import { SummaryRequestsService, type AnsweredRequest } from './summary-requests.service';
import { UploadsService } from './uploads.service';
import type { Language } from '@app/i18n';
import { parseLanguage } from '../languages/language';
import { parseTranslations } from '../languages/translations';

const viewerOf = (actor: Actor | null): Viewer => ({
  userId: actor?.userId ?? null,
  role: actor?.role ?? null,
  memberId: actor?.memberId ?? null,
});

/** A filing's file: its bytes, decoded from base64, or the id of an upload of the filer's (POST /uploads). */
export type FileSource = Buffer | { uploadId: string; field: string };

export interface StoredDocument {
  disputeId: string;
  kind: DocumentKind;
  title: string;
  fileName: string;
  mediaType: string;
  /** The file: its bytes (from base64), or an upload of the filer's to take (fileOf). */
  content: FileSource;
  classification: Classification;
  readerIds?: string[];
  panelOnly?: boolean;
  summaryOfId?: string | null;
  filedForMemberId?: string | null;
  idempotencyKey?: string | null;
  /** The filing language; en when not said. */
  language?: Language;
  /** The title in other working languages. */
  titleTranslations?: Partial<Record<Language, string>>;
}

/**
 * Kinds that only their own step files, because that step checks who issues them and when: a
 * report filed as an ordinary document would pass for the panel's (DSU 12.7, 15, 17.5), and a
 * hearing record for the panel's minutes.
 */
const FILED_BY_OWN_STEP: Partial<Record<DocumentKind, string>> = {
  PANEL_REPORT: 'submitReport',
  COMMENTS_ON_REPORT: 'commentOnReport',
  APPELLATE_REPORT: 'recordAppellateReport',
  HEARING_RECORD: 'fileHearingRecord',
};

/** How the requests for a summary ended, for the docket: " Requests answered: Indonesia (in time)." */
/** The requests for a summary a filing answered, in time and late (a sentence after the entry's). */
function answeredParams(answered: readonly AnsweredRequest[]): { answered?: string[]; answeredLate?: string[] } {
  const inTime = answered.filter((a) => a.status === 'MET').map((a) => a.member);
  const late = answered.filter((a) => a.status !== 'MET').map((a) => a.member);
  return { ...(inTime.length ? { answered: inTime } : {}), ...(late.length ? { answeredLate: late } : {}) };
}

/** Filings: stored with their hash, found only through the access policy. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly config: AppConfig,
    private readonly storage: DocumentStorage,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly seats: PanelSeatsService,
    private readonly closedDays: ClosedDaysService,
    private readonly summaries: SummaryRequestsService,
    private readonly members: MembersService,
    private readonly users: UsersService,
    private readonly uploads: UploadsService,
  ) {}

  async file(actor: Actor | null, input: FileDocumentInput): Promise<DocumentEntity> {
    const filer = requireActor(actor);
    const ownStep = FILED_BY_OWN_STEP[input.kind];
    if (ownStep) {
      throw badInput(
        'input.kind',
        `A document of kind ${input.kind} is filed through ${ownStep}, not fileDocument`,
        'KIND_FILED_BY_OWN_STEP',
      );
    }
    const content = this.fileOf(input, 'input');
    const readerIds = input.readerIds ?? [];
    const panelOnly = input.panelOnly === true;
    if (input.classification !== 'CONFIDENTIAL' && readerIds.length) {
      throw badInput('input.readerIds', 'Only a CONFIDENTIAL document names its readers', 'READERS_NOT_ALLOWED');
    }
    if (input.classification !== 'CONFIDENTIAL' && panelOnly) {
      throw badInput(
        'input.panelOnly',
        'Only a CONFIDENTIAL document is marked for the panel; the panel reads RESTRICTED documents anyway',
        'PANEL_ONLY_NOT_ALLOWED',
      );
    }
    // A confidential filing is made to someone (DSU 18.2: to the panel, the other party's approved
    // persons): one that nobody but its filer may read reaches no one, and would sit on the docket
    // as a filing the panel never saw.
    if (input.classification === 'CONFIDENTIAL' && !panelOnly && !readerIds.some((id) => id !== filer.userId)) {
      throw badInput(
        'input.readerIds',
        'A CONFIDENTIAL document names at least one reader besides its filer, or is for the panel (panelOnly: true)',
        'CONFIDENTIAL_WITHOUT_READERS',
      );
    }
    const summaryOfId = input.summaryOf ?? null;
    if (input.kind === 'NON_CONFIDENTIAL_SUMMARY') {
      if (!summaryOfId) {
        throw badInput(
          'input.summaryOf',
          'A non-confidential summary names the written submission it summarises (summaryOf)',
          'SUMMARY_OF_REQUIRED',
        );
      }
      // DSU 18.2: a summary "that could be disclosed to the public": it is filed public.
      if (input.classification !== 'PUBLIC') {
        throw badInput('input.classification', 'A non-confidential summary is filed PUBLIC (DSU 18.2)', 'SUMMARY_NOT_PUBLIC');
      }
    } else if (summaryOfId) {
      throw badInput('input.summaryOf', 'Only a NON_CONFIDENTIAL_SUMMARY names the submission it summarises', 'SUMMARY_OF_NOT_ALLOWED');
    }
    const sha256 = Buffer.isBuffer(content)
      ? createHash('sha256').update(content).digest('hex')
      : (await this.uploads.peek(filer, content.uploadId)).sha256;
    const language = input.language == null ? 'en' : parseLanguage(input.language, 'input.language');
    const titleTranslations: Partial<Record<Language, string>> = Object.fromEntries(
      parseTranslations(language, input.titleTranslations, 'input.titleTranslations').map((t) => [t.language, t.title]),
    );

    return this.commands.run({ actor, operation: 'fileDocument' }, async (ctx) => {
      if (input.idempotencyKey) {
        // Retries of one filing queue here; the first one in files, the others find its result.
        await ctx.em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `fileDocument:${filer.userId}:${input.idempotencyKey}`,
        ]);
        const first = await ctx.em
          .getRepository(DocumentEntity)
          .findOneBy({ filedById: filer.userId, idempotencyKey: input.idempotencyKey });
        if (first) {
          const differs = filingDifferences(first, { ...input, sha256, readerIds, panelOnly, summaryOfId, language, titleTranslations });
          if (differs.length) {
            throw conflict(
              `The idempotency key "${input.idempotencyKey}" was used for a different filing on ${first.filedAt.toISOString()} ` +
                `(its ${differs.join(', ')} ${differs.length === 1 ? 'differs' : 'differ'}); use a new key for a new filing`,
              'IDEMPOTENCY_KEY_REUSED',
              { field: 'input.idempotencyKey', differs },
            );
          }
          ctx.target('Document', first.id, { replayOf: first.id });
          return first;
        }
      }
      const dispute = await this.disputes.lockForUpdate(ctx, input.disputeId, true);
      const parties = await ctx.em.getRepository(DisputePartyEntity).findBy({ disputeId: dispute.id });
      const own = parties.find((p) => p.memberId === filer.memberId);
      const seat = filer.role === 'PANELIST' ? await this.seats.seatOf(ctx.em, dispute.id, filer.userId) : null;
      // A member that asked to join the consultations files its request (DSU 4.11) and nothing
      // else until the respondent accepts; a refused member does not take part.
      const requesting = own?.kind === 'THIRD_PARTY' && own.consultationsStatus === 'REQUESTED' && input.kind === 'REQUEST_TO_JOIN';
      const involved = own?.kind === 'COMPLAINANT' || own?.kind === 'RESPONDENT' || isThirdParty(own) || requesting;
      if ((filer.role === 'PANELIST' && !seat) || (filer.role === 'MEMBER_DELEGATE' && !involved)) {
        throw forbidden('Only the parties, third parties, the panel and the secretariat file in this dispute', 'NOT_INVOLVED');
      }
      // DSU 10.2: third parties in the panel proceedings make written submissions to the panel;
      // a member that only joined the consultations is not one, and a party's pleadings have kinds of their own.
      if (filer.role === 'MEMBER_DELEGATE' && input.kind === 'THIRD_PARTY_SUBMISSION' && !isPanelThirdParty(own)) {
        throw forbidden(
          'Only a third party in the panel proceedings files a third-party submission (DSU 10.2); join them with joinPanelAsThirdParty',
          'NOT_PANEL_THIRD_PARTY',
        );
      }
      const place = own?.kind === 'THIRD_PARTY' ? (isThirdParty(own) ? 'THIRD_PARTY' : 'MEMBER') : own?.kind;
      const summarised = summaryOfId ? await this.summarisedBy(ctx, filer, summaryOfId, dispute.id, parties) : null;
      if (readerIds.length) {
        const readers = await this.users.byIds(ctx.em, readerIds, { active: true });
        const missing = readerIds.filter((id) => !readers.some((r) => r.id === id));
        if (missing.length) {
          throw badInput('input.readerIds', `No active user has the id ${missing.join(', ')}`, 'UNKNOWN_READER');
        }
      }
      const saved = await this.store(ctx, {
        disputeId: dispute.id,
        kind: input.kind,
        title: input.title,
        fileName: input.fileName,
        mediaType: input.mediaType,
        content,
        classification: input.classification,
        filedForMemberId: filer.role === 'MEMBER_DELEGATE' ? filer.memberId : null,
        idempotencyKey: input.idempotencyKey ?? null,
        readerIds,
        panelOnly,
        summaryOfId,
        language,
        titleTranslations,
      });
      // Who filed, by name (the public record of who did what): the member, the panel, the secretariat.
      const who: DocketParams =
        filer.role === 'MEMBER_DELEGATE' && filer.memberId
          ? { actor: (await this.members.existing(ctx.em, filer.memberId)).name }
          : { actorOrgan: seat ? ('PANEL' as const) : ('SECRETARIAT' as const) };
      // The docket is public: only a public document's title is a parameter of its entry, never
      // a restricted or confidential one's (its classification and kind say what was filed).
      let entry: DocketMessage =
        input.classification === 'PUBLIC'
          ? { message: 'docket.fileDocument.public', params: { ...who, title: input.title } }
          : { message: 'docket.fileDocument.withheld', params: { ...who, classification: input.classification, documentKind: input.kind } };
      if (summarised) {
        const author = await this.members.existing(ctx.em, filer.memberId as string);
        entry = {
          message: 'docket.fileSummary',
          params: {
            actor: author.name,
            documentKind: summarised.kind,
            title: input.title,
            ...answeredParams(await this.summaries.answer(ctx, summarised.id)),
          },
        };
      }
      await this.docket.append(ctx, {
        disputeId: dispute.id,
        actorRole: place ?? (seat ? 'PANEL' : filer.role),
        kind: 'fileDocument',
        ...entry,
        documentIds: [saved.id],
      });
      ctx.target('Document', saved.id, { disputeId: dispute.id, sha256, classification: input.classification });
      return saved;
    });
  }

  /**
   * The file a filing gives: its content (base64, decoded) or its upload, exactly one of them
   * (CONTENT_OR_UPLOAD); `field` names the input holding both in an error.
   */
  fileOf(file: { content?: string | null; uploadId?: string | null }, field = 'input'): FileSource {
    const has = (value: string | null | undefined) => value !== undefined && value !== null;
    if (has(file.content) === has(file.uploadId)) {
      throw badInput(
        field ? `${field}.content` : 'content',
        'Give the file either as content (base64) or as uploadId (POST /uploads), exactly one of them',
        'CONTENT_OR_UPLOAD',
      );
    }
    const at = (name: string) => (field ? `${field}.${name}` : name);
    return file.uploadId ? { uploadId: file.uploadId, field: at('uploadId') } : this.decode(file.content as string, at('content'));
  }

  /** Decodes base64 content and holds it to the size limit; `field` names it in the error. */
  decode(base64: string, field = 'input.content'): Buffer {
    const content = Buffer.from(base64, 'base64');
    if (content.length === 0) throw badInput(field, 'content must not be empty', 'EMPTY_DOCUMENT');
    // A base64 file travels in the request's JSON, held whole: the lower of the two limits.
    const limit = Math.min(this.config.MAX_DOCUMENT_BYTES, this.config.DOCUMENT_MAX_BYTES);
    if (content.length > limit) {
      throw new DomainError('PAYLOAD_TOO_LARGE', 'DOCUMENT_TOO_LARGE', `The document is ${content.length} bytes; the limit is ${limit}`, {
        field,
        limit,
      });
    }
    return content;
  }

  /**
   * Stores a document (metadata, hash, content) inside the caller's command. The caller has
   * checked who may file and holds the dispute's lock; it dockets the filing in its own words.
   * `fileDocument` and the modules that file reports, awards or records all come through here.
   */
  async store(ctx: CommandContext, file: StoredDocument): Promise<DocumentEntity> {
    if (!ctx.actor) throw new Error('A document is filed by someone');
    const repo = ctx.em.getRepository(DocumentEntity);
    const saved = repo.create({
      disputeId: file.disputeId,
      kind: file.kind,
      title: file.title,
      fileName: file.fileName,
      mediaType: file.mediaType.toLowerCase(),
      filedById: ctx.actor.userId,
      filedForMemberId: file.filedForMemberId ?? null,
      filedAt: ctx.now,
      classification: file.classification,
      derestrictedAt: null,
      idempotencyKey: file.idempotencyKey ?? null,
      readerIds: file.readerIds ?? [],
      panelOnly: file.panelOnly ?? false,
      summaryOfId: file.summaryOfId ?? null,
      language: file.language ?? 'en',
      titleTranslations: file.titleTranslations ?? {},
    });
    saved.id = randomUUID();
    Object.assign(saved, await this.storeContent(ctx, saved.id, file.content));
    return repo.save(saved);
  }

  /**
   * Stores a filing's file under `key` (the document's or the language version's id) inside the
   * filing's command: bytes are written in its transaction, an upload is taken in it. Gives the
   * size and SHA-256 to record, measured from the bytes stored.
   */
  async storeContent(ctx: CommandContext, key: string, content: FileSource): Promise<{ sizeBytes: number; sha256: string }> {
    if (!Buffer.isBuffer(content)) {
      const upload = await this.uploads.take(ctx, content.uploadId, key, content.field);
      return { sizeBytes: upload.sizeBytes, sha256: upload.sha256 };
    }
    return this.storage.write(key, Readable.from([content]), { maxBytes: this.config.DOCUMENT_MAX_BYTES, em: ctx.em });
  }

  /**
   * Sets a document's classification inside the caller's command, for the module whose step
   * decides it (a panel report made public on circulation, DSU 16.1; kept restricted before):
   * the readers list is cleared, and going public records when.
   */
  async reclassify(ctx: CommandContext, documentId: string, classification: 'RESTRICTED' | 'PUBLIC'): Promise<void> {
    await ctx.em
      .getRepository(DocumentEntity)
      .update(
        { id: documentId },
        classification === 'PUBLIC' ? { classification, readerIds: [], derestrictedAt: ctx.now } : { classification, readerIds: [] },
      );
  }

  /**
   * The secretariat makes a restricted document public: one of the kinds the body may publish
   * (a request, a notification, ...), never a written submission
   * or a part of the panel's deliberations (NEVER_PUBLIC: {@link neverPublicBecause}).
   */
  derestrict(actor: Actor | null, id: string): Promise<DocumentEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'derestrictDocument' }, async (ctx) => {
      const { doc } = await this.visibleInCommand(ctx, id);
      if (doc.classification === 'PUBLIC') {
        throw badInput('id', 'Only a RESTRICTED document can be derestricted; this one is PUBLIC already', 'NOT_RESTRICTED');
      }
      const never = neverPublicBecause(doc.kind);
      if (never) throw new DomainError('INVALID_TRANSITION', 'NEVER_PUBLIC', never);
      if (doc.classification !== 'RESTRICTED') {
        throw badInput('id', `Only a RESTRICTED document can be derestricted; this one is ${doc.classification}`, 'NOT_RESTRICTED');
      }
      doc.classification = 'PUBLIC';
      doc.derestrictedAt = ctx.now;
      const saved = await ctx.em.getRepository(DocumentEntity).save(doc);
      await this.docket.append(ctx, {
        disputeId: doc.disputeId,
        actorRole: 'SECRETARIAT',
        kind: 'derestrictDocument',
        message: 'docket.derestrictDocument',
        params: { title: doc.title },
        documentIds: [doc.id],
      });
      ctx.target('Document', doc.id, { disputeId: doc.disputeId });
      return saved;
    });
  }

  /**
   * DSU 18.2: nothing precludes a party from disclosing statements of its own positions to the
   * public. A delegate of the member that filed a written submission makes it PUBLIC; nobody else
   * may (the secretariat neither: NEVER_PUBLIC in {@link derestrict}). A submission holding
   * business-confidential information stays CONFIDENTIAL: the information may be another's.
   */
  publishOwnSubmission(actor: Actor | null, documentId: string): Promise<DocumentEntity> {
    const caller = requireActor(actor);
    return this.commands.run({ actor, operation: 'publishOwnSubmission' }, async (ctx) => {
      const { doc, parties } = await this.visibleInCommand(ctx, documentId);
      if (caller.role !== 'MEMBER_DELEGATE' || !caller.memberId || doc.filedForMemberId !== caller.memberId) {
        throw forbidden('Only the member that filed a written submission may make it public (DSU 18.2)', 'NOT_YOUR_SUBMISSION');
      }
      if (!isWrittenSubmission(doc.kind)) {
        throw badInput(
          'documentId',
          `A ${kindLabel(doc.kind)} is not a written submission to the panel (DSU 18.2)`,
          'NOT_A_WRITTEN_SUBMISSION',
        );
      }
      if (doc.classification === 'PUBLIC') {
        throw new DomainError('INVALID_TRANSITION', 'ALREADY_PUBLIC', `Your ${kindLabel(doc.kind)} is public already`);
      }
      if (doc.classification === 'CONFIDENTIAL') {
        throw new DomainError(
          'INVALID_TRANSITION',
          'CONFIDENTIAL_INFORMATION',
          'This submission holds business-confidential information, which is not only yours to disclose: file a non-confidential version of it as PUBLIC instead',
        );
      }
      doc.classification = 'PUBLIC';
      doc.derestrictedAt = ctx.now;
      const saved = await ctx.em.getRepository(DocumentEntity).save(doc);
      const member = await this.members.existing(ctx.em, caller.memberId);
      // The whole submission, public, answers every request for a summary of it.
      const answered = await this.summaries.answer(ctx, doc.id);
      await this.docket.append(ctx, {
        disputeId: doc.disputeId,
        actorRole: parties.find((p) => p.memberId === caller.memberId)?.kind ?? 'MEMBER',
        kind: 'publishOwnSubmission',
        message: 'docket.publishOwnSubmission',
        params: { actor: member.name, documentKind: doc.kind, ...answeredParams(answered) },
        documentIds: [doc.id],
      });
      ctx.target('Document', doc.id, { disputeId: doc.disputeId, classification: 'PUBLIC' });
      return saved;
    });
  }

  /**
   * DSU 18.2: a party "shall, upon request of a Member, provide a non-confidential summary of the
   * information contained in its written submissions that could be disclosed to the public". Any
   * member's delegate but the author's may ask, for a submission it cannot read too: the docket
   * names every filing by kind, so that a party filed one is public, its content is not. The
   * request opens a NON_CONFIDENTIAL_SUMMARY time limit (30 days, the body's rule) naming the
   * submission, met when the author files the summary (or publishes the submission itself).
   */
  requestNonConfidentialSummary(actor: Actor | null, documentId: string): Promise<DeadlineEntity> {
    const requester = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'requestNonConfidentialSummary' }, async (ctx) => {
      // The closed days before the dispute: the order a change of them takes its locks in too.
      const closed = await this.closedDays.forCommand(ctx);
      const { doc, parties, visible } = await this.lockedDocument(ctx, documentId);
      if (!visible && !isWrittenSubmission(doc.kind)) throw notFound('Document', documentId, 'DOCUMENT_NOT_FOUND');
      if (!isWrittenSubmission(doc.kind)) {
        throw badInput(
          'documentId',
          `A ${kindLabel(doc.kind)} is not a written submission to the panel (DSU 18.2)`,
          'NOT_A_WRITTEN_SUBMISSION',
        );
      }
      const author = parties.find((p) => p.memberId === doc.filedForMemberId && (p.kind === 'COMPLAINANT' || p.kind === 'RESPONDENT'));
      if (!author) {
        throw badInput(
          'documentId',
          'DSU 18.2 asks the parties to the dispute for summaries; this submission is not a party’s',
          'NOT_A_PARTY_SUBMISSION',
        );
      }
      if (author.memberId === requester.memberId) {
        throw forbidden('Your member filed this submission: it may make it public or file its summary unasked', 'OWN_SUBMISSION');
      }
      if (doc.classification === 'PUBLIC') {
        throw new DomainError('INVALID_TRANSITION', 'ALREADY_PUBLIC', 'The submission is public: there is nothing to summarise');
      }
      const summary = await ctx.em.getRepository(DocumentEntity).findOne({ where: { summaryOfId: doc.id }, order: { filedAt: 'ASC' } });
      if (summary) {
        throw new DomainError(
          'INVALID_TRANSITION',
          'SUMMARY_ALREADY_FILED',
          `The non-confidential summary of this submission was filed on ${summary.filedAt.toISOString().slice(0, 10)} (document ${summary.id})`,
        );
      }
      const previous = await this.summaries.previous(ctx, doc.id, requester.memberId as string);
      if (previous) {
        throw conflict(
          `Your member asked for a non-confidential summary of this submission on ${previous.requestedAt.toISOString().slice(0, 10)}`,
          'SUMMARY_ALREADY_REQUESTED',
          { field: 'documentId' },
        );
      }
      const row = await this.summaries.open(ctx, doc, requester.memberId as string, closed);
      const members = await this.members.byIds(ctx.em, [requester.memberId as string, author.memberId]);
      const name = (id: string) => members.find((m) => m.id === id)?.name ?? 'a member';
      await this.docket.append(ctx, {
        disputeId: doc.disputeId,
        actorRole: parties.find((p) => p.memberId === requester.memberId)?.kind ?? 'MEMBER',
        kind: 'requestNonConfidentialSummary',
        message: 'docket.requestNonConfidentialSummary',
        params: {
          requester: name(requester.memberId as string),
          author: name(author.memberId),
          documentKind: doc.kind,
          dueDay: row.dueDate,
        },
        documentIds: [doc.id],
      });
      ctx.target('Deadline', row.id, { disputeId: doc.disputeId, documentId: doc.id, dueDate: row.dueDate });
      return row;
    });
  }

  /**
   * The submission a summary filed in `disputeId` names: one the filer's member filed in that
   * dispute. NOT_FOUND as for any document the filer can neither see nor know of from the docket.
   */
  private async summarisedBy(
    ctx: CommandContext,
    filer: Actor,
    id: string,
    disputeId: string,
    parties: DisputePartyEntity[],
  ): Promise<DocumentEntity> {
    const doc = await ctx.em.getRepository(DocumentEntity).findOneBy({ id });
    if (!doc) throw notFound('Document', id, 'DOCUMENT_NOT_FOUND');
    const viewerOnPanel = filer.role === 'PANELIST' && (await this.seats.seatOf(ctx.em, doc.disputeId, filer.userId)) !== null;
    const visible = doc.disputeId === disputeId && canSeeDocument(viewerOf(filer), { parties, viewerOnPanel }, doc);
    if (!visible && !isWrittenSubmission(doc.kind)) throw notFound('Document', id, 'DOCUMENT_NOT_FOUND');
    if (doc.disputeId !== disputeId) {
      throw badInput(
        'input.summaryOf',
        'The summary is filed in the dispute of the submission it summarises',
        'SUMMARY_OF_ANOTHER_DISPUTE',
      );
    }
    if (!isWrittenSubmission(doc.kind)) {
      throw badInput(
        'input.summaryOf',
        `A ${kindLabel(doc.kind)} is not a written submission to the panel (DSU 18.2)`,
        'NOT_A_WRITTEN_SUBMISSION',
      );
    }
    if (filer.role !== 'MEMBER_DELEGATE' || doc.filedForMemberId !== filer.memberId) {
      throw forbidden(
        'Only the member that filed a written submission gives its non-confidential summary (DSU 18.2)',
        'NOT_YOUR_SUBMISSION',
      );
    }
    return doc;
  }

  /**
   * The document a command acts on, read again under its dispute's lock, or NOT_FOUND when it
   * does not exist or the actor may not see it: a mutation tells no more about a document than a
   * read does (not even that it is confidential).
   */
  async visibleInCommand(ctx: CommandContext, id: string): Promise<{ doc: DocumentEntity; parties: DisputePartyEntity[] }> {
    const { doc, parties, visible } = await this.lockedDocument(ctx, id);
    if (!visible) throw notFound('Document', id, 'DOCUMENT_NOT_FOUND');
    return { doc, parties };
  }

  /** The document under its dispute's lock, its dispute's parties, and whether the actor sees it. */
  private async lockedDocument(
    ctx: CommandContext,
    id: string,
  ): Promise<{ doc: DocumentEntity; parties: DisputePartyEntity[]; visible: boolean }> {
    const found = isUUID(id) ? await ctx.em.getRepository(DocumentEntity).findOneBy({ id }) : null;
    if (!found) throw notFound('Document', id, 'DOCUMENT_NOT_FOUND');
    await this.disputes.lockForUpdate(ctx, found.disputeId, true);
    const doc = await ctx.em.getRepository(DocumentEntity).findOneByOrFail({ id });
    const parties = await ctx.em.getRepository(DisputePartyEntity).findBy({ disputeId: doc.disputeId });
    const viewerOnPanel = ctx.actor?.role === 'PANELIST' && (await this.seats.seatOf(ctx.em, doc.disputeId, ctx.actor.userId)) !== null;
    return { doc, parties, visible: canSeeDocument(viewerOf(ctx.actor), { parties, viewerOnPanel }, doc) };
  }

  /** One document, or NOT_FOUND when it does not exist or the viewer may not see it. */
  async get(actor: Actor | null, id: string): Promise<DocumentEntity> {
    const doc = isUUID(id) ? await this.dataSource.getRepository(DocumentEntity).findOneBy({ id }) : null;
    if (!doc) throw notFound('Document', id, 'DOCUMENT_NOT_FOUND');
    const parties = await this.dataSource.getRepository(DisputePartyEntity).findBy({ disputeId: doc.disputeId });
    const viewerOnPanel =
      actor?.role === 'PANELIST' && (await this.seats.seatOf(this.dataSource.manager, doc.disputeId, actor.userId)) !== null;
    if (!canSeeDocument(viewerOf(actor), { parties, viewerOnPanel }, doc)) throw notFound('Document', id, 'DOCUMENT_NOT_FOUND');
    return doc;
  }

  /** Documents the viewer may see, newest first; across all disputes or one. */
  async list(actor: Actor | null, args: DocumentsArgs): Promise<Page<DocumentEntity>> {
    const qb = this.dataSource.getRepository(DocumentEntity).createQueryBuilder('doc');
    const policy = documentVisibilitySql(viewerOf(actor), 'doc', await this.panelDisputesOf(actor));
    qb.where(policy.sql, policy.params);
    const f = args.filter ?? {};
    if (f.disputeId) qb.andWhere('doc.dispute_id = :disputeId', { disputeId: f.disputeId });
    if (f.kind) qb.andWhere('doc.kind = :kind', { kind: f.kind });
    if (f.text) qb.andWhere(`to_tsvector('simple', doc.title) @@ plainto_tsquery('simple', :text)`, { text: f.text });
    return keysetPage(
      qb,
      args,
      { sortExpression: 'doc.filed_at', alias: 'doc', sortValue: (d) => d.filedAt.toISOString(), direction: 'DESC' },
      (d) => d,
    );
  }

  private panelDisputesOf(actor: Actor | null): Promise<string[]> {
    return actor?.role === 'PANELIST' ? this.seats.disputesOf(actor.userId) : Promise.resolve([]);
  }

  /**
   * Documents by id, in the caller's manager, in one query, without any policy: for a module that
   * applies `canSeeDocument` itself per recipient (the notices of a docket entry).
   */
  byIds(em: EntityManager, ids: readonly string[]): Promise<DocumentEntity[]> {
    return ids.length ? em.getRepository(DocumentEntity).findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /**
   * Of the documents `ids` of one dispute, those each audience sees, read with the caller's manager
   * (a command's transaction): an audience is a member, seeing what a delegate of it who neither
   * filed a document nor is named on it sees, or (memberId null) the secretariat, seeing what a
   * secretariat user who is neither sees. For those who receive a docket entry outside the API (a
   * webhook's owner), under the one policy. Two queries, however many audiences.
   */
  async visibleToAudiences(
    em: EntityManager,
    disputeId: string,
    ids: readonly string[],
    audiences: readonly { memberId: string | null }[],
  ): Promise<DocumentEntity[][]> {
    if (ids.length === 0 || audiences.length === 0) return audiences.map(() => []);
    const docs = await em.getRepository(DocumentEntity).findBy({ id: In([...new Set(ids)]), disputeId });
    const parties = await em.getRepository(DisputePartyEntity).findBy({ disputeId });
    // No user's id (those are UUIDs): the audience is never the filer nor a named reader.
    const nobody = 'audience';
    return audiences.map(({ memberId }) => {
      const viewer: Viewer = memberId
        ? { userId: nobody, role: 'MEMBER_DELEGATE', memberId }
        : { userId: nobody, role: 'SECRETARIAT', memberId: null };
      return docs.filter((doc) => canSeeDocument(viewer, { parties, viewerOnPanel: false }, doc));
    });
  }

  /** Documents by id as this viewer may see them (a docket entry's links), batched per request. */
  visibleById(actor: Actor | null, loaders: RequestLoaders): DataLoader<string, DocumentEntity | null> {
    return loaders.get(
      'documents.visibleById',
      () =>
        new DataLoader<string, DocumentEntity | null>(async (ids) => {
          const policy = documentVisibilitySql(viewerOf(actor), 'doc', await this.panelDisputesOf(actor));
          const rows = await this.dataSource
            .getRepository(DocumentEntity)
            .createQueryBuilder('doc')
            .where('doc.id IN (:...ids)', { ids })
            .andWhere(policy.sql, policy.params)
            .getMany();
          return ids.map((id) => rows.find((row) => row.id === id) ?? null);
        }),
    );
  }
}
