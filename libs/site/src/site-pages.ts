import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  CachedAnswer,
  DomainError,
  PublicCache,
  ReadReplicas,
  RequestLoaders,
  answerKey,
  canonicalJson,
  domainErrorBody,
  etagOf,
  ifNoneMatchMatches,
  localizedErrorBody,
  sha256Hex,
  urlPath,
} from '@app/core';
import { Language, languageTag, negotiateLanguage, translator, Translator } from '@app/i18n';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, execute, parse, validate } from 'graphql';
import { Html, html } from './html';
import { PageContent, PageFrame, href, layout } from './layout';

/** What a page needs to render: its data, the translator, and the frame (path, query, fallback). */
export interface PageContext<T> {
  data: T;
  t: Translator;
  language: Language;
  frame: PageFrame;
}

export interface PageSpec<T> {
  /** The GraphQL query whose answer the page renders; `?format=json` returns that answer. */
  query: string;
  variables?: Record<string, unknown>;
  /** The page, or null when what was asked for does not exist publicly (a 404 page). */
  render: (page: PageContext<T>) => PageContent | null;
  /**
   * The page to show instead when the API refuses the query's input (BAD_USER_INPUT, e.g. a
   * cursor it did not issue), given the refused fields: the same page without them, saying so.
   * Without it such a refusal is a server error: a page checks its parameters before its query.
   */
  invalid?: (fields: string[]) => PageSpec<T>;
}

/** "Nothing public here": the page is a 404, the same for what is absent and what is not public. */
function isNotFound(error: GraphQLError): boolean {
  return error.originalError instanceof DomainError && error.originalError.category === 'NOT_FOUND';
}

/** The input fields the API refused, when every error of an answer is such a refusal; null otherwise. */
function refusedFields(errors: readonly GraphQLError[]): string[] | null {
  const fields = errors.map((e) =>
    e.originalError instanceof DomainError && e.originalError.category === 'BAD_USER_INPUT'
      ? String(e.originalError.details.field ?? '')
      : null,
  );
  return fields.every((f) => f !== null) ? (fields as string[]) : null;
}

/**
 * A page's variables, with the page's language as `$language` when its query takes one: the texts
 * it asks for in the reader's language (titles, summaries, limits). In the JSON of the page too, so
 * the query and its variables give the same answer at /graphql.
 */
function variablesOf(spec: Pick<PageSpec<unknown>, 'query' | 'variables'>, language: Language): Record<string, unknown> {
  const variables = spec.variables ?? {};
  return /\$language\b/.test(spec.query) ? { ...variables, language } : variables;
}

/** A page's request: its query string as Fastify parses it (a repeated name gives an array). */
export type PageRequest = FastifyRequest<{ Querystring: Record<string, string | string[] | undefined> }>;

/** Query parameters the pages read, bounded: anything longer is cut, so a hostile URL costs nothing. */
export function queryOf(req: PageRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query ?? {})) {
    if (name === 'lang' || name === 'format') continue;
    if (typeof value === 'string' && value !== '') out[name.slice(0, 40)] = value.slice(0, 200);
  }
  return out;
}

/** The key of a query's data in the cache of public answers: the GraphQL path's parts, in a space of its own. */
function dataKey(query: string, variables: Record<string, unknown>, language: Language, day: string): string {
  return `page-data\n${answerKey({ queryHash: sha256Hex(query), operationName: null, variables, language, day })}`;
}

/**
 * The key of a rendered page: its data's key (query, variables, language, day) and what else the
 * HTML shows: the path, the query parameters the pages read, and the format.
 */
function pageKey(req: PageRequest, spec: PageSpec<unknown>, frame: PageFrame & { language: Language }, day: string): string {
  const format = req.query?.format === 'json' ? 'json' : 'html';
  return `page\n${format}\n${urlPath(req.url)}\n${canonicalJson(frame.query)}\n${dataKey(spec.query, variablesOf(spec, frame.language), frame.language, day)}`;
}

/**
 * The public pages' one way to their data: the GraphQL schema itself, executed in the process as
 * an anonymous reader (no token, whatever the browser sent), so a page shows exactly what the API
 * shows the public and nothing more: the same resolvers, the same policies (README, Public pages).
 * Parsed and validated queries are kept: a page's query is a constant.
 *
 * Both the data and the rendered page are kept in the process's cache of public answers
 * (PublicCache; README, "Public reads from a cache"), filed under the version of the public data
 * read before the query ran, and served only while the database still holds that version: the
 * GraphQL path's guarantees (read-your-writes across processes). Only a complete answer without
 * errors, and only a 200 page, is kept.
 */
@Injectable()
export class SitePages {
  private readonly documents = new Map<string, DocumentNode>();
  /** Pages and data served from the cache or computed: for the tests and the bench. */
  readonly counts = { pageHits: 0, pageMisses: 0, dataHits: 0, dataMisses: 0 };

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly cache: PublicCache,
    private readonly replicas: ReadReplicas,
  ) {}

  /** The schema the GraphQL module built (its host is not exported to other modules: looked up once, at first use). */
  private get schema(): GraphQLSchema {
    this.schemaHost ??= this.moduleRef.get(GraphQLSchemaHost, { strict: false });
    return this.schemaHost.schema;
  }

  private schemaHost?: GraphQLSchemaHost;

  private document(query: string): DocumentNode {
    let document = this.documents.get(query);
    if (!document) {
      document = parse(query);
      const errors = validate(this.schema, document);
      if (errors.length) throw new Error(`A page's query is invalid: ${errors.map((e) => e.message).join('; ')}`);
      this.documents.set(query, document);
    }
    return document;
  }

  /** The version to serve and keep at, read after the request arrived; null when nothing may be kept. */
  private async version(): Promise<bigint | null> {
    return this.cache.answers.enabled ? this.cache.currentVersion() : null;
  }

  /**
   * Runs a query as the public: the request's address (for the API's limits) and language, never
   * its credentials. Its data comes from the cache when kept at the current version.
   */
  async run<T>(
    req: PageRequest,
    res: FastifyReply,
    query: string,
    variables: Record<string, unknown> = {},
    language: Language = 'en',
  ): Promise<ExecutionResult<T>> {
    return this.runAt<T>(await this.version(), req, res, query, variables, language);
  }

  /** `run`, at a version already read (null: neither served from nor kept in the cache). */
  private async runAt<T>(
    version: bigint | null,
    req: PageRequest,
    res: FastifyReply,
    query: string,
    variables: Record<string, unknown>,
    language: Language,
  ): Promise<ExecutionResult<T>> {
    const key = version === null ? null : dataKey(query, variables, language, this.cache.today());
    const kept = key ? this.cache.answers.get(key) : undefined;
    if (kept && kept.version === version) {
      this.counts.dataHits += 1;
      return JSON.parse(kept.body.toString()) as ExecutionResult<T>;
    }
    this.counts.dataMisses += 1;
    const anonymous = { headers: { 'accept-language': req.headers['accept-language'] }, ip: req.ip, user: null, query: { lang: language } };
    // With read replicas, the reads go to one that holds the version (README, "Running on several machines").
    const result = (await this.replicas.scope(async () => {
      if (this.replicas.enabled) await this.replicas.route(version ?? (await this.cache.currentVersion()));
      return execute({
        schema: this.schema,
        document: this.document(query),
        variableValues: variables,
        // The reply as /graphql's context holds it on Fastify (apps/api/src/app.module.ts): the raw response.
        contextValue: { req: anonymous, res: res.raw, loaders: new RequestLoaders() },
      });
    })) as ExecutionResult<T>;
    if (key && version !== null && !result.errors?.length) {
      const body = Buffer.from(JSON.stringify({ data: result.data }));
      this.cache.answers.set(key, { version, body, etag: '', contentLanguage: languageTag(language) });
    }
    return result;
  }

  /** The request's language: `?lang=`, then `Accept-Language`; pages are public, so no user preference. */
  language(req: PageRequest): { language: Language; unavailable: string | null } {
    const lang = typeof req.query?.lang === 'string' ? req.query.lang : null;
    const accept = req.headers['accept-language'];
    return negotiateLanguage({ query: lang, acceptLanguage: typeof accept === 'string' ? accept : null });
  }

  frame(req: PageRequest): PageFrame & { language: Language } {
    const { language, unavailable } = this.language(req);
    return { t: translator(language), language, path: urlPath(req.url), query: queryOf(req), unavailable };
  }

  /**
   * Renders and sends a page (or its data with `?format=json`, or a 404 page). A page kept at the
   * current version is sent as kept, querying and rendering nothing (the render is 10 to 40 ms of
   * the docket's and a dispute's page: bench/RESULTS.md). A page with a language fallback notice is not
   * kept (the notice names whatever the browser asked for: no bounded key).
   */
  async respond<T>(req: PageRequest, res: FastifyReply, asked: PageSpec<T>): Promise<void> {
    const frame = this.frame(req);
    const version = frame.unavailable ? null : await this.version();
    const key = version === null ? null : pageKey(req, asked as PageSpec<unknown>, frame, this.cache.today());
    const json = req.query?.format === 'json';
    const type = json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
    const kept = key ? this.cache.answers.get(key) : undefined;
    if (kept && kept.version === version) {
      this.counts.pageHits += 1;
      return sendBytes(req, res, 200, type, kept);
    }
    this.counts.pageMisses += 1;
    const page = await this.compute(version, req, res, asked, frame);
    if (!page) return this.notFound(req, res);
    const body = Buffer.from(page.body);
    const answer: CachedAnswer = { version: version ?? 0n, body, etag: etagOf(body), contentLanguage: languageTag(frame.language) };
    if (key && version !== null && page.status === 200) this.cache.answers.set(key, answer);
    sendBytes(req, res, page.status, type, answer);
  }

  /** The page's body and status (200, or 404 for JSON that names nothing public); null for the 404 page. */
  private async compute<T>(
    version: bigint | null,
    req: PageRequest,
    res: FastifyReply,
    asked: PageSpec<T>,
    frame: PageFrame & { language: Language },
  ): Promise<{ status: number; body: string } | null> {
    let spec = asked;
    let result = await this.runAt<T>(version, req, res, spec.query, variablesOf(spec, frame.language), frame.language);
    const refused = result.errors?.length && spec.invalid ? refusedFields(result.errors) : null;
    if (refused && spec.invalid) {
      spec = spec.invalid(refused);
      result = await this.runAt<T>(version, req, res, spec.query, variablesOf(spec, frame.language), frame.language);
    }
    const variables = variablesOf(spec, frame.language);
    const missing = result.errors?.find(isNotFound)?.originalError;
    const notFound = missing instanceof DomainError;
    if (result.errors?.length && !notFound) throw new Error(`A page's query failed: ${result.errors.map((e) => e.message).join('; ')}`);
    if (req.query?.format === 'json') {
      // Nothing public here: no data, and why, in the reader's language (the same for absent and not public).
      const error = notFound ? { error: localizedErrorBody(domainErrorBody(missing), frame.language) } : {};
      const body = JSON.stringify({ query: spec.query, variables, data: notFound ? null : result.data, ...error }, null, 2);
      return { status: notFound ? 404 : 200, body };
    }
    const content = notFound || !result.data ? null : spec.render({ data: result.data, t: frame.t, language: frame.language, frame });
    if (!content) return null;
    const jsonLink = `${urlPath(req.url)}?${new URLSearchParams({ ...frame.query, format: 'json' }).toString()}`;
    return { status: 200, body: layout(frame, { ...content, links: { json: jsonLink, ...content.links } }).value };
  }

  /** The same 404 page for what does not exist and for what exists but is not public. */
  notFound(req: PageRequest, res: FastifyReply): void {
    const frame = this.frame(req);
    const { t } = frame;
    const body: Html = html`<p>${t('site.notFound.text')}</p>
      <p><a href="${href(frame.language, '/')}">${t('site.notFound.back')}</a></p>`;
    send(req, res, 404, 'text/html; charset=utf-8', layout(frame, { title: t('site.notFound.title'), body }).value, frame.language);
  }
}

/**
 * Public pages hold only public facts and depend only on the URL and the language. Any cache may
 * keep them but must ask again each time (`max-age=0, must-revalidate`, as the GraphQL path's
 * public answers): the ETag (SHA-256 of the body) lets a browser or a proxy revalidate with a 304,
 * given after the version check, so no one is served a page a committed change made stale.
 */
export function send(req: PageRequest, res: FastifyReply, status: number, type: string, body: string, language: Language): void {
  const bytes = Buffer.from(body);
  sendBytes(req, res, status, type, { body: bytes, etag: etagOf(bytes), contentLanguage: languageTag(language) });
}

function sendBytes(req: PageRequest, res: FastifyReply, status: number, type: string, page: Omit<CachedAnswer, 'version'>): void {
  res.code(status);
  res.header('Content-Type', type);
  res.header('Content-Language', page.contentLanguage);
  res.header('Cache-Control', 'public, max-age=0, must-revalidate');
  res.header('Vary', 'Accept-Language');
  res.header('ETag', page.etag);
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'same-origin');
  res.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
  if (status === 200 && ifNoneMatchMatches(req.headers['if-none-match'], page.etag)) {
    res.code(304).send();
    return;
  }
  res.header('Content-Length', page.body.length);
  res.send(page.body);
}
