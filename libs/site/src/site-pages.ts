import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { DomainError, RequestLoaders, domainErrorBody, localizedErrorBody } from '@app/core';
import { Language, negotiateLanguage, translator, Translator } from '@app/i18n';
import type { Request, Response } from 'express';
import { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, execute, parse, validate } from 'graphql';
import { createHash } from 'node:crypto';
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

/** Query parameters the pages read, bounded: anything longer is cut, so a hostile URL costs nothing. */
export function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query ?? {})) {
    if (name === 'lang' || name === 'format') continue;
    if (typeof value === 'string' && value !== '') out[name.slice(0, 40)] = value.slice(0, 200);
  }
  return out;
}

/**
 * The public pages' one way to their data: the GraphQL schema itself, executed in the process as
 * an anonymous reader (no token, whatever the browser sent), so a page shows exactly what the API
 * shows the public and nothing more: the same resolvers, the same policies (README, Public pages).
 * Parsed and validated queries are kept: a page's query is a constant.
 */
@Injectable()
export class SitePages {
  private readonly documents = new Map<string, DocumentNode>();

  constructor(private readonly moduleRef: ModuleRef) {}

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

  /** Runs a query as the public: the request's address (for the API's limits) and language, never its credentials. */
  async run<T>(
    req: Request,
    res: Response,
    query: string,
    variables: Record<string, unknown> = {},
    language: Language = 'en',
  ): Promise<ExecutionResult<T>> {
    const anonymous = { headers: { 'accept-language': req.headers['accept-language'] }, ip: req.ip, user: null, query: { lang: language } };
    return (await execute({
      schema: this.schema,
      document: this.document(query),
      variableValues: variables,
      contextValue: { req: anonymous, res, loaders: new RequestLoaders() },
    })) as ExecutionResult<T>;
  }

  /** The request's language: `?lang=`, then `Accept-Language`; pages are public, so no user preference. */
  language(req: Request): { language: Language; unavailable: string | null } {
    const lang = typeof req.query?.lang === 'string' ? req.query.lang : null;
    const accept = req.headers['accept-language'];
    return negotiateLanguage({ query: lang, acceptLanguage: typeof accept === 'string' ? accept : null });
  }

  frame(req: Request): PageFrame & { language: Language } {
    const { language, unavailable } = this.language(req);
    return { t: translator(language), language, path: req.path, query: queryOf(req), unavailable };
  }

  /** Renders and sends a page (or its data with `?format=json`, or a 404 page). */
  async respond<T>(req: Request, res: Response, asked: PageSpec<T>): Promise<void> {
    const frame = this.frame(req);
    let spec = asked;
    let result = await this.run<T>(req, res, spec.query, variablesOf(spec, frame.language), frame.language);
    const refused = result.errors?.length && spec.invalid ? refusedFields(result.errors) : null;
    if (refused && spec.invalid) {
      spec = spec.invalid(refused);
      result = await this.run<T>(req, res, spec.query, variablesOf(spec, frame.language), frame.language);
    }
    const variables = variablesOf(spec, frame.language);
    const missing = result.errors?.find(isNotFound)?.originalError;
    const notFound = missing instanceof DomainError;
    if (result.errors?.length && !notFound) throw new Error(`A page's query failed: ${result.errors.map((e) => e.message).join('; ')}`);
    if (req.query?.format === 'json') {
      // Nothing public here: no data, and why, in the reader's language (the same for absent and not public).
      const error = notFound ? { error: localizedErrorBody(domainErrorBody(missing), frame.language) } : {};
      const body = JSON.stringify({ query: spec.query, variables, data: notFound ? null : result.data, ...error }, null, 2);
      return send(req, res, notFound ? 404 : 200, 'application/json; charset=utf-8', body, frame.language);
    }
    const content = notFound || !result.data ? null : spec.render({ data: result.data, t: frame.t, language: frame.language, frame });
    if (!content) return this.notFound(req, res);
    const json = `${req.path}?${new URLSearchParams({ ...frame.query, format: 'json' }).toString()}`;
    const page = layout(frame, { ...content, links: { json, ...content.links } });
    send(req, res, 200, 'text/html; charset=utf-8', page.value, frame.language);
  }

  /** The same 404 page for what does not exist and for what exists but is not public. */
  notFound(req: Request, res: Response): void {
    const frame = this.frame(req);
    const { t } = frame;
    const body: Html = html`<p>${t('site.notFound.text')}</p>
      <p><a href="${href(frame.language, '/')}">${t('site.notFound.back')}</a></p>`;
    send(req, res, 404, 'text/html; charset=utf-8', layout(frame, { title: t('site.notFound.title'), body }).value, frame.language);
  }
}

/**
 * Public pages hold only public facts and depend only on the URL and the language, so a reverse
 * proxy may keep them for a minute (`Vary: Accept-Language` for pages without `?lang=`); an ETag
 * lets a browser or a proxy revalidate with a 304 instead of the body.
 */
export function send(req: Request, res: Response, status: number, type: string, body: string, language: Language): void {
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.status(status);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Language', language === 'zh' ? 'zh-Hans' : language);
  res.setHeader('Cache-Control', status === 200 ? 'public, max-age=60' : 'public, max-age=10');
  res.setHeader('Vary', 'Accept-Language');
  res.setHeader('ETag', etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
  if (status === 200 && req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.end(body);
}
