import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, GraphqlContext, SchemaArg } from '@app/core';
import { Dispute, toDispute } from '../disputes/dispute.type';
import { Document, DocumentVersion, toDocument, toDocumentVersion } from '../documents/document.type';
import { DocumentVersionsService } from '../documents/document-versions.service';
import { DisputeTranslationsService } from './dispute-translations.service';
import { AddDisputeTranslationArgs, AddDocumentVersionArgs } from './dto/language.input';
import { FILED_LANGUAGE_ARG, LanguageArgs, parseOptionalLanguage } from './language';
import { filingFirst, inLanguage } from './translations';

/**
 * A dispute's title and summary in the working languages. These fields are asked for on every row
 * of a list (the docket list's `title`), so they take graphql-js's own `(parent, args, context)`
 * and no Nest parameter decorator (see SchemaArg, and DisputeFieldsResolver for why): the
 * `language` argument is checked here, by parseOptionalLanguage, not by a pipe.
 */
@Resolver(() => Dispute)
export class DisputeLanguagesResolver {
  constructor(private readonly translations: DisputeTranslationsService) {}

  @ResolveField(() => String, {
    description: 'Short title given by the complainant, in the language asked for where filed in it, else as filed',
  })
  title(dispute: Dispute, @SchemaArg('language', FILED_LANGUAGE_ARG) args: LanguageArgs, ctx: GraphqlContext): Promise<string> {
    return this.translations.textOf(ctx.loaders, dispute, parseOptionalLanguage(args.language, 'language'), 'title');
  }

  @ResolveField(() => String, {
    description:
      "The complainant's summary of the complaint, as circulated with the request (DSU 4.4), in the language asked for where filed in it, else as filed",
  })
  summary(dispute: Dispute, @SchemaArg('language', FILED_LANGUAGE_ARG) args: LanguageArgs, ctx: GraphqlContext): Promise<string> {
    return this.translations.textOf(ctx.loaders, dispute, parseOptionalLanguage(args.language, 'language'), 'summary');
  }

  @ResolveField(() => [String], { description: 'The languages title and summary are given in: the filing language first' })
  languages(dispute: Dispute, _args: unknown, ctx: GraphqlContext): Promise<string[]> {
    return this.translations.languagesOf(ctx.loaders, dispute);
  }

  @Mutation(() => Dispute, {
    description:
      "Files the dispute's title and summary in another working language (not the filing language; one each). A delegate of the complaining member, or the secretariat",
  })
  async addDisputeTranslation(@CurrentUser() actor: Actor, @Args() args: AddDisputeTranslationArgs): Promise<Dispute> {
    return toDispute(await this.translations.add(actor, args));
  }
}

/** A document's title and files in the working languages; the fields of every row of a list as above. */
@Resolver(() => Document)
export class DocumentLanguagesResolver {
  constructor(private readonly documentVersions: DocumentVersionsService) {}

  @ResolveField(() => String, { description: 'Its title, in the language asked for where given in it, else as filed' })
  title(doc: Document, @SchemaArg('language', FILED_LANGUAGE_ARG) args: LanguageArgs): string {
    // The translations are read with the document's row: no query.
    return inLanguage(doc.title, doc.titleTranslations, parseOptionalLanguage(args.language, 'language'));
  }

  @ResolveField(() => [String], {
    description: 'The languages its title is given in: the filing language first (a title may be translated without a file)',
  })
  titleLanguages(doc: Document): string[] {
    // Read with the document's row: no query.
    return filingFirst(doc.language, Object.keys(doc.titleTranslations));
  }

  @ResolveField(() => [String], { description: 'The languages its file is in: the filing language first, then its versions' })
  async languages(doc: Document, _args: unknown, ctx: GraphqlContext): Promise<string[]> {
    const versions = await this.documentVersions.loader(ctx.loaders).load(doc.id);
    return filingFirst(
      doc.language,
      versions.map((v) => v.language),
    );
  }

  @ResolveField(() => [DocumentVersion], {
    description: 'Its files in other working languages (whoever sees the document sees them), in the order en, zh, fr, es, ru, ar',
  })
  async versions(@Parent() doc: Document, @Context() ctx: GraphqlContext): Promise<DocumentVersion[]> {
    return (await this.documentVersions.loader(ctx.loaders).load(doc.id)).map(toDocumentVersion);
  }

  @Mutation(() => Document, {
    description:
      'Files a version of a document in another working language (one per language; not its filing language). Its filer, a delegate of the member that filed it, or the secretariat; a document you may not see is NOT_FOUND',
  })
  async addDocumentVersion(@CurrentUser() actor: Actor, @Args() args: AddDocumentVersionArgs): Promise<Document> {
    return toDocument(await this.documentVersions.add(actor, args));
  }
}
