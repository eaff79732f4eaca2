import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Actor,
  ConnectionArgs,
  CurrentUser,
  GraphqlContext,
  Member,
  MembersService,
  Public,
  Roles,
  mapPage,
  notFound,
  toMember,
} from '@app/core';
import { Dispute, toDispute } from '../disputes/dispute.type';
import { DisputesService } from '../disputes/disputes.service';
import { Deadline, toDeadline } from '../deadlines/deadline.type';
import { DocketEntry } from '../docket/docket.type';
import { DocumentEntity } from './document.entity';
import { Document, DocumentConnection, toDocument } from './document.type';
import { DocumentsService } from './documents.service';
import { DocumentsArgs, FileDocumentInput } from './dto/document.input';

@Resolver(() => Document)
export class DocumentsResolver {
  constructor(
    private readonly service: DocumentsService,
    private readonly disputes: DisputesService,
    private readonly members: MembersService,
  ) {}

  @Public()
  @Query(() => DocumentConnection, {
    description:
      'Documents you may see, newest first. Public: anonymously the PUBLIC ones; signed in, also those your rights reach (see Classification)',
  })
  async documents(@CurrentUser() actor: Actor | null, @Args() args: DocumentsArgs): Promise<DocumentConnection> {
    return mapPage(await this.service.list(actor, args), toDocument);
  }

  @Public()
  @Query(() => Document, {
    description: 'One document, if you may see it (otherwise NOT_FOUND: a hidden document does not exist for you). Public',
  })
  async document(
    @CurrentUser() actor: Actor | null,
    @Args('id', { type: () => ID, description: "The document's id (UUID)" }) id: string,
  ): Promise<Document> {
    return toDocument(await this.service.get(actor, id));
  }

  @Mutation(() => Document, {
    description:
      'Files a document in a dispute (idempotent with a key). A delegate of a party or third party, a panelist seated on the dispute, or the secretariat',
  })
  async fileDocument(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The document, its file and its classification' }) input: FileDocumentInput,
  ): Promise<Document> {
    return toDocument(await this.service.file(actor, input));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => Document, { description: 'Makes a restricted document public. Secretariat only' })
  async derestrictDocument(
    @CurrentUser() actor: Actor,
    @Args('id', { type: () => ID, description: 'The document (UUID)' }) id: string,
  ): Promise<Document> {
    return toDocument(await this.service.derestrict(actor, id));
  }

  @Mutation(() => Document, {
    description:
      "Makes a written submission your member filed public (DSU 18.2: its author's choice alone). A delegate of the member that filed it",
  })
  async publishOwnSubmission(
    @CurrentUser() actor: Actor,
    @Args('documentId', { type: () => ID, description: 'The written submission your member filed (UUID)' }) documentId: string,
  ): Promise<Document> {
    return toDocument(await this.service.publishOwnSubmission(actor, documentId));
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Deadline, {
    description:
      'Asks the party that filed a written submission for a non-confidential summary of it (DSU 18.2); opens the time limit NON_CONFIDENTIAL_SUMMARY (30 days), met when the summary is filed or the submission made public. A delegate of any member but the author',
  })
  async requestNonConfidentialSummary(
    @CurrentUser() actor: Actor,
    @Args('documentId', { type: () => ID, description: "A party's written submission, not your member's, that is not public (UUID)" })
    documentId: string,
  ): Promise<Deadline> {
    return toDeadline(await this.service.requestNonConfidentialSummary(actor, documentId));
  }

  @ResolveField(() => Document, {
    nullable: true,
    description: 'NON_CONFIDENTIAL_SUMMARY: the submission it summarises, if you may see it',
  })
  async summaryOf(@Parent() doc: Document, @CurrentUser() actor: Actor | null, @Context() ctx: GraphqlContext): Promise<Document | null> {
    if (!doc.summaryOfId) return null;
    const summarised = await this.service.visibleById(actor, ctx.loaders).load(doc.summaryOfId);
    return summarised ? toDocument(summarised) : null;
  }

  // This and filedFor: graphql-js's own `(parent, args, context)`, as every field of a list's rows
  // that needs no masked actor (see DisputeFieldsResolver).
  @ResolveField(() => Dispute, { description: 'The dispute it was filed in' })
  async dispute(doc: Document, _args: unknown, ctx: GraphqlContext): Promise<Dispute> {
    const dispute = await this.disputes.byIdLoader(ctx.loaders).load(doc.disputeId);
    if (!dispute) throw notFound('Dispute', doc.disputeId, 'DISPUTE_NOT_FOUND');
    return toDispute(dispute);
  }

  @ResolveField(() => Member, { nullable: true, description: 'The member that filed it' })
  async filedFor(doc: Document, _args: unknown, ctx: GraphqlContext): Promise<Member | null> {
    if (!doc.filedForMemberId) return null;
    const member = await this.members.loader(ctx.loaders).load(doc.filedForMemberId);
    return member ? toMember(member) : null;
  }
}

/** A dispute's documents, through the same policy. */
@Resolver(() => Dispute)
export class DisputeDocumentsResolver {
  constructor(private readonly service: DocumentsService) {}

  @ResolveField(() => DocumentConnection, { description: 'The documents of the dispute you may see' })
  async documents(
    @Parent() dispute: Dispute,
    @CurrentUser() actor: Actor | null,
    @Args() args: ConnectionArgs,
  ): Promise<DocumentConnection> {
    const page = await this.service.list(actor, Object.assign(new DocumentsArgs(), args, { filter: { disputeId: dispute.id } }));
    return mapPage(page, toDocument);
  }
}

/** A docket entry's documents, through the same policy: a link never reveals a hidden title. */
@Resolver(() => DocketEntry)
export class DocketEntryDocumentsResolver {
  constructor(private readonly service: DocumentsService) {}

  @ResolveField(() => [Document], {
    description: 'The documents filed with this step that you may see (a link never reveals a hidden title)',
  })
  async documents(@Parent() entry: DocketEntry, @CurrentUser() actor: Actor | null, @Context() ctx: GraphqlContext): Promise<Document[]> {
    if (!entry.documentIds.length) return [];
    const docs = await this.service.visibleById(actor, ctx.loaders).loadMany(entry.documentIds);
    return docs.filter((d): d is DocumentEntity => d !== null && !(d instanceof Error)).map(toDocument);
  }
}
