import {
  CachedAnswer,
  PublicCache,
  ReadReplicas,
  answerKey,
  etagOf,
  ifNoneMatchMatches,
  negotiateRequestLanguage,
  sha256Hex,
} from '@app/core';
import type { NextFunction, Request, Response } from 'express';
import { passesPreflightCheck } from '../csrf';
import { withVary } from '../language.plugin';

/** What the middleware tells the plugin about an anonymous request, and the plugin answers. */
export interface PendingAnswer {
  readonly key: string;
  /** The version of the public data read after the request arrived and before it ran (null: none, not kept). */
  version?: bigint | null;
  /** Set by the plugin: a query, answered without errors, to nobody signed in. */
  cacheable?: boolean;
}

const PENDING = Symbol('publicAnswer');

/** The pending answer of a request (the plugin's side), if the middleware keyed it. */
export function pendingAnswerOf(req: object): PendingAnswer | undefined {
  return (req as { [PENDING]?: PendingAnswer })[PENDING];
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return Symbol.for('invalid');
  }
}

/**
 * The key of a request that may be answered from the cache, or null: anonymous (no Authorization
 * header, the only credential the API reads: cookies carry none), the query or its persisted
 * hash, its variables, and a working language it asked for (a fallback's notice names what was
 * asked: not kept).
 */
export function anonymousRequestKey(req: Request, day: string): string | null {
  if (req.headers.authorization !== undefined) return null;
  const source = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
  if (!source || typeof source !== 'object' || Array.isArray(source)) return null;
  const variables = parsedJson(source.variables);
  const extensions = parsedJson(source.extensions) as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined;
  if (typeof variables === 'symbol' || typeof extensions === 'symbol') return null;
  if (source.operationName !== undefined && source.operationName !== null && typeof source.operationName !== 'string') return null;
  const persisted = extensions && typeof extensions === 'object' ? extensions.persistedQuery?.sha256Hash : undefined;
  // With the text, its own hash (a client cannot file an answer under another query's hash);
  // without it, the persisted hash, which Apollo resolves only to the text it was registered with.
  const queryHash =
    typeof source.query === 'string'
      ? sha256Hex(source.query)
      : typeof persisted === 'string' && SHA256_HEX.test(persisted)
        ? persisted.toLowerCase()
        : null;
  if (!queryHash) return null;
  const { language, unavailable } = negotiateRequestLanguage({ query: req.query, headers: req.headers, user: null });
  if (unavailable) return null;
  return answerKey({
    queryHash,
    operationName: (source.operationName as string | null) ?? null,
    variables: variables ?? {},
    language,
    day,
  });
}

/**
 * Headers of an answer any cache may keep: it may store it but must ask again each time
 * (`max-age=0, must-revalidate`), with the ETag, and gets a 304 once the version of the public
 * data is checked: a reverse proxy or CDN saves the body and its transfer, never the check, so no
 * one is served an answer a committed change made stale. `Vary`: the language, and Authorization
 * (a signed-in reader's answer differs).
 */
function setPublicHeaders(res: Response, etag: string): void {
  res.setHeader('cache-control', 'public, max-age=0, must-revalidate');
  res.setHeader('etag', etag);
  res.setHeader('vary', withVary(withVary(res.getHeader('vary') as string | undefined, 'Accept-Language'), 'Authorization'));
}

/** Apollo's answer, kept when the plugin found it cacheable; a 304 when the client has it already. */
function capture(req: Request, res: Response, pending: PendingAnswer, cache: PublicCache): void {
  const send = res.send.bind(res) as Response['send'];
  res.send = ((body: unknown) => {
    res.send = send;
    if (
      !pending.cacheable ||
      pending.version === undefined ||
      pending.version === null ||
      res.statusCode !== 200 ||
      typeof body !== 'string'
    )
      return send(body);
    const buffer = Buffer.from(body);
    const answer: CachedAnswer = {
      version: pending.version,
      body: buffer,
      etag: etagOf(buffer),
      contentLanguage: String(res.getHeader('content-language') ?? ''),
    };
    cache.answers.set(pending.key, answer);
    cache.counts.stored += 1;
    setPublicHeaders(res, answer.etag);
    if (!ifNoneMatchMatches(req.headers['if-none-match'], answer.etag)) return send(body);
    cache.counts.notModified += 1;
    res.status(304);
    return send('');
  }) as Response['send'];
}

function serve(req: Request, res: Response, answer: CachedAnswer, cache: PublicCache): void {
  cache.counts.hits += 1;
  res.setHeader('content-language', answer.contentLanguage);
  setPublicHeaders(res, answer.etag);
  if (ifNoneMatchMatches(req.headers['if-none-match'], answer.etag)) {
    cache.counts.notModified += 1;
    res.status(304).end();
    return;
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', answer.body.length);
  res.status(200).end(answer.body);
}

/**
 * Before Apollo on /graphql (README, "Public reads from a cache"): an anonymous request whose
 * answer is kept, at the version the database holds now, is answered here; any other goes on to
 * Apollo, and an anonymous one has its answer kept on the way out if the plugin found it
 * cacheable. Every other answer says `Cache-Control: private, no-store`.
 */
export function publicCacheMiddleware(cache: PublicCache) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    res.setHeader('cache-control', 'private, no-store');
    if (!cache.answers.enabled) return next();
    const key = anonymousRequestKey(req, cache.today());
    if (!key) return next();
    const pending: PendingAnswer = { key };
    (req as { [PENDING]?: PendingAnswer })[PENDING] = pending;
    const answer = cache.answers.get(key);
    // A request Apollo would refuse as a possible CSRF is refused there, as always.
    if (!answer || !passesPreflightCheck(req.headers)) {
      cache.counts.misses += 1;
      capture(req, res, pending, cache);
      return next();
    }
    cache.currentVersion().then(
      (version) => {
        if (version === answer.version) return serve(req, res, answer, cache);
        cache.counts.misses += 1;
        // Read after the request arrived: the version its answer will be kept at.
        pending.version = version;
        capture(req, res, pending, cache);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/**
 * Opens the scope in which an anonymous request's reads may go to a read replica (README, "Running
 * on several machines"); the plugin names the replica once the operation is a query and the
 * version of the public data is read. A request with any Authorization header reads on the primary.
 */
export function readReplicaScope(replicas: ReadReplicas) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!replicas.enabled || req.headers.authorization !== undefined) return next();
    replicas.scope(next);
  };
}
